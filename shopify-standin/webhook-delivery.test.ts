import "@shopify/shopify-api/adapters/node";
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { afterEach, describe, expect, it } from "vitest";
import { SHOPIFY_API_VERSION } from "../app/shopify-api-version";
import { loadAdminSchemas } from "./admin-schema";
import { demoShop } from "./demo-seed";
import { sharedDir, sharedFile } from "./shared-dir";
import { createShopifyStandin, type ShopifyStandin } from "./standin-server";
import { startTestApp, type TestAppHandler, type TestAppServer } from "./test-app-server";

const SECRET = "webhook-test-secret";
const SHOP = "webhook-test.myshopify.com";
const sharedAvailable = loadAdminSchemas() !== null;
if (!sharedAvailable) console.warn(`skipping stand-in webhook tests: ${sharedDir()} not found`);

const shopify = shopifyApi({
  apiKey: "webhook-test-key",
  apiSecretKey: SECRET,
  apiVersion: SHOPIFY_API_VERSION as ApiVersion,
  hostName: "parcelwise.test",
  isEmbeddedApp: true,
  logger: { level: 0 },
});

describe.skipIf(!sharedAvailable)("stand-in webhook delivery", () => {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  async function setUp(
    handler: TestAppHandler,
    webhookRetry = { backoffBaseMs: 5, timeoutMs: 1_000 },
  ): Promise<{ app: TestAppServer; standin: ShopifyStandin }> {
    const app = await startTestApp(handler);
    const standin = await createShopifyStandin({
      appUrl: app.url,
      apiKey: "webhook-test-key",
      apiSecret: SECRET,
      shops: [demoShop(SHOP, "shpat_webhook_test")],
      webhookRetry,
    });
    running.push(standin, app);
    return { app, standin };
  }

  function answerWith(...statuses: number[]): TestAppHandler {
    return (_request, { response }) => {
      response.writeHead(statuses.shift() ?? 200).end();
    };
  }

  it("signs the raw body like Shopify and sends Shopify's headers", async () => {
    const validations: unknown[] = [];
    const { app, standin } = await setUp(async (recorded, { request, response }) => {
      validations.push(
        await shopify.webhooks.validate({
          rawBody: recorded.body.toString("utf8"),
          rawRequest: request,
          rawResponse: response,
        }),
      );
      response.writeHead(200).end();
    });
    const delivery = await standin.sendWebhook({
      shop: SHOP,
      topic: "orders/updated",
      payload: { id: 1, name: "#1001" },
      path: "/webhooks/orders",
    });

    expect(delivery.delivered).toBe(true);
    const [received] = app.requests;
    expect(received?.url.pathname).toBe("/webhooks/orders");
    const expectedHmac = createHmac("sha256", SECRET)
      .update(received?.body ?? "")
      .digest();
    const sentHmac = Buffer.from(String(received?.headers["x-shopify-hmac-sha256"]), "base64");
    expect(timingSafeEqual(expectedHmac, sentHmac)).toBe(true);
    expect(received?.headers).toMatchObject({
      "content-type": "application/json",
      "x-shopify-topic": "orders/updated",
      "x-shopify-shop-domain": SHOP,
      "x-shopify-api-version": SHOPIFY_API_VERSION,
      "x-shopify-webhook-id": expect.stringMatching(/^[0-9a-f-]{36}$/),
      "x-shopify-event-id": expect.any(String),
      "x-shopify-triggered-at": expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(validations).toEqual([
      expect.objectContaining({
        valid: true,
        topic: "ORDERS_UPDATED",
        domain: SHOP,
        webhookId: expect.any(String),
      }),
    ]);
  });

  it("fails @shopify/shopify-api validation when signed with another secret", async () => {
    const validations: { valid: boolean }[] = [];
    const app = await startTestApp(async (recorded, { request, response }) => {
      validations.push(
        await shopify.webhooks.validate({
          rawBody: recorded.body.toString("utf8"),
          rawRequest: request,
          rawResponse: response,
        }),
      );
      response.writeHead(401).end();
    });
    const standin = await createShopifyStandin({
      appUrl: app.url,
      apiKey: "k",
      apiSecret: "another-secret",
      shops: [demoShop(SHOP, "t")],
      webhookRetry: { maxRetries: 0 },
    });
    running.push(standin, app);
    await standin.sendWebhook({ shop: SHOP, topic: "orders/updated", payload: "{}" });
    expect(validations).toEqual([expect.objectContaining({ valid: false })]);
  });

  it("retries failures with exponential backoff and stops at the first 2xx, with the same ids", async () => {
    const { app, standin } = await setUp(answerWith(500, 503, 200, 200));
    const delivery = await standin.sendWebhook({ shop: SHOP, topic: "orders/create", payload: "{}" });

    expect(delivery.delivered).toBe(true);
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
    expect(app.requests).toHaveLength(3);
    expect(new Set(app.requests.map((request) => request.headers["x-shopify-webhook-id"])).size).toBe(1);
    const [first, , third] = delivery.attempts.map((attempt) => Date.parse(attempt.startedAt));
    // Backoff base 5 ms: 5 ms then 10 ms.
    expect((third ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(15);
  });

  it("gives up after 8 retries and counts redirects as failures", async () => {
    const { app, standin } = await setUp(answerWith(...Array<number>(20).fill(302)), {
      backoffBaseMs: 1,
      timeoutMs: 1_000,
    });
    const delivery = await standin.sendWebhook({ shop: SHOP, topic: "orders/create", payload: "{}" });
    expect(delivery.delivered).toBe(false);
    expect(delivery.attempts).toHaveLength(9);
    expect(app.requests).toHaveLength(9);
  });

  it("treats a slow answer as a failed attempt", async () => {
    let calls = 0;
    const { standin } = await setUp(
      (_request, { response }) => {
        if (++calls === 1) setTimeout(() => response.writeHead(200).end(), 300);
        else response.writeHead(200).end();
      },
      { backoffBaseMs: 1, timeoutMs: 100 },
    );
    const delivery = await standin.sendWebhook({ shop: SHOP, topic: "orders/create", payload: "{}" });
    expect(delivery.attempts.map((attempt) => [attempt.status, attempt.error])).toEqual([
      [null, "timed out after 100 ms"],
      [200, undefined],
    ]);
  });

  it("stops waiting retries when the stand-in closes", async () => {
    const { standin } = await setUp(answerWith(500), { backoffBaseMs: 60_000, timeoutMs: 1_000 });
    const pending = standin.sendWebhook({ shop: SHOP, topic: "orders/create", payload: "{}" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await standin.close();
    const delivery = await pending;
    expect(delivery.delivered).toBe(false);
    expect(delivery.attempts).toHaveLength(1);
  });

  it("replays Shopify's sample body byte for byte, big IDs intact", async () => {
    const { app, standin } = await setUp(answerWith(200));
    const delivery = await standin.sendSampleWebhook({ shop: SHOP, topic: "fulfillments/create" });

    const sample = readFileSync(path.join(sharedFile("webhookSamples"), "fulfillments__create.json"));
    expect(delivery.delivered).toBe(true);
    expect(app.requests[0]?.body.equals(sample)).toBe(true);
    expect(app.requests[0]?.body.toString("utf8")).toContain("820982911946154508");
  });
});
