import { describe, expect, it } from "vitest";
import { gidNumber } from "./gid";
import { generateStandinOrders } from "./order-generator";
import { createStandinShop } from "./standin-store";
import { createStandinFulfillmentEvent, updateStandinFulfillment, updateStandinOrder } from "./store-updates";

const NOW = new Date("2026-11-20T12:00:00Z");
const EVENT_STATUSES = [
  "CONFIRMED",
  "IN_TRANSIT",
  "OUT_FOR_DELIVERY",
  "DELIVERED",
  "ATTEMPTED_DELIVERY",
  "DELAYED",
  "FAILURE",
  "READY_FOR_PICKUP",
  "LABEL_PRINTED",
  "CARRIER_PICKED_UP",
  "PICKED_UP",
];
const SHOPIFY_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe("generateStandinOrders", () => {
  const orders = generateStandinOrders({ count: 2_000, seed: 42, now: NOW, daysBack: 30 });
  const fulfillments = orders.flatMap((order) => order.fulfillments);
  const events = fulfillments.flatMap((fulfillment) => fulfillment.events);

  it("is deterministic for a seed", () => {
    expect(generateStandinOrders({ count: 2_000, seed: 42, now: NOW, daysBack: 30 })).toEqual(orders);
    expect(generateStandinOrders({ count: 50, seed: 43, now: NOW })).not.toEqual(
      generateStandinOrders({ count: 50, seed: 42, now: NOW }),
    );
  });

  it("makes realistic orders: 0–2 fulfillments, 0–5 events, real statuses and carriers", () => {
    expect(orders).toHaveLength(2_000);
    expect(new Set(orders.map((order) => order.fulfillments.length))).toEqual(new Set([0, 1, 2]));
    expect(Math.max(...fulfillments.map((fulfillment) => fulfillment.events.length))).toBe(5);
    expect(fulfillments.some((fulfillment) => fulfillment.events.length === 0)).toBe(true);
    expect(new Set(events.map((event) => event.status))).toEqual(new Set(EVENT_STATUSES));
    expect(
      new Set(fulfillments.flatMap((fulfillment) => fulfillment.trackingInfo.map((info) => info.company))),
    ).toEqual(new Set(["UPS", "FedEx", "USPS", "DHL Express", "Canada Post"]));
    expect(orders.some((order) => order.cancelledAt !== null)).toBe(true);
    expect(orders[0]).toMatchObject({ name: "#1001", email: "shopper+1001@example.com" });
  });

  it("uses unique IDs, some above 2^53", () => {
    const ids = [
      ...orders.map((order) => order.id),
      ...fulfillments.map((f) => f.id),
      ...events.map((e) => e.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    const big = orders.filter((order) => (gidNumber(order.id) ?? 0n) > BigInt(Number.MAX_SAFE_INTEGER));
    expect(big.length).toBeGreaterThan(600);
    expect(orders[2]?.id).toBe("gid://shopify/Order/9007199254741002");
  });

  it("keeps time consistent: within the window, nothing after now, updatedAt the latest change", () => {
    for (const order of orders) {
      expect(order.createdAt).toMatch(SHOPIFY_DATE_TIME);
      expect(Date.parse(order.createdAt)).toBeGreaterThanOrEqual(NOW.getTime() - 30 * 24 * 3600 * 1000);
      expect(Date.parse(order.updatedAt)).toBeLessThanOrEqual(NOW.getTime());
      for (const fulfillment of order.fulfillments) {
        expect(fulfillment.createdAt >= order.createdAt).toBe(true);
        expect(order.updatedAt >= fulfillment.updatedAt).toBe(true);
        for (const event of fulfillment.events) {
          expect(event.createdAt >= event.happenedAt).toBe(true);
          expect(fulfillment.updatedAt >= event.createdAt).toBe(true);
        }
      }
    }
  });
});

describe("store updates", () => {
  const shop = () =>
    createStandinShop(
      {
        myshopifyDomain: "updates.myshopify.com",
        accessToken: "t",
        orders: generateStandinOrders({ count: 20, seed: 1, now: NOW }),
      },
      1,
    );
  const later = new Date("2026-11-21T08:30:00.500Z");

  it("updates an order and bumps its updatedAt: a change no webhook announced", () => {
    const store = shop();
    const order = store.orders[5];
    const updated = updateStandinOrder(store, order?.id ?? "", { phone: "+15550000000" }, { at: later });
    expect(updated).toMatchObject({ phone: "+15550000000", updatedAt: "2026-11-21T08:30:00Z" });
    expect(() => updateStandinOrder(store, "gid://shopify/Order/1")).toThrow(/no order/);
  });

  it("updates a fulfillment, bumping it and its order", () => {
    const store = shop();
    const order = store.orders.find((candidate) => candidate.fulfillments.length > 0);
    const fulfillment = order?.fulfillments[0];
    updateStandinFulfillment(store, fulfillment?.id ?? "", { status: "CANCELLED" }, { at: later });
    expect(fulfillment).toMatchObject({ status: "CANCELLED", updatedAt: "2026-11-21T08:30:00Z" });
    expect(order?.updatedAt).toBe("2026-11-21T08:30:00Z");
  });

  it("creates events with fresh IDs after the largest in the shop", () => {
    const store = shop();
    const fulfillment = store.orders.find((order) => order.fulfillments.length > 0)?.fulfillments[0];
    const largest = store.orders
      .flatMap((order) =>
        order.fulfillments.flatMap((f) => f.events.map((event) => gidNumber(event.id) ?? 0n)),
      )
      .reduce((max, id) => (id > max ? id : max), 0n);
    const created = createStandinFulfillmentEvent(
      store,
      { fulfillmentId: fulfillment?.id ?? "", status: "DELIVERED" },
      { at: later },
    );
    expect(created?.event).toMatchObject({
      id: `gid://shopify/FulfillmentEvent/${largest + 1n}`,
      happenedAt: "2026-11-21T08:30:00Z",
      createdAt: "2026-11-21T08:30:00Z",
    });
    expect(
      createStandinFulfillmentEvent(store, {
        fulfillmentId: "gid://shopify/Fulfillment/1",
        status: "DELIVERED",
      }),
    ).toBe(undefined);
  });
});
