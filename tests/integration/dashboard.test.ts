import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { getDashboardSummary, todayTiles } from "../../app/models/dashboard.server";
import { getWismoTrend, WISMO_WEEKS } from "../../app/models/dashboard-wismo.server";
import { parseShipmentListParams } from "../../app/models/shipment-list-params";

// The dashboard's day is the shop's own: at 03:00 UTC on Nov 20 it is still the evening of Nov 19 in New
// York, where the day started at 05:00 UTC.
const SHOP = "dash.myshopify.com";
const OTHER = "dash-other.myshopify.com";
const NOW = new Date("2026-11-20T03:00:00Z");
const NY_DAY_START = new Date("2026-11-19T05:00:00Z");
const hours = (n: number) => new Date(NY_DAY_START.getTime() + n * 3_600_000);

let sequence = 0;
async function shipment(shop: string, data: Record<string, unknown>) {
  sequence += 1;
  const order = await prisma.order.create({
    data: {
      shop,
      shopifyId: `gid://shopify/Order/${sequence}`,
      name: `#${sequence}`,
      orderedAt: hours(-72),
    },
  });
  return prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${sequence}`,
      status: "in_transit",
      ...data,
    },
  });
}

beforeAll(async () => {
  await prisma.shop.create({ data: { domain: SHOP, name: "Dash", timezone: "America/New_York" } });
  await prisma.shop.create({ data: { domain: OTHER, name: "Other", timezone: "America/New_York" } });
  // Shipped this evening (New York), stored when Shopify told us.
  await shipment(SHOP, { shippedAt: hours(14), createdAt: hours(14.1) });
  await shipment(SHOP, { shippedAt: hours(1), createdAt: hours(1), status: "out_for_delivery" });
  // Shipped late yesterday in New York, though "today" in UTC terms it is not: yesterday.
  await shipment(SHOP, { shippedAt: hours(-1), createdAt: hours(-1) });
  // Shipped days ago, only imported now: not shipped today.
  await shipment(SHOP, { shippedAt: hours(-60), createdAt: hours(20) });
  // Delivered today with scans; delivered today by Shopify's word alone; delivered yesterday.
  await shipment(SHOP, {
    status: "delivered",
    shippedAt: hours(-50),
    createdAt: hours(-50),
    deliveredAt: hours(10),
    lastEventAt: hours(10),
  });
  await shipment(SHOP, {
    status: "delivered",
    shippedAt: hours(-50),
    createdAt: hours(-50),
    deliveredAt: hours(12),
    lastEventAt: null,
  });
  await shipment(SHOP, {
    status: "delivered",
    shippedAt: hours(-50),
    createdAt: hours(-50),
    deliveredAt: hours(-3),
    lastEventAt: hours(-3),
  });
  // Open problems, and one resolved.
  await shipment(SHOP, { attention: "late", attentionSince: hours(-30) });
  await shipment(SHOP, { attention: "stuck", attentionSince: hours(-30), status: "delayed" });
  await shipment(SHOP, { attention: "stuck", attentionSince: hours(-20) });
  await shipment(SHOP, { attention: "exception", status: "exception", attentionSince: hours(-2) });
  await shipment(SHOP, { attention: "late", attentionSince: hours(-40), attentionResolvedAt: hours(-1) });
  // Another shop's day.
  await shipment(OTHER, { shippedAt: hours(3), createdAt: hours(3), attention: "late" });
  await shipment(OTHER, { status: "delivered", deliveredAt: hours(4), lastEventAt: hours(4) });
});

describe("dashboard numbers", () => {
  it("counts today in the shop's time zone, and only the shop's own shipments", async () => {
    const summary = await getDashboardSummary({ shop: SHOP, now: NOW });
    expect(summary.today).toEqual({
      day: "2026-11-19",
      timeZone: "America/New_York",
      shippedToday: 2,
      deliveredToday: 2,
    });
    expect(summary.byStatus.in_transit).toBe(6);
    expect(summary.byStatus.out_for_delivery).toBe(1);
    expect(summary.attention).toEqual({ late: 1, stuck: 2, exception: 1, lost: 0 });
    expect(summary.shipments).toBe(12);
    expect(summary.orders).toBe(12);
  });

  it("links every number to the shipments list filtered the same way", async () => {
    const tiles = todayTiles(await getDashboardSummary({ shop: SHOP, now: NOW }));
    expect(tiles.map((tile) => [tile.id, tile.value])).toEqual([
      ["shipped_today", 2],
      ["in_transit", 6],
      ["out_for_delivery", 1],
      ["delivered_today", 2],
      ["late", 1],
      ["stuck", 2],
      ["exception", 1],
    ]);
    const view = (id: string) => {
      const url = new URL(tiles.find((tile) => tile.id === id)?.url ?? "", "https://admin.example");
      expect(url.pathname).toBe("/app/shipments");
      return { list: parseShipmentListParams(url.searchParams), search: url.searchParams };
    };
    expect(view("in_transit").list.statuses).toEqual(["in_transit"]);
    expect(view("out_for_delivery").list.statuses).toEqual(["out_for_delivery"]);
    expect(view("late").list.attention).toBe("late");
    expect(view("stuck").list.attention).toBe("stuck");
    expect(view("exception").list.attention).toBe("exception");
    const delivered = view("delivered_today");
    expect(delivered.list.statuses).toEqual(["delivered"]);
    expect([delivered.search.get("deliveredFrom"), delivered.search.get("deliveredTo")]).toEqual([
      "2026-11-19",
      "2026-11-19",
    ]);
    expect(view("shipped_today").search.get("shippedFrom")).toBe("2026-11-19");
  });
});

describe("where-is-my-order trend", () => {
  const stats = (shop: string, grain: string, period: string, week: string, carrier: string, sums: object) =>
    prisma.deliveryStats.create({
      data: {
        shop,
        grain,
        period,
        week: grain === "day" ? week : "",
        month: grain === "day" ? period.slice(0, 7) : "",
        carrier,
        service: "",
        country: "US",
        region: "",
        ...sums,
      },
    });

  it("sums lookups and help requests per 100 orders for each of the last weeks", async () => {
    // Nov 19, 2026 is a Thursday: its week started Monday Nov 16; twelve weeks go back to Aug 31.
    await stats(SHOP, "week", "2026-11-09", "", "ups", { orders: 30, lookups: 12, helpRequests: 3 });
    await stats(SHOP, "week", "2026-11-09", "", "fedex", { orders: 10, lookups: 8, helpRequests: 1 });
    await stats(SHOP, "week", "2026-08-31", "", "ups", { orders: 50, lookups: 5, helpRequests: 0 });
    await stats(SHOP, "week", "2026-08-24", "", "ups", { orders: 99, lookups: 99, helpRequests: 99 });
    await stats(SHOP, "day", "2026-11-17", "2026-11-16", "ups", { orders: 4, lookups: 1, helpRequests: 1 });
    await stats(SHOP, "day", "2026-11-18", "2026-11-16", "usps", { orders: 6, lookups: 0, helpRequests: 0 });
    await stats(OTHER, "week", "2026-11-09", "", "ups", { orders: 1000, lookups: 1000, helpRequests: 1000 });

    const trend = await getWismoTrend({ shop: SHOP, now: NOW });
    expect(trend.weeks).toHaveLength(WISMO_WEEKS);
    expect(trend.weeks[0]).toMatchObject({ week: "2026-08-31", orders: 50, lookupsPer100Orders: 10 });
    expect(trend.weeks.at(-2)).toEqual({
      week: "2026-11-09",
      orders: 40,
      lookups: 20,
      helpRequests: 4,
      lookupsPer100Orders: 50,
      helpRequestsPer100Orders: 10,
    });
    expect(trend.weeks.at(-1)).toMatchObject({
      week: "2026-11-16",
      orders: 10,
      lookupsPer100Orders: 10,
      helpRequestsPer100Orders: 10,
    });
    expect(trend.weeks[1]).toMatchObject({ week: "2026-09-07", orders: 0, lookupsPer100Orders: null });
  });
});
