import { afterEach, describe, expect, it } from "vitest";
import { loadAdminSchemas } from "./admin-schema";
import { gidNumber } from "./gid";
import { generateStandinOrders } from "./order-generator";
import { sharedDir } from "./shared-dir";
import { createShopifyStandin } from "./standin-server";
import { createStandinShop, type StandinOrder } from "./standin-store";
import { startTestApp } from "./test-app-server";
import { webhookHmac } from "./webhook-delivery";
import { fulfillmentEventWebhook, fulfillmentWebhook, orderWebhook } from "./webhook-payloads";
import { readWebhookSample } from "./webhook-samples";

const SHOP = "payloads.myshopify.com";
const NOW = new Date("2026-11-20T12:00:00Z");
const SHOP_LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$/;
const sharedAvailable = loadAdminSchemas() !== null;
if (!sharedAvailable) console.warn(`skipping webhook payload tests: ${sharedDir()} not found`);

const store = createStandinShop(
  {
    myshopifyDomain: SHOP,
    accessToken: "t",
    orders: generateStandinOrders({ count: 60, seed: 9, now: NOW }),
  },
  1,
);
// An order ID that a JS number cannot hold: above 2^53 and odd.
const bigOrder = store.orders.find(
  (order) =>
    (gidNumber(order.id) ?? 0n) % 2n === 1n &&
    (gidNumber(order.id) ?? 0n) > BigInt(Number.MAX_SAFE_INTEGER) &&
    order.fulfillments[0]?.events.length,
) as StandinOrder;
const bigOrderNumber = String(gidNumber(bigOrder.id));
const fulfillment = bigOrder.fulfillments[0];
const event = fulfillment?.events.at(-1);

const keysOf = (json: string | null) => Object.keys(JSON.parse(json ?? "{}") as object);

