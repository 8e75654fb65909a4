import { afterEach, describe, expect, it } from "vitest";
import { demoShop } from "./demo-seed";
import { createShopifyStandin } from "./standin-server";
import { startTestApp } from "./test-app-server";
import { planWebhookBatch } from "./webhook-batch";
import type { WebhookRequest } from "./webhook-delivery";

const SHOP = "batch.myshopify.com";
const requests: WebhookRequest[] = Array.from({ length: 10 }, (_, index) => ({
  shop: SHOP,
  topic: index % 2 ? "orders/updated" : "fulfillment_events/create",
  path: "/webhooks",
  triggeredAt: new Date(Date.UTC(2026, 10, 20, 12, 0, index)),
  payload: `{"id":${index + 1}}`,
}));
const label = (request: WebhookRequest) => String(request.payload);

describe("webhook batches", () => {
  it("plans the same duplicates, order and IDs for the same seed", () => {
    const options = { duplicates: 0.3, shuffle: true, seed: 7 };
    const plan = planWebhookBatch(requests, options);
    expect(planWebhookBatch(requests, options)).toEqual(plan);
    expect(
      planWebhookBatch(requests, { ...options, seed: 8 }).map((entry) => label(entry.request)),
    ).not.toEqual(plan.map((entry) => label(entry.request)));
    expect(plan).toHaveLength(13);
    expect(new Set(plan.map((entry) => label(entry.request)))).toEqual(new Set(requests.map(label)));
  });

  it("re-sends a duplicate as the same delivery: same webhook and event IDs, same body and trigger time", () => {
    const plan = planWebhookBatch(requests, { duplicates: 0.5, seed: 3 });
    // Without shuffling, the originals go in the given order and the duplicates after them.
    expect(plan.slice(0, 10).map((entry) => entry.request.payload)).toEqual(
      requests.map((request) => request.payload),
    );
    const duplicates = plan.filter((entry) => entry.duplicate);
    expect(duplicates).toHaveLength(5);
    for (const duplicate of duplicates) {
      const original = plan.find(
        (entry) => !entry.duplicate && entry.request.webhookId === duplicate.request.webhookId,
      );
      expect(original?.request).toEqual(duplicate.request);
    }
    expect(new Set(plan.slice(0, 10).map((entry) => entry.request.webhookId)).size).toBe(10);
  });

  it("keeps the IDs a request already has", () => {
    const [planned] = planWebhookBatch([
      { ...requests[0], webhookId: "w-1", eventId: "e-1" } as WebhookRequest,
    ]);
    expect(planned?.request).toMatchObject({ webhookId: "w-1", eventId: "e-1" });
    expect(() => planWebhookBatch(requests, { duplicates: 2 })).toThrow(/between 0 and 1/);
  });

  describe("sent by the stand-in", () => {
    const running: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((server) => server.close()));
    });

    it("delivers every planned webhook, retrying failures, and reports each delivery's attempts", async () => {
      let failedOnce = false;
      const app = await startTestApp((request, { response }) => {
        // The first delivery of the first webhook fails once; Shopify retries it with the same ID.
        if (!failedOnce && request.body.toString("utf8") === requests[0]?.payload) {
          failedOnce = true;
          response.writeHead(500).end();
          return;
        }
        setTimeout(() => response.writeHead(200).end(), 5);
      });
      const standin = await createShopifyStandin({
        appUrl: app.url,
        apiKey: "k",
        apiSecret: "s",
        shops: [demoShop(SHOP, "t")],
        webhookRetry: { backoffBaseMs: 5 },
      });
      running.push(standin, app);

      const options = { duplicates: 0.2, shuffle: true, seed: 5 };
      const deliveries = await standin.sendWebhooks(requests, { ...options, concurrency: 3 });
      const plan = planWebhookBatch(requests, options);
      expect(deliveries.map((delivery) => delivery.webhookId)).toEqual(
        plan.map((entry) => entry.request.webhookId),
      );
      expect(deliveries.every((delivery) => delivery.delivered)).toBe(true);
      const retried = deliveries.filter((delivery) => delivery.attempts.length > 1);
      expect(retried.map((delivery) => delivery.attempts.map((attempt) => attempt.status))).toEqual([
        [500, 200],
      ]);
      expect(plan).toHaveLength(12);
      expect(app.requests).toHaveLength(plan.length + 1);

      const idsReceived = app.requests.map((request) => String(request.headers["x-shopify-webhook-id"]));
      for (const duplicate of plan.filter((entry) => entry.duplicate)) {
        expect(idsReceived.filter((id) => id === duplicate.request.webhookId).length).toBeGreaterThanOrEqual(
          2,
        );
      }
      const exact = app.requests.find((request) => request.body.toString("utf8") === requests[9]?.payload);
      expect(exact?.headers["x-shopify-triggered-at"]).toBe("2026-11-20T12:00:09.000Z");
    });

    it("arrives in plan order one at a time", async () => {
      const app = await startTestApp((_request, { response }) => {
        response.writeHead(200).end();
      });
      const standin = await createShopifyStandin({
        appUrl: app.url,
        apiKey: "k",
        apiSecret: "s",
        shops: [demoShop(SHOP, "t")],
      });
      running.push(standin, app);
      const options = { shuffle: true, seed: 11, duplicates: 0.1 };
      await standin.sendWebhooks(requests, options);
      expect(app.requests.map((request) => request.body.toString("utf8"))).toEqual(
        planWebhookBatch(requests, options).map((entry) => entry.request.payload),
      );
    });
  });
});
