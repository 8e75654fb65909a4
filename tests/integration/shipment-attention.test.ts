import { describe, expect, it } from "vitest";
import prisma, { rawSql } from "../../app/db.server";
import { refreshShipment } from "../../app/models/carrier-refresh.server";
import { applyFulfillmentEventSql } from "../../app/models/order-sync-sql.server";
import { applyFulfillmentEventSnapshot } from "../../app/models/order-sync.server";
import type { NormalizedEvent, TrackingResult } from "../../app/services/carriers/carrier-adapter";
import type { FulfillmentEventSnapshot } from "../../app/services/shopify-snapshots";

// What carriers report makes a shipment need attention (an exception, with its reason and who can act) in the
// transaction that changes its status and queues the message; the parcel moving on resolves it. Carrier polls,
// and both webhook apply paths (ORM and driver), alike.

const HOUR = 3_600_000;
const NOW = new Date("2026-11-20T12:00:00Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

let serial = 0;

async function createShop(): Promise<string> {
  serial += 1;
  const domain = `attention-${serial}.myshopify.com`;
  await prisma.shop.create({ data: { domain, name: `Attention ${serial}`, settings: { create: {} } } });
  return domain;
}

// Polls share one rate limiter per carrier, whose clock is each poll's `now`: each test polls its own carrier.
async function createShipment(shop: string, carrier = "ups") {
  serial += 1;
  const order = await prisma.order.create({
    data: { shop, shopifyId: `gid://shopify/Order/${serial}`, name: `#${serial}`, orderedAt: at(-96) },
  });
  return prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${serial}`,
      trackingNumber: `1Z999AA1${serial}`,
      carrier,
      status: "in_transit",
      shippedAt: at(-72),
    },
  });
}

const shipmentById = (id: string) => prisma.shipment.findUniqueOrThrow({ where: { id } });
const attentionOf = async (id: string) => {
  const { attention, attentionReason, attentionOwner, attentionSince, attentionResolvedAt } =
    await shipmentById(id);
  return { attention, attentionReason, attentionOwner, attentionSince, attentionResolvedAt };
};

// A carrier answering with these scans (oldest first).
function carrierReports(scans: Array<Pick<NormalizedEvent, "status" | "substatus"> & { hours: number }>) {
  const events: NormalizedEvent[] = scans.map((scan) => ({
    status: scan.status,
    substatus: scan.substatus,
    occurredAt: at(scan.hours),
    utcOffsetMinutes: null,
    location: { city: null, region: null, postalCode: null, country: null },
    description: null,
    rawCode: scan.substatus,
    rawText: null,
    dedupeKey: `${scan.substatus}:${scan.hours}`,
  }));
  const last = events.at(-1);
  const result: TrackingResult = {
    status: last?.status ?? "in_transit",
    substatus: last?.substatus ?? "in_transit",
    estimatedDeliveryAt: null,
    deliveredAt: last?.status === "delivered" ? last.occurredAt : null,
    events,
  };
  return async () => result;
}

const connect = async () => ({
  credentials: {} as never,
  baseUrl: "http://127.0.0.1:9",
  source: "shop" as const,
});

function poll(shop: string, shipmentId: string, now: Date, track: ReturnType<typeof carrierReports>) {
  return refreshShipment({ shop, shipmentId, now, track, connect });
}

describe("a carrier poll", () => {
  it("flags what the carrier reports with who can act, and resolves it once the parcel is delivered", async () => {
    const shop = await createShop();
    const parcel = await createShipment(shop);
    const moving = { status: "in_transit", substatus: "departed", hours: -30 } as const;
    const addressProblem = { status: "exception", substatus: "address_problem", hours: -2 } as const;

    await poll(shop, parcel.id, NOW, carrierReports([moving, addressProblem]));

    expect(await attentionOf(parcel.id)).toEqual({
      attention: "exception",
      attentionReason: "address_problem",
      attentionOwner: "shopper",
      attentionSince: NOW,
      attentionResolvedAt: null,
    });
    // The same transaction queued the shopper's message about it.
    const keys = async () =>
      (await prisma.notification.findMany({ where: { shop }, orderBy: { idempotencyKey: "asc" } })).map(
        (row) => row.idempotencyKey,
      );
    expect(await keys()).toContain(`${parcel.id}:exception:address_problem:email`);

    // Damaged next: a different problem and owner, the same episode.
    const damaged = { status: "exception", substatus: "damaged", hours: 1 } as const;
    await poll(shop, parcel.id, at(2), carrierReports([moving, addressProblem, damaged]));
    expect(await attentionOf(parcel.id)).toMatchObject({
      attention: "exception",
      attentionReason: "damaged",
      attentionOwner: "carrier",
      attentionSince: NOW,
    });

    const delivered = { status: "delivered", substatus: "signed", hours: 5 } as const;
    await poll(shop, parcel.id, at(6), carrierReports([moving, addressProblem, damaged, delivered]));
    expect(await attentionOf(parcel.id)).toEqual({
      attention: null,
      attentionReason: null,
      attentionOwner: null,
      attentionSince: NOW,
      attentionResolvedAt: at(6),
    });
  });

  it("puts a customs hold on customs, and a failed attempt on the shopper until the parcel moves again", async () => {
    const shop = await createShop();
    const customs = await createShipment(shop, "fedex");
    const attempted = await createShipment(shop, "fedex");

    await poll(
      shop,
      customs.id,
      NOW,
      carrierReports([{ status: "delayed", substatus: "customs_delay", hours: -1 }]),
    );
    await poll(
      shop,
      attempted.id,
      at(1),
      carrierReports([{ status: "attempted", substatus: "not_home", hours: -1 }]),
    );

    expect(await attentionOf(customs.id)).toMatchObject({
      attention: "exception",
      attentionReason: "customs_delay",
      attentionOwner: "customs",
    });
    expect(await attentionOf(attempted.id)).toMatchObject({
      attention: "exception",
      attentionReason: "not_home",
      attentionOwner: "shopper",
    });

    await poll(
      shop,
      attempted.id,
      at(20),
      carrierReports([
        { status: "attempted", substatus: "not_home", hours: -1 },
        { status: "out_for_delivery", substatus: "out_for_delivery", hours: 19 },
      ]),
    );
    expect(await attentionOf(attempted.id)).toMatchObject({
      attention: null,
      attentionReason: null,
      attentionResolvedAt: at(20),
    });
  });

  it("leaves a late parcel late when it keeps moving: a broken promise stays until delivery", async () => {
    const shop = await createShop();
    const parcel = await createShipment(shop, "usps");
    await prisma.shipment.update({
      where: { id: parcel.id },
      data: {
        attention: "late",
        attentionReason: "window_passed",
        attentionOwner: "carrier",
        attentionSince: at(-5),
      },
    });
    const result = await poll(
      shop,
      parcel.id,
      NOW,
      carrierReports([{ status: "in_transit", substatus: "arrived", hours: -1 }]),
    );
    expect(result.outcome).toBe("updated");
    expect(await attentionOf(parcel.id)).toMatchObject({ attention: "late", attentionSince: at(-5) });
  });
});

describe("the webhook apply paths", () => {
  function shopifyEvent(fulfillmentShopifyId: string, id: number, status: string, hours: number) {
    return {
      shopifyId: `gid://shopify/FulfillmentEvent/${fulfillmentShopifyId.split("/").pop()}${id}`,
      fulfillmentShopifyId,
      status,
      happenedAt: at(hours),
      message: null,
      city: null,
      province: null,
      country: null,
      postalCode: null,
      estimatedDeliveryAt: null,
    } satisfies FulfillmentEventSnapshot;
  }

  const throughOrm = (shop: string, event: FulfillmentEventSnapshot) =>
    prisma.$transaction((tx) => applyFulfillmentEventSnapshot(tx, { shop, orderShopifyId: "", event }));
  const throughDriver = (shop: string, event: FulfillmentEventSnapshot) =>
    rawSql.transaction((sql) => applyFulfillmentEventSql(sql, { shop, event }));

  it("flag and resolve alike, whichever applies the event", async () => {
    const shop = await createShop();
    const viaOrm = await createShipment(shop);
    const viaDriver = await createShipment(shop);
    const bothPaths = async (status: string, hours: number, index: number) => {
      await throughOrm(shop, shopifyEvent(viaOrm.shopifyFulfillmentId ?? "", index, status, hours));
      expect(
        await throughDriver(shop, shopifyEvent(viaDriver.shopifyFulfillmentId ?? "", index, status, hours)),
      ).toBe("applied");
      const [orm, driver] = await Promise.all([shipmentById(viaOrm.id), shipmentById(viaDriver.id)]);
      const fields = ({ attention, attentionReason, attentionOwner }: typeof orm) => ({
        attention,
        attentionReason,
        attentionOwner,
      });
      expect(fields(driver)).toEqual(fields(orm));
      return fields(orm);
    };

    expect(await bothPaths("attempted_delivery", -6, 1)).toEqual({
      attention: "exception",
      attentionReason: "attempted",
      attentionOwner: "shopper",
    });
    expect(await bothPaths("failure", -3, 2)).toEqual({
      attention: "exception",
      attentionReason: "carrier_failure",
      attentionOwner: "carrier",
    });
    // An older scan changes nothing; a newer one that shows the parcel moving resolves it.
    expect(await bothPaths("in_transit", -10, 3)).toMatchObject({ attention: "exception" });
    expect(await bothPaths("in_transit", -1, 4)).toEqual({
      attention: null,
      attentionReason: null,
      attentionOwner: null,
    });
    for (const id of [viaOrm.id, viaDriver.id])
      expect((await shipmentById(id)).attentionResolvedAt).not.toBeNull();
  });
});