describe.skipIf(!sharedAvailable)("REST-shaped webhook payloads from the store", () => {
  it("writes fulfillment_events/create exactly like Shopify's sample, big IDs as exact integers", () => {
    const request = fulfillmentEventWebhook(store, event?.id ?? "");
    const body = String(request.payload);
    expect(keysOf(body)).toEqual(keysOf(readWebhookSample("fulfillment_events/create")));
    expect(body).toContain(`"order_id":${bigOrderNumber}`);
    expect(body).toContain(`"fulfillment_id":${gidNumber(fulfillment?.id ?? "")}`);
    // The reason for writing the text by hand: a JS number would have changed the ID.
    expect(String((JSON.parse(body) as { order_id: number }).order_id)).not.toBe(bigOrderNumber);
    expect(JSON.parse(body)).toMatchObject({
      id: Number(gidNumber(event?.id ?? "")),
      status: event?.status.toLowerCase(),
      happened_at: expect.stringMatching(SHOP_LOCAL_TIME),
      created_at: expect.stringMatching(SHOP_LOCAL_TIME),
      shop_id: 1,
      admin_graphql_api_id: event?.id,
    });
    expect(Date.parse(JSON.parse(body).happened_at as string)).toBe(Date.parse(event?.happenedAt ?? ""));
    expect(request).toMatchObject({
      shop: SHOP,
      topic: "fulfillment_events/create",
      path: "/webhooks/fulfillment_events/create",
      triggeredAt: event?.createdAt,
    });
  });

  it("writes fulfillments/create and fulfillments/update with Shopify's members, bar line items", () => {
    const created = fulfillmentWebhook(store, fulfillment?.id ?? "", "fulfillments/create");
    const updated = fulfillmentWebhook(store, fulfillment?.id ?? "", "fulfillments/update");
    const sampleKeys = keysOf(readWebhookSample("fulfillments/create"));
    expect(sampleKeys.filter((key) => !keysOf(String(created.payload)).includes(key))).toEqual([
      "line_items",
    ]);
    expect(keysOf(String(created.payload)).every((key) => sampleKeys.includes(key))).toBe(true);
    expect(String(created.payload)).toContain(`"order_id":${bigOrderNumber}`);
    const tracking = fulfillment?.trackingInfo[0];
    expect(JSON.parse(String(created.payload))).toMatchObject({
      status: "success",
      name: `${bigOrder.name}.1`,
      tracking_company: tracking?.company,
      tracking_number: tracking?.number,
      tracking_numbers: [tracking?.number],
      tracking_url: tracking?.url,
      tracking_urls: [tracking?.url],
      shipment_status: fulfillment?.events.at(-1)?.status.toLowerCase(),
      email: bigOrder.email,
      admin_graphql_api_id: fulfillment?.id,
    });
    expect(created.triggeredAt).toBe(fulfillment?.createdAt);
    expect(updated.triggeredAt).toBe(fulfillment?.updatedAt);
  });

  it("writes orders/create, orders/updated and orders/cancelled from the order", () => {
    const updated = orderWebhook(store, bigOrder.id, "orders/updated");
    const body = String(updated.payload);
    const sampleKeys = keysOf(readWebhookSample("orders/updated"));
    expect(keysOf(body).every((key) => sampleKeys.includes(key))).toBe(true);
    expect(body.startsWith(`{"id":${bigOrderNumber},"admin_graphql_api_id":"${bigOrder.id}"`)).toBe(true);
    expect(JSON.parse(body)).toMatchObject({
      name: bigOrder.name,
      email: bigOrder.email,
      contact_email: bigOrder.email,
      phone: bigOrder.phone,
      customer_locale: bigOrder.customerLocale,
      updated_at: expect.stringMatching(SHOP_LOCAL_TIME),
      cancelled_at: null,
      shipping_address: {
        zip: bigOrder.shippingAddress?.zip,
        country_code: bigOrder.shippingAddress?.countryCodeV2,
        province_code: bigOrder.shippingAddress?.provinceCode,
      },
      fulfillments: [expect.objectContaining({ admin_graphql_api_id: fulfillment?.id })],
    });
    expect(updated.triggeredAt).toBe(bigOrder.updatedAt);
    expect(orderWebhook(store, bigOrder.id, "orders/create").triggeredAt).toBe(bigOrder.createdAt);

    const cancelledOrder = store.orders.find((order) => order.cancelledAt) as StandinOrder;
    const cancelled = orderWebhook(store, cancelledOrder.id, "orders/cancelled");
    expect(cancelled.triggeredAt).toBe(cancelledOrder.cancelledAt);
    expect(JSON.parse(String(cancelled.payload))).toMatchObject({
      cancelled_at: expect.stringMatching(SHOP_LOCAL_TIME),
      cancel_reason: cancelledOrder.cancelReason?.toLowerCase(),
      fulfillment_status: null,
    });
  });

  describe("delivered by the stand-in", () => {
    const running: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((server) => server.close()));
    });

    it("arrives signed, byte for byte, with X-Shopify-Triggered-At = when the change happened", async () => {
      const app = await startTestApp((_request, { response }) => {
        response.writeHead(200).end();
      });
      const standin = await createShopifyStandin({
        appUrl: app.url,
        apiKey: "k",
        apiSecret: "payload-secret",
        shops: [{ myshopifyDomain: SHOP, accessToken: "t", orders: store.orders }],
      });
      running.push(standin, app);
      const request = fulfillmentEventWebhook(standin.shop(), event?.id ?? "");
      const delivery = await standin.sendWebhook(request);
      expect(delivery.delivered).toBe(true);
      const [received] = app.requests;
      expect(received?.url.pathname).toBe("/webhooks/fulfillment_events/create");
      expect(received?.body.toString("utf8")).toBe(request.payload);
      expect(received?.headers).toMatchObject({
        "x-shopify-topic": "fulfillment_events/create",
        "x-shopify-hmac-sha256": webhookHmac(received?.body ?? Buffer.alloc(0), "payload-secret"),
        "x-shopify-triggered-at": new Date(event?.createdAt ?? "").toISOString(),
      });
    });
  });
});
