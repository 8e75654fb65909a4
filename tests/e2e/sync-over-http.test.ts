import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { startAppServer, type RunningServer } from "../../scripts/lib/app-server";
import { freePort } from "../../scripts/lib/free-port";
import { migrateDatabase } from "../../scripts/lib/migrate";
import {
  createShopifyStandin,
  fulfillmentEventWebhook,
  fulfillmentWebhook,
  generateStandinOrders,
  orderWebhook,
  type ShopifyStandin,
  type WebhookRequest,
  webhookHmac,
} from "../../shopify-standin";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { requireBuild, temporarySqliteUrl } from "./built-app";

const SHOP = "http-sync.myshopify.com";
const SECRET = "http-sync-secret";
const SAMPLE_SHOP = "samples.myshopify.com";
const databaseUrl = temporarySqliteUrl("sync");
let app: RunningServer;
let standin: ShopifyStandin;
let db: Database;

if (!sharedDirExists()) console.warn("skipping webhook delivery over HTTP: ../shared not found");

beforeAll(async () => {
  if (!sharedDirExists()) return;
  requireBuild();
  migrateDatabase(databaseUrl);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  standin = await createShopifyStandin({
    appUrl,
    apiKey: "http-sync-key",
    apiSecret: SECRET,
    shops: [
      {
        myshopifyDomain: SHOP,
        accessToken: "shpat_http",
        orders: generateStandinOrders({ count: 40, seed: 3 }),
      },
    ],
    webhookRetry: { backoffBaseMs: 10 },
  });
  app = await startAppServer({
    port,
    env: {
      SHOPIFY_APP_URL: appUrl,
      SHOPIFY_API_KEY: "http-sync-key",
      SHOPIFY_API_SECRET: SECRET,
      CUSTOMER_HASH_KEY: "http-sync-customer-hash-key-0123456789",
      CREDENTIALS_ENCRYPTION_KEY: "http-sync-credentials-key-0123456789",
      DATABASE_URL: databaseUrl,
      JOBS_POLL_INTERVAL_MS: "100",
    },
  });
  db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
});

afterAll(async () => {
  await db?.$disconnect();
  await app?.stop();
  await standin?.close();
});

