import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDERS_UPDATED_SINCE_QUERY } from "../app/models/sync-documents";
import { loadAdminSchemas } from "./admin-schema";
import { gidNumber } from "./gid";
import { generateStandinOrders } from "./order-generator";
import { sharedDir } from "./shared-dir";
import { createShopifyStandin, type ShopifyStandin } from "./standin-server";
import type { StandinOrder } from "./standin-store";
import { updateStandinOrder } from "./store-updates";
import { adminGraphql } from "./test-admin-client";

const SHOP = { shop: "sync-query.myshopify.com", token: "shpat_sync_query" };
const NOW = new Date("2026-11-20T12:00:00Z");
const WATERMARK = "2026-11-01T00:00:00Z";
const sharedAvailable = loadAdminSchemas() !== null;
if (!sharedAvailable) console.warn(`skipping the orders sync query tests: ${sharedDir()} not found`);

interface OrdersPage {
  orders: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Record<string, unknown>[];
  };
}

// What Shopify's calculated cost makes of the document: per order 1 + shippingAddress 1 + 20 fulfillments ×
// (1 + 10 trackingInfo + events connection 2 + 50 events), plus 2 for the orders connection.
// Per order: itself and its shipping address, then 3 fulfillments × (itself + 3 tracking infos + the events
// connection and its 10 events).
const requestedCost = (first: number) => 2 + first * (2 + 3 * (1 + 3 + 2 + 10));

const byUpdatedAt = (a: StandinOrder, b: StandinOrder) =>
  a.updatedAt.localeCompare(b.updatedAt) || Number((gidNumber(a.id) ?? 0n) - (gidNumber(b.id) ?? 0n));

function standinOptions(adminApiLimits = {}) {
  return {
    appUrl: "http://127.0.0.1:9",
    apiKey: "k",
    apiSecret: "s",
    shops: [
      {
        myshopifyDomain: SHOP.shop,
        accessToken: SHOP.token,
        orders: generateStandinOrders({ count: 400, seed: 11, now: NOW }),
      },
    ],
    adminApiLimits,
  };
}

