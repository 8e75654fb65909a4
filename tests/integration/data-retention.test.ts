import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { purgeExpiredData } from "../../app/models/data-retention.server";
import { refreshDeliveryStats } from "../../app/models/delivery-stats/refresh.server";

const NOW = new Date("2026-11-21T12:00:00Z");
const DAY = 86_400_000;
let serial = 0;

async function shopKeeping(days: number): Promise<string> {
  serial += 1;
  const shop = `retention-${serial}.myshopify.com`;
  await prisma.shop.create({
    data: { domain: shop, name: shop, settings: { create: { dataRetentionDays: days } } },
  });
  return shop;
}

async function orderPlaced(shop: string, daysAgo: number) {
  serial += 1;
  const orderedAt = new Date(NOW.getTime() - daysAgo * DAY);
  const order = await prisma.order.create({
    data: { shop, shopifyId: `gid://shopify/Order/${serial}`, name: `#${serial}`, orderedAt },
  });
  const shipment = await prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      carrier: "ups",
      status: "delivered",
      shippedAt: orderedAt,
      deliveredAt: orderedAt,
    },
  });
  await prisma.trackingEvent.create({
    data: {
      shop,
      shipmentId: shipment.id,
      status: "delivered",
      occurredAt: orderedAt,
      source: "carrier",
      dedupeKey: "d",
    },
  });
  await prisma.supportRequest.create({
    data: {
      shop,
      orderId: order.id,
      shipmentId: shipment.id,
      reason: "late",
      contactEmail: "someone@example.com",
    },
  });
  await prisma.notification.create({
    data: {
      shop,
      orderId: order.id,
      shipmentId: shipment.id,
      channel: "email",
      milestone: "delivered",
      idempotencyKey: `k-${serial}`,
    },
  });
  return order;
}

describe("data retention", () => {
  it("deletes orders older than the shop's setting with everything about them, and keeps the rest", async () => {
    const shop = await shopKeeping(30);
    const other = await shopKeeping(30);
    const old = await orderPlaced(shop, 40);
    const recent = await orderPlaced(shop, 10);
    const othersOld = await orderPlaced(other, 40);
    await refreshDeliveryStats({ shop });
    const rollupRows = await prisma.deliveryStats.count({ where: { shop } });

    expect(await purgeExpiredData({ shop, now: NOW })).toEqual({ orders: 1, finished: true });

    expect(await prisma.order.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await prisma.shipment.count({ where: { orderId: old.id } })).toBe(0);
    expect(await prisma.trackingEvent.count({ where: { shop, shipment: { orderId: old.id } } })).toBe(0);
    // No help request is left behind with the shopper's address and no order.
    expect(await prisma.supportRequest.count({ where: { shop } })).toBe(1);
    expect(await prisma.notification.count({ where: { shop } })).toBe(1);
    expect(await prisma.order.findUnique({ where: { id: recent.id } })).not.toBeNull();
    expect(await prisma.order.findUnique({ where: { id: othersOld.id } })).not.toBeNull();
    // The analytics keep their counts for the purged days.
    expect(await prisma.deliveryStats.count({ where: { shop } })).toBe(rollupRows);
    expect(await purgeExpiredData({ shop, now: NOW })).toEqual({ orders: 0, finished: true });
  });
});
