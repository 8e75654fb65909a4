import { describe, expect, it } from "vitest";
import { buildShopRows } from "../../prisma/seed/demo-shop";

const options = {
  shop: "s.myshopify.com",
  orders: 200,
  seed: 5,
  now: new Date("2026-11-20T12:00:00Z"),
  customerHashKey: "k".repeat(32),
};

describe("demo seed", () => {
  it("is the same on every machine for the same seed", () => {
    expect(buildShopRows(options)).toEqual(buildShopRows(options));
  });

  it("tells a consistent story: events in order, delivered parcels have a delivery time, none in the future", () => {
    const { shipments, events } = buildShopRows(options);
    const now = options.now.getTime();
    for (const shipment of shipments) {
      const own = events.filter((event) => event.shipmentId === shipment.id);
      expect(own.length).toBeGreaterThan(0);
      for (const event of own) expect(new Date(event.occurredAt).getTime()).toBeLessThanOrEqual(now);
      const latest = Math.max(...own.map((event) => new Date(event.occurredAt).getTime()));
      expect(new Date(shipment.lastEventAt as Date).getTime()).toBe(latest);
      if (shipment.status === "delivered") expect(shipment.deliveredAt).toBeTruthy();
      else expect(shipment.deliveredAt).toBeNull();
    }
  });

  it("stores no shopper email in clear", () => {
    const { orders } = buildShopRows(options);
    expect(JSON.stringify(orders)).not.toMatch(/@example\.com/);
  });
});