describe.skipIf(!sharedAvailable)("the app's OrdersUpdatedSince query", () => {
  let standin: ShopifyStandin;
  beforeAll(async () => {
    // Pages of 50 go beyond Shopify's single-query limit (see the first test); these tests lift the limits
    // to look at everything else.
    standin = await createShopifyStandin(
      standinOptions({ maxQueryCost: 10_000_000, maximumAvailable: 10_000_000, restoreRate: 10_000_000 }),
    );
  });
  afterAll(() => standin.close());

  async function page(variables: { first: number; after?: string | null; query: string }) {
    const body = await adminGraphql<OrdersPage>(standin, SHOP, ORDERS_UPDATED_SINCE_QUERY, variables);
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return { ...body.data.orders, cost: body.extensions?.cost };
  }

  async function allPages(query: string, first: number, between?: (pageNumber: number) => void) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pageNumber = 1; ; pageNumber++) {
      const result = await page({ first, after, query });
      ids.push(...result.nodes.map((node) => String(node.id)));
      if (!result.pageInfo.hasNextPage) return ids;
      after = result.pageInfo.endCursor;
      between?.(pageNumber);
    }
  }

  it("fits Shopify's single-query limit at the app's page size of 15, and is refused above it", async () => {
    const limited = await createShopifyStandin(standinOptions());
    try {
      const accepted = await adminGraphql<OrdersPage>(limited, SHOP, ORDERS_UPDATED_SINCE_QUERY, {
        first: 15,
        query: "",
      });
      expect(accepted.errors).toBeUndefined();
      expect(accepted.extensions?.cost?.requestedQueryCost).toBe(requestedCost(15));
      const refused = await adminGraphql(limited, SHOP, ORDERS_UPDATED_SINCE_QUERY, { first: 25, query: "" });
      expect(refused.errors).toEqual([
        {
          message: `Query cost is ${requestedCost(25)}, which exceeds the single query max cost limit (1000).`,
          extensions: { code: "MAX_COST_EXCEEDED", cost: requestedCost(25), maxCost: 1000 },
        },
      ]);
    } finally {
      await limited.close();
    }
  });

  it("pages updated_at:>'…' in UPDATED_AT order, answering every field from the store", async () => {
    const orders = standin.shop(SHOP.shop).orders;
    const expected = orders.filter((order) => order.updatedAt > WATERMARK).sort(byUpdatedAt);
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.length).toBeLessThan(orders.length);

    const first = await page({ first: 50, query: `updated_at:>'${WATERMARK}'` });
    expect(first.cost?.requestedQueryCost).toBe(requestedCost(50));
    expect(first.cost?.actualQueryCost).toBeLessThan(first.cost?.requestedQueryCost ?? 0);
    expect(await allPages(`updated_at:>'${WATERMARK}'`, 50)).toEqual(expected.map((order) => order.id));

    const sample = expected
      .slice(0, 50)
      .find((order) => order.fulfillments.some((fulfillment) => fulfillment.events.length > 1));
    expect(sample).toBeDefined();
    const node = first.nodes.find((candidate) => candidate.id === sample?.id);
    // Computed fields (displayStatus, deliveredAt) have their own tests; the rest is read from the store.
    expect(node).toMatchObject({
      id: sample?.id,
      name: sample?.name,
      createdAt: sample?.createdAt,
      processedAt: sample?.processedAt,
      updatedAt: sample?.updatedAt,
      cancelledAt: sample?.cancelledAt,
      displayFulfillmentStatus: sample?.displayFulfillmentStatus,
      email: sample?.email,
      phone: sample?.phone,
      customerLocale: sample?.customerLocale,
      shippingAddress: sample?.shippingAddress,
      fulfillments: sample?.fulfillments.map((fulfillment) => ({
        id: fulfillment.id,
        status: fulfillment.status,
        createdAt: fulfillment.createdAt,
        updatedAt: fulfillment.updatedAt,
        estimatedDeliveryAt: fulfillment.estimatedDeliveryAt,
        trackingInfo: fulfillment.trackingInfo,
        events: {
          nodes: fulfillment.events.map((event) => ({
            id: event.id,
            status: event.status,
            happenedAt: event.happenedAt,
            message: event.message,
            city: event.city,
            province: event.province,
            country: event.country,
            zip: event.zip,
            estimatedDeliveryAt: event.estimatedDeliveryAt,
          })),
        },
      })),
    });
  });

  it("derives each fulfillment's displayStatus and deliveredAt from its events, like Shopify", async () => {
    const orders = standin.shop(SHOP.shop).orders;
    const delivered = orders.find((order) =>
      order.fulfillments[0]?.events.some((event) => event.status === "DELIVERED"),
    );
    const cancelled = orders.find((order) => order.fulfillments[0]?.status === "CANCELLED");
    for (const order of [delivered, cancelled]) expect(order).toBeDefined();
    const nodes = [
      ...(await page({ first: 1, query: `name:${delivered?.name}` })).nodes,
      ...(await page({ first: 1, query: `name:${cancelled?.name}` })).nodes,
    ];
    const byId = new Map(nodes.map((node) => [node.id, (node.fulfillments as unknown[])[0]]));
    const deliveredEvent = delivered?.fulfillments[0]?.events.find((event) => event.status === "DELIVERED");
    expect(byId.get(delivered?.id ?? "")).toMatchObject({
      displayStatus: "DELIVERED",
      deliveredAt: deliveredEvent?.happenedAt,
    });
    expect(byId.get(cancelled?.id ?? "")).toMatchObject({ displayStatus: "CANCELED", deliveredAt: null });
  });

  it("keeps exact IDs above 2^53 and cancellations", async () => {
    const ids = await allPages("", 250);
    expect(ids.some((id) => (gidNumber(id) ?? 0n) > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
    const cancelled = standin.shop(SHOP.shop).orders.find((order) => order.cancelledAt);
    const result = await page({ first: 1, query: `name:${cancelled?.name}` });
    expect(result.nodes[0]).toMatchObject({ id: cancelled?.id, cancelledAt: cancelled?.cancelledAt });
  });

  it("honours >= against > at the watermark, and created_at", async () => {
    const orders = standin.shop(SHOP.shop).orders;
    const pivot = [...orders].sort(byUpdatedAt)[Math.floor(orders.length / 2)];
    const atOrAfter = await allPages(`updated_at:>='${pivot?.updatedAt}'`, 250);
    const after = await allPages(`updated_at:>${pivot?.updatedAt}`, 250);
    expect(atOrAfter).toContain(pivot?.id);
    expect(after).not.toContain(pivot?.id);
    expect(atOrAfter.length - after.length).toBe(
      orders.filter((order) => order.updatedAt === pivot?.updatedAt).length,
    );

    const createdSince = await allPages(`created_at:>=${pivot?.createdAt}`, 250);
    expect(new Set(createdSince)).toEqual(
      new Set(orders.filter((order) => order.createdAt >= (pivot?.createdAt ?? "")).map((order) => order.id)),
    );
  });

  it("skips nothing when orders are updated between pages: they come again at the end", async () => {
    const orders = standin.shop(SHOP.shop).orders;
    const query = `updated_at:>'${WATERMARK}'`;
    const before = orders.filter((order) => order.updatedAt > WATERMARK).sort(byUpdatedAt);
    const seenOnFirstPage = before[19];
    const notYetSeen = before[60];
    let bumped = 0;
    const ids = await allPages(query, 20, (pageNumber) => {
      if (pageNumber !== 1 || !seenOnFirstPage || !notYetSeen) return;
      // Both change while the app is between page 1 and page 2: one under the cursor, one further on.
      updateStandinOrder(standin.shop(SHOP.shop), seenOnFirstPage.id, {}, { at: NOW.getTime() + 60_000 });
      updateStandinOrder(standin.shop(SHOP.shop), notYetSeen.id, {}, { at: NOW.getTime() + 61_000 });
      bumped = 2;
    });
    expect(bumped).toBe(2);
    expect(new Set(ids)).toEqual(new Set(before.map((order) => order.id)));
    expect(ids.filter((id) => id === seenOnFirstPage?.id)).toHaveLength(2);
    expect(ids.slice(-2)).toEqual([seenOnFirstPage?.id, notYetSeen?.id]);
  });
});
