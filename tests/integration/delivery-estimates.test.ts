import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import {
  endOfDay,
  estimateShipmentWindow,
  estimateWindowJob,
  originalPromise,
  runEstimateWindowJob,
  startOfDay,
} from "../../app/models/delivery-estimates.server";
import { addBusinessDays } from "../../app/models/delivery-windows/business-days";
import { dayNumberAt } from "../../app/models/delivery-windows/calendar-day";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHOP_ZONE = "America/Los_Angeles";
// Thursday 09:00 in Los Angeles; the window it gets spans the start of daylight saving time (Sunday 8 March).
const SHIPPED_AT = new Date("2026-03-05T17:00:00Z");
const FIRST_ESTIMATE_AT = new Date("2026-03-05T20:00:00Z");
const LANE = { carrier: "ups", service: "Ground", country: "US", region: "CA", postalPrefix: "940" };

let serial = 0;

// Each test gets shops of its own: a learned history is cached per shop for an hour.
async function createShop(name: string): Promise<string> {
  serial += 1;
  const domain = `${name}-${serial}.myshopify.com`;
  await prisma.shop.create({ data: { domain, name, timezone: SHOP_ZONE, settings: { create: {} } } });
  return domain;
}

async function createShipment(
  shop: string,
  {
    status,
    orderedAt,
    shippedAt,
    deliveredAt = null,
    lane = LANE,
  }: {
    status: string;
    orderedAt: Date;
    shippedAt: Date | null;
    deliveredAt?: Date | null;
    lane?: typeof LANE;
  },
) {
  const number = (serial += 1);
  const order = await prisma.order.create({
    data: {
      shop,
      shopifyId: `gid://shopify/Order/${number}`,
      name: `#${number}`,
      orderedAt,
      destinationCountry: lane.country,
      destinationProvince: lane.region,
      destinationPostalPrefix: lane.postalPrefix,
    },
  });
  return prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${number}`,
      trackingNumber: `1Z${number}`,
      carrier: lane.carrier,
      service: lane.service,
      status,
      shippedAt,
      deliveredAt,
    },
  });
}

// Delivered parcels shipped on past Mondays, each taking the given number of business days after shipping.
async function seedHistory(shop: string, transitBusinessDays: number[]) {
  for (const [index, businessDays] of transitBusinessDays.entries()) {
    const shippedAt = new Date(Date.parse("2026-02-23T18:00:00Z") - index * 7 * DAY);
    const deliveryDay = addBusinessDays(dayNumberAt(shippedAt, SHOP_ZONE), businessDays, "US");
    await createShipment(shop, {
      status: "delivered",
      orderedAt: new Date(shippedAt.getTime() - DAY),
      shippedAt,
      deliveredAt: new Date(deliveryDay * DAY + 21 * HOUR),
    });
  }
}

// 40 parcels: 8 in 2 business days, 24 in 3, 8 in 4. With the default coverage of 0.9 the window is
// 2–4 business days after shipping, most likely 3.
const usualTransits = () => [
  ...Array<number>(8).fill(2),
  ...Array<number>(24).fill(3),
  ...Array<number>(8).fill(4),
];

const newShipment = (shop: string) =>
  createShipment(shop, {
    status: "in_transit",
    orderedAt: new Date("2026-03-04T18:00:00Z"),
    shippedAt: SHIPPED_AT,
  });

const estimatesOf = (shop: string, shipmentId: string) =>
  prisma.deliveryEstimate.findMany({ where: { shop, shipmentId }, orderBy: { createdAt: "asc" } });

describe("estimateShipmentWindow", () => {
  it("predicts from the lane's history, in the destination's days, and keeps the first estimate as the promise", async () => {
    const shop = await createShop("lane");
    await seedHistory(shop, usualTransits());
    const shipment = await newShipment(shop);

    const first = await estimateShipmentWindow({ shop, shipmentId: shipment.id, now: FIRST_ESTIMATE_AT });

    // Monday 9 – Wednesday 11 March, midnight to midnight Pacific daylight time.
    expect(first).toEqual({
      changed: true,
      basis: "lane",
      window: {
        earliestAt: new Date("2026-03-09T07:00:00Z"),
        likelyAt: new Date("2026-03-10T07:00:00Z"),
        latestAt: new Date("2026-03-12T06:59:59.999Z"),
      },
    });
    const stored = await prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } });
    expect(stored.windowStart).toEqual(new Date("2026-03-09T07:00:00Z"));
    expect(stored.windowEnd).toEqual(new Date("2026-03-12T06:59:59.999Z"));
    const [original, ...others] = await estimatesOf(shop, shipment.id);
    expect(others).toEqual([]);
    expect(original).toMatchObject({
      isOriginal: true,
      basis: "lane",
      earliestAt: new Date("2026-03-09T07:00:00Z"),
      likelyAt: new Date("2026-03-10T07:00:00Z"),
      latestAt: new Date("2026-03-12T06:59:59.999Z"),
    });

    // Tuesday morning, a scan later and still travelling: the two-day deliveries are out of the picture.
    const scannedAt = new Date("2026-03-10T15:00:00Z");
    await prisma.trackingEvent.create({
      data: {
        shop,
        shipmentId: shipment.id,
        status: "in_transit",
        occurredAt: scannedAt,
        source: "carrier",
        dedupeKey: "in_transit:1",
      },
    });
    await prisma.shipment.update({ where: { id: shipment.id }, data: { lastEventAt: scannedAt } });
    const revisedAt = new Date("2026-03-10T18:00:00Z");
    const revision = await estimateShipmentWindow({ shop, shipmentId: shipment.id, now: revisedAt });

    expect(revision).toMatchObject({
      changed: true,
      basis: "lane",
      window: {
        earliestAt: new Date("2026-03-10T07:00:00Z"),
        latestAt: new Date("2026-03-12T06:59:59.999Z"),
      },
    });
    const estimates = await estimatesOf(shop, shipment.id);
    expect(estimates.map((estimate) => [estimate.isOriginal, estimate.earliestAt])).toEqual([
      [true, new Date("2026-03-09T07:00:00Z")],
      [false, new Date("2026-03-10T07:00:00Z")],
    ]);
    expect(await originalPromise({ shop, shipmentId: shipment.id })).toMatchObject({
      earliestAt: new Date("2026-03-09T07:00:00Z"),
      latestAt: new Date("2026-03-12T06:59:59.999Z"),
      basis: "lane",
    });

    // Nothing new: the same window again writes nothing, through the job as well.
    const again = await estimateShipmentWindow({
      shop,
      shipmentId: shipment.id,
      now: new Date(revisedAt.getTime() + HOUR),
    });
    expect(again?.changed).toBe(false);
    await runEstimateWindowJob({
      shop,
      payload: { shipmentId: shipment.id },
      now: new Date(revisedAt.getTime() + 2 * HOUR),
    });
    expect(await estimatesOf(shop, shipment.id)).toHaveLength(2);
  });

  it("skips delivered and unshipped shipments", async () => {
    const shop = await createShop("final");
    await seedHistory(shop, usualTransits());
    const delivered = await createShipment(shop, {
      status: "delivered",
      orderedAt: new Date("2026-03-04T18:00:00Z"),
      shippedAt: SHIPPED_AT,
      deliveredAt: new Date("2026-03-09T20:00:00Z"),
    });
    const unshipped = await createShipment(shop, {
      status: "pending",
      orderedAt: new Date("2026-03-04T18:00:00Z"),
      shippedAt: null,
    });

    for (const shipment of [delivered, unshipped]) {
      expect(
        await estimateShipmentWindow({ shop, shipmentId: shipment.id, now: FIRST_ESTIMATE_AT }),
      ).toBeNull();
      expect(await estimatesOf(shop, shipment.id)).toEqual([]);
      expect(await originalPromise({ shop, shipmentId: shipment.id })).toBeNull();
    }
  });

  it("learns only from the shop's own deliveries", async () => {
    const shop = await createShop("own");
    const slowShop = await createShop("slow");
    const newShop = await createShop("new");
    await seedHistory(shop, usualTransits());
    await seedHistory(slowShop, Array<number>(40).fill(8));
    const shipment = await newShipment(shop);
    const newShopShipment = await newShipment(newShop);

    const estimate = await estimateShipmentWindow({ shop, shipmentId: shipment.id, now: FIRST_ESTIMATE_AT });
    expect(estimate?.window.earliestAt).toEqual(new Date("2026-03-09T07:00:00Z"));
    expect(estimate?.window.latestAt).toEqual(new Date("2026-03-12T06:59:59.999Z"));

    // Another shop's shipment id is not this shop's to estimate, and a shop without history has no window.
    expect(
      await estimateShipmentWindow({ shop: slowShop, shipmentId: shipment.id, now: FIRST_ESTIMATE_AT }),
    ).toBeNull();
    expect(
      await estimateShipmentWindow({ shop: newShop, shipmentId: newShopShipment.id, now: FIRST_ESTIMATE_AT }),
    ).toBeNull();
    expect(await estimatesOf(newShop, newShopShipment.id)).toEqual([]);
    expect(await estimatesOf(slowShop, shipment.id)).toEqual([]);
  });

  it("falls back to the shop's whole history when the lane's is thin", async () => {
    const shop = await createShop("thin");
    await seedHistory(shop, [3, 3, 3, 3, 3]);
    const shipment = await newShipment(shop);

    const estimate = await estimateShipmentWindow({ shop, shipmentId: shipment.id, now: FIRST_ESTIMATE_AT });

    expect(estimate).toMatchObject({
      changed: true,
      basis: "global",
      window: {
        earliestAt: new Date("2026-03-10T07:00:00Z"),
        latestAt: new Date("2026-03-11T06:59:59.999Z"),
      },
    });
    const [original] = await estimatesOf(shop, shipment.id);
    expect(original).toMatchObject({ isOriginal: true, basis: "global" });
  });
});

describe("local day bounds", () => {
  it("follow daylight saving time", () => {
    // Spring forward: Sunday 8 March has 23 hours in Los Angeles.
    expect(startOfDay("2026-03-08", SHOP_ZONE)).toEqual(new Date("2026-03-08T08:00:00Z"));
    expect(endOfDay("2026-03-08", SHOP_ZONE)).toEqual(new Date("2026-03-09T06:59:59.999Z"));
    // Fall back: Sunday 1 November has 25.
    expect(startOfDay("2026-11-01", SHOP_ZONE)).toEqual(new Date("2026-11-01T07:00:00Z"));
    expect(endOfDay("2026-11-01", SHOP_ZONE)).toEqual(new Date("2026-11-02T07:59:59.999Z"));
    // Chile skips midnight: Sunday 6 September 2026 starts at 01:00 (-03).
    expect(startOfDay("2026-09-06", "America/Santiago")).toEqual(new Date("2026-09-06T04:00:00Z"));
  });
});

describe("estimateWindowJob", () => {
  it("is one queued estimate per shipment", () => {
    expect(estimateWindowJob("a.myshopify.com", "ship_1")).toEqual({
      shop: "a.myshopify.com",
      type: "shipment.estimate_window",
      uniqueKey: "shipment.estimate_window:ship_1",
      payload: { shipmentId: "ship_1" },
    });
  });
});
