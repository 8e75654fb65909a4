import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { getShipmentDetail } from "../../app/models/shipment-detail.server";
import { SEED_NOW, SHOP_A, SHOP_B, seedTwoShops } from "../helpers/seeded-shops";

// The shipment page's read: one shop's shipment with its scans and every message about it, never another
// shop's.

let seeded: Awaited<ReturnType<typeof seedTwoShops>>;

beforeAll(async () => {
  seeded = await seedTwoShops();
});

const minutesAfterSeed = (minutes: number) => new Date(SEED_NOW.getTime() + minutes * 60_000);

// The seeded shipment of shop A with the most scans, so ordering is actually exercised.
function busiestShipmentOfShopA() {
  const counts = new Map<string, number>();
  for (const event of seeded.a.events) counts.set(event.shipmentId, (counts.get(event.shipmentId) ?? 0) + 1);
  const [shipmentId] = [...counts.entries()].sort((x, y) => y[1] - x[1])[0] ?? [];
  const shipment = seeded.a.shipments.find((candidate) => candidate.id === shipmentId);
  if (!shipment?.id) throw new Error("the seed has no shipment with scans");
  return { ...shipment, id: shipment.id };
}

async function createNotification(input: {
  shop: string;
  shipmentId: string;
  orderId: string;
  milestone: string;
  channel?: string;
  status: string;
  suppressedReason?: string | null;
  sendAfter?: Date;
  createdAt: Date;
}) {
  return prisma.notification.create({
    data: {
      ...input,
      channel: input.channel ?? "email",
      idempotencyKey: `${input.shipmentId}:${input.milestone}:${input.createdAt.getTime()}`,
    },
  });
}

describe("shipment detail", () => {
  it("is not found for another shop, even with the right id", async () => {
    const shipment = busiestShipmentOfShopA();
    expect(await getShipmentDetail({ shop: SHOP_B, shipmentId: shipment.id })).toBeNull();
    expect(await getShipmentDetail({ shop: SHOP_A, shipmentId: "no-such-shipment" })).toBeNull();
    expect(await getShipmentDetail({ shop: SHOP_A, shipmentId: shipment.id })).not.toBeNull();
  });

  it("lists the shipment's scans newest first, and only its own", async () => {
    const shipment = busiestShipmentOfShopA();
    const detail = await getShipmentDetail({ shop: SHOP_A, shipmentId: shipment.id });
    const expected = seeded.a.events.filter((event) => event.shipmentId === shipment.id);
    expect(expected.length).toBeGreaterThan(1);
    const times = detail?.shipment.events.map((event) => event.occurredAt.getTime()) ?? [];
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(detail?.shipment.events.map((event) => event.id).sort()).toEqual(
      expected.map((event) => event.id).sort(),
    );
    expect(detail?.shipment.order.name).toBe(seeded.a.orders.find((o) => o.id === shipment.orderId)?.name);
  });

  it("lists every message for the shipment oldest first, spelling out holds and suppressions", async () => {
    const shipment = busiestShipmentOfShopA();
    const other = seeded.a.shipments.find((candidate) => candidate.id && candidate.id !== shipment.id);
    const shopB = seeded.b.shipments[0];
    if (!other?.id || !shopB?.id) throw new Error("the seed has too few shipments");
    const heldUntil = minutesAfterSeed(12 * 60);
    const base = { shop: SHOP_A, shipmentId: shipment.id, orderId: shipment.orderId };
    // Written out of order: the listing sorts by when each was queued.
    const held = await createNotification({
      ...base,
      milestone: "out_for_delivery",
      channel: "sms",
      status: "queued",
      suppressedReason: `held until ${heldUntil.toISOString()}: quiet hours (Europe/Paris)`,
      sendAfter: heldUntil,
      createdAt: minutesAfterSeed(30),
    });
    const sent = await createNotification({
      ...base,
      milestone: "shipped",
      status: "sent",
      createdAt: minutesAfterSeed(10),
    });
    const suppressed = await createNotification({
      ...base,
      milestone: "in_transit_update",
      status: "suppressed",
      suppressedReason: "the shopper unsubscribed",
      createdAt: minutesAfterSeed(20),
    });
    await createNotification({
      shop: SHOP_A,
      shipmentId: other.id,
      orderId: other.orderId,
      milestone: "shipped",
      status: "sent",
      createdAt: minutesAfterSeed(5),
    });
    await createNotification({
      shop: SHOP_B,
      shipmentId: shopB.id,
      orderId: shopB.orderId,
      milestone: "shipped",
      status: "sent",
      createdAt: minutesAfterSeed(5),
    });

    const detail = await getShipmentDetail({ shop: SHOP_A, shipmentId: shipment.id });
    expect(detail?.notifications.map((notification) => notification.id)).toEqual([
      sent.id,
      suppressed.id,
      held.id,
    ]);
    const [first, second, third] = detail?.notifications ?? [];
    expect(first).toMatchObject({ status: "sent", heldUntil: null, reason: null });
    expect(second).toMatchObject({
      status: "suppressed",
      heldUntil: null,
      reason: "the shopper unsubscribed",
    });
    expect(third).toMatchObject({
      status: "queued",
      heldUntil: heldUntil,
      reason: "quiet hours (Europe/Paris)",
    });
  });
});