// The server answers as soon as a delivery is stored; its worker applies it within a moment.
async function appliedByTheWorker(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await db.webhookDelivery.count({ where: { status: { in: ["queued", "applying"] } } })) > 0) {
    if (Date.now() > deadline) throw new Error("webhooks still waiting to be applied");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function everyChangeAsWebhooks(): WebhookRequest[] {
  const store = standin.shop(SHOP);
  return store.orders.flatMap((order) => [
    orderWebhook(store, order.id, "orders/create"),
    ...order.fulfillments.flatMap((fulfillment) => [
      fulfillmentWebhook(store, fulfillment.id, "fulfillments/create"),
      ...fulfillment.events.map((event) => fulfillmentEventWebhook(store, event.id)),
    ]),
  ]);
}

describe.skipIf(!sharedDirExists())("Shopify's webhooks into the built server over HTTP", () => {
  it("stores every order, shipment and scan once, although deliveries come duplicated and out of order", async () => {
    const requests = everyChangeAsWebhooks();
    const deliveries = await standin.sendWebhooks(requests, {
      duplicates: 0.3,
      shuffle: true,
      seed: 11,
      concurrency: 4,
    });
    expect(deliveries.length).toBeGreaterThan(requests.length);
    expect(deliveries.every((delivery) => delivery.delivered && delivery.attempts.length === 1)).toBe(true);
    expect(Math.max(...deliveries.flatMap((d) => d.attempts.map((a) => a.durationMs)))).toBeLessThan(5_000);
    await appliedByTheWorker();

    const store = standin.shop(SHOP);
    const fulfillments = store.orders.flatMap((order) => order.fulfillments);
    expect(await db.order.count({ where: { shop: SHOP } })).toBe(store.orders.length);
    expect(await db.shipment.count({ where: { shop: SHOP } })).toBe(
      fulfillments.reduce((sum, f) => sum + Math.max(1, f.trackingInfo.length), 0),
    );
    expect(await db.trackingEvent.count({ where: { shop: SHOP } })).toBe(
      fulfillments.reduce((sum, f) => sum + f.events.length * Math.max(1, f.trackingInfo.length), 0),
    );
    expect(await db.webhookDelivery.count({ where: { shop: SHOP } })).toBe(requests.length);
    const delivered = fulfillments.find(
      (f) => f.status === "SUCCESS" && f.events.at(-1)?.status === "DELIVERED",
    );
    const shipment = await db.shipment.findFirst({
      where: { shop: SHOP, shopifyFulfillmentId: delivered?.id },
    });
    expect(shipment?.status).toBe("delivered");
  });

  it("turns Shopify's own sample payloads, sent by the stand-in with real signatures, into the expected rows", async () => {
    const topics = [
      "orders/create",
      "fulfillments/create",
      "fulfillment_events/create",
      "orders/updated",
      "customers/data_request",
      "customers/redact",
    ];
    for (const topic of topics) {
      const delivery = await standin.sendSampleWebhook({
        shop: SAMPLE_SHOP,
        topic,
        path: `/webhooks/${topic}`,
      });
      expect(
        delivery.attempts.map((attempt) => attempt.status),
        topic,
      ).toEqual([200]);
    }
    await appliedByTheWorker();
    const order = await db.order.findFirstOrThrow({ where: { shop: SAMPLE_SHOP } });
    expect(order.shopifyId).toBe("gid://shopify/Order/820982911946154508");
    const shipment = await db.shipment.findFirstOrThrow({ where: { shop: SAMPLE_SHOP } });
    expect([shipment.shopifyFulfillmentId, shipment.trackingNumber, shipment.status]).toEqual([
      "gid://shopify/Fulfillment/123456",
      "1z827wk74630",
      "in_transit",
    ]);
    expect(await db.job.count({ where: { shop: SAMPLE_SHOP, type: "customer_data_export" } })).toBe(1);

    const redact = await standin.sendSampleWebhook({
      shop: SAMPLE_SHOP,
      topic: "shop/redact",
      path: "/webhooks/shop/redact",
    });
    expect(redact.attempts.map((attempt) => attempt.status)).toEqual([200]);
    await appliedByTheWorker();
    expect(await db.order.count({ where: { shop: SAMPLE_SHOP } })).toBe(0);
    expect(await db.shop.count({ where: { domain: SAMPLE_SHOP } })).toBe(0);
  });

  it("answers a forged delivery 401 and a malformed one 400, writing only the rejection's record", async () => {
    const shop = "forged-or-broken.myshopify.com";
    const post = (body: string, signature: string, webhookId: string) =>
      fetch(`${app.url}/webhooks/fulfillment_events/create`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Topic": "fulfillment_events/create",
          "X-Shopify-Shop-Domain": shop,
          "X-Shopify-Hmac-Sha256": signature,
          "X-Shopify-Webhook-Id": webhookId,
          "X-Shopify-API-Version": "2025-10",
        },
        body,
      });
    const event = '{"id":9007199254740993,"fulfillment_id":1,"order_id":2,"status":"in_transit"}';
    const forged = await post(event, webhookHmac(Buffer.from(event), "not-the-app-secret"), "forged-1");
    expect(forged.status).toBe(401);
    const broken = '{"id": 1, "status": ';
    const malformed = await post(broken, webhookHmac(Buffer.from(broken), SECRET), "broken-1");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: "invalid payload" });
    const rows = await db.webhookDelivery.findMany({
      where: { shop },
      select: { webhookId: true, status: true },
    });
    expect(rows).toEqual([{ webhookId: "broken-1", status: "rejected" }]);
    expect(await db.shipment.count({ where: { shop } })).toBe(0);
  });
});
