import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULFILLMENT_EVENT_CREATE_MUTATION } from "../app/models/sync-documents";
import { loadAdminSchemas } from "./admin-schema";
import { demoShop } from "./demo-seed";
import { sharedDir } from "./shared-dir";
import { createShopifyStandin, type ShopifyStandin } from "./standin-server";
import { findFulfillment } from "./store-lookup";
import { adminGraphql } from "./test-admin-client";

const SHOP = { shop: "event-create.myshopify.com", token: "shpat_event_create" };
const NOW = new Date("2026-11-20T12:00:00Z");
const FULFILLMENT_ID = "gid://shopify/Fulfillment/6002";
const sharedAvailable = loadAdminSchemas() !== null;
if (!sharedAvailable) console.warn(`skipping fulfillmentEventCreate tests: ${sharedDir()} not found`);

interface EventCreatePayload {
  fulfillmentEventCreate: {
    fulfillmentEvent: { id: string; status: string; happenedAt: string } | null;
    userErrors: { field: string[] | null; message: string }[];
  };
}

describe.skipIf(!sharedAvailable)("fulfillmentEventCreate", () => {
  let standin: ShopifyStandin;
  beforeAll(async () => {
    standin = await createShopifyStandin({
      appUrl: "http://127.0.0.1:9",
      apiKey: "k",
      apiSecret: "s",
      shops: [demoShop(SHOP.shop, SHOP.token, NOW)],
    });
  });
  afterAll(() => standin.close());

  const create = (fulfillmentEvent: Record<string, unknown>) =>
    adminGraphql<EventCreatePayload>(standin, SHOP, FULFILLMENT_EVENT_CREATE_MUTATION, { fulfillmentEvent });

  it("appends the event, moves the estimate and bumps the fulfillment's and order's updatedAt", async () => {
    const before = Date.now();
    const body = await create({
      fulfillmentId: FULFILLMENT_ID,
      status: "OUT_FOR_DELIVERY",
      happenedAt: "2026-11-20T09:15:30.250Z",
      message: "Out for delivery",
      city: "Louisville",
      province: "Kentucky",
      country: "United States",
      zip: "40202",
      estimatedDeliveryAt: "2026-11-20T20:00:00Z",
    });
    const payload = body.data?.fulfillmentEventCreate;
    expect(payload).toEqual({
      fulfillmentEvent: {
        id: expect.stringMatching(/^gid:\/\/shopify\/FulfillmentEvent\/\d+$/),
        status: "OUT_FOR_DELIVERY",
        // Shopify's DateTime has whole seconds.
        happenedAt: "2026-11-20T09:15:30Z",
      },
      userErrors: [],
    });
    expect(body.extensions?.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: 10 });

    const found = findFulfillment(standin.shop(SHOP.shop), FULFILLMENT_ID);
    const event = found?.fulfillment.events.at(-1);
    expect(event).toMatchObject({
      id: payload?.fulfillmentEvent?.id,
      status: "OUT_FOR_DELIVERY",
      message: "Out for delivery",
      city: "Louisville",
      zip: "40202",
      address1: null,
      estimatedDeliveryAt: "2026-11-20T20:00:00Z",
    });
    expect(Date.parse(event?.createdAt ?? "")).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(found?.fulfillment.updatedAt).toBe(event?.createdAt);
    expect(found?.order.updatedAt).toBe(event?.createdAt);
    expect(found?.fulfillment.estimatedDeliveryAt).toBe("2026-11-20T20:00:00Z");

    // A reconciliation query sees it at once.
    const read = await adminGraphql<{
      order: { updatedAt: string; fulfillments: { events: { nodes: unknown[] } }[] };
    }>(
      standin,
      SHOP,
      `query Read($id: ID!) { order(id: $id) { updatedAt fulfillments(first: 5) { events(first: 50) { nodes { id status } } } } }`,
      { id: found?.order.id },
    );
    expect(read.data?.order.fulfillments[0]?.events.nodes.at(-1)).toEqual({
      id: payload?.fulfillmentEvent?.id,
      status: "OUT_FOR_DELIVERY",
    });
  });

  it("defaults happenedAt to now and gives new events new IDs", async () => {
    const first = await create({ fulfillmentId: FULFILLMENT_ID, status: "DELIVERED" });
    const second = await create({ fulfillmentId: FULFILLMENT_ID, status: "DELIVERED" });
    const [a, b] = [first, second].map((body) => body.data?.fulfillmentEventCreate.fulfillmentEvent);
    expect(Math.abs(Date.parse(a?.happenedAt ?? "") - Date.now())).toBeLessThan(5_000);
    expect(a?.id).not.toBe(b?.id);
  });

  it("answers an unknown fulfillment with Shopify's userError", async () => {
    const body = await create({ fulfillmentId: "gid://shopify/Fulfillment/404", status: "IN_TRANSIT" });
    expect(body.data?.fulfillmentEventCreate).toEqual({
      fulfillmentEvent: null,
      userErrors: [{ field: ["fulfillmentEvent", "fulfillmentId"], message: "Fulfillment does not exist." }],
    });
  });

  it("rejects a status the schema does not know, before running anything", async () => {
    const body = await create({ fulfillmentId: FULFILLMENT_ID, status: "LOST_IN_SPACE" });
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toContain("LOST_IN_SPACE");
  });
});
