import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { config } from "../../app/config.server";
import { hashCustomerEmail } from "../../app/services/customer-identity.server";
import { createRandom } from "../../prisma/seed/random";
import { sharedDir } from "../../shopify-standin/shared-dir";
import {
  BIG_ORDER_ID,
  FULFILLMENT_ID,
  fulfillmentBody,
  fulfillmentEventBody,
  orderBody,
} from "../helpers/shopify-payloads";
import { syncState } from "../helpers/sync-state";
import { applyQueuedWebhooks } from "../../app/models/webhook-inbox.server";
import { deliver, deliverToInbox, type Delivery } from "../helpers/webhook-actions";
import { signedWebhookRequest } from "../helpers/signed-webhook";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create";

// The driver path (order-sync-sql.server.ts) can be switched off, so its rows can be compared with the ORM
// path's, and counted, so a test knows it ran.
const driverPath = vi.hoisted(() => ({ enabled: true, applied: 0 }));
vi.mock("../../app/models/order-sync-sql.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../app/models/order-sync-sql.server")>();
  const switched =
    <Args extends unknown[], Result>(apply: (...args: Args) => Promise<Result | null>) =>
    async (...args: Args) => {
      if (!driverPath.enabled) return null;
      const result = await apply(...args);
      if (result !== null) driverPath.applied += 1;
      return result;
    };
  return {
    applyFulfillmentSql: switched(actual.applyFulfillmentSql),
    applyFulfillmentEventSql: switched(actual.applyFulfillmentEventSql),
  };
});

const SHOP = "sync-shop.myshopify.com";
const ORDER_GID = `gid://shopify/Order/${BIG_ORDER_ID}`;
const FULFILLMENT_GID = `gid://shopify/Fulfillment/${FULFILLMENT_ID}`;

beforeEach(async () => {
  driverPath.enabled = true;
  await prisma.shop.deleteMany({});
  await prisma.webhookDelivery.deleteMany({});
  await prisma.shop.create({ data: { domain: SHOP, name: "Sync shop" } });
});

// One order's life as Shopify reports it: created, fulfilled, re-labelled, scanned, delivered, and edited.
function lifecycle(): Delivery[] {
  return [
    {
      topic: "orders/create",
      webhookId: "w-order-create",
      body: orderBody({ updatedAt: "2026-11-01T10:00:00-05:00" }),
    },
    {
      topic: "fulfillments/create",
      webhookId: "w-ful-create",
      body: fulfillmentBody({ updatedAt: "2026-11-02T09:00:00-05:00", numbers: ["1Z999AA10123456784"] }),
    },
    {
      topic: "fulfillments/update",
      webhookId: "w-ful-update",
      body: fulfillmentBody({
        updatedAt: "2026-11-02T11:00:00-05:00",
        numbers: ["1Z999AA10123456784", "1Z999AA10123456791"],
      }),
    },
    {
      topic: "fulfillment_events/create",
      webhookId: "w-ev-1",
      body: fulfillmentEventBody({ id: 1, status: "in_transit", happenedAt: "2026-11-03T08:00:00-05:00" }),
    },
    {
      topic: "fulfillment_events/create",
      webhookId: "w-ev-2",
      body: fulfillmentEventBody({
        id: 2,
        status: "out_for_delivery",
        happenedAt: "2026-11-04T07:30:00-05:00",
        city: "San Francisco",
      }),
    },
    {
      topic: "fulfillment_events/create",
      webhookId: "w-ev-3",
      body: fulfillmentEventBody({
        id: 3,
        status: "delivered",
        happenedAt: "2026-11-04T14:05:00-05:00",
        city: "San Francisco",
      }),
    },
    {
      topic: "orders/updated",
      webhookId: "w-order-update",
      body: orderBody({ updatedAt: "2026-11-04T15:00:00-05:00", zip: "94110", quantity: 3 }),
    },
  ];
}

describe("sync webhooks", () => {
  it("turns an order's webhooks into one order, its shipments and a plain timeline", async () => {
    for (const delivery of lifecycle()) expect(await deliver(SHOP, delivery)).toBe(200);

    const order = await prisma.order.findFirstOrThrow({ where: { shop: SHOP } });
    expect(order.shopifyId).toBe(ORDER_GID);
    expect(order.destinationPostalPrefix).toBe("941");
    expect(order.itemCount).toBe(3);
    expect(order.customerLocale).toBe("fr");
    expect(order.customerEmailHash).toBe(
      hashCustomerEmail({ shop: SHOP, email: "ana@example.com", key: config().CUSTOMER_HASH_KEY }),
    );
    expect(JSON.stringify(order)).not.toContain("ana@example.com");

    const shipments = await prisma.shipment.findMany({
      where: { shop: SHOP },
      orderBy: { trackingIndex: "asc" },
    });
    expect(shipments.map((s) => [s.trackingIndex, s.trackingNumber, s.carrier, s.status])).toEqual([
      [0, "1Z999AA10123456784", "ups", "delivered"],
      [1, "1Z999AA10123456791", "ups", "delivered"],
    ]);
    expect(shipments[0]?.deliveredAt?.toISOString()).toBe("2026-11-04T19:05:00.000Z");
    expect(shipments[0]?.shopifyFulfillmentId).toBe(FULFILLMENT_GID);
    const timeline = await prisma.trackingEvent.findMany({
      where: { shipmentId: shipments[0]?.id },
      orderBy: { occurredAt: "asc" },
    });
    expect(timeline.map((e) => e.status)).toEqual(["in_transit", "out_for_delivery", "delivered"]);
    expect(timeline[2]?.rawCode).toBe("delivered");
    const jobs = await prisma.job.findMany({ where: { shop: SHOP, type: "shipment.refresh" } });
    expect(jobs).toHaveLength(2);
  });

  it("keeps every tracking number a shipment had, and shows the newest", async () => {
    for (const delivery of lifecycle().slice(0, 2)) await deliver(SHOP, delivery);
    await deliver(SHOP, {
      topic: "fulfillments/update",
      webhookId: "relabel",
      body: fulfillmentBody({ updatedAt: "2026-11-02T12:00:00-05:00", numbers: ["1Z999AA10123456800"] }),
    });
    const shipment = await prisma.shipment.findFirstOrThrow({ where: { shop: SHOP, trackingIndex: 0 } });
    expect(shipment.trackingNumber).toBe("1Z999AA10123456800");
    const versions = await prisma.shipmentTrackingVersion.findMany({
      where: { shipmentId: shipment.id },
      orderBy: { shopifyUpdatedAt: "asc" },
    });
    expect(versions.map((v) => v.trackingNumber)).toEqual(["1Z999AA10123456784", "1Z999AA10123456800"]);
  });

  it("never lets an older update overwrite newer state, and records it as stale", async () => {
    await deliver(SHOP, {
      topic: "orders/updated",
      webhookId: "new",
      body: orderBody({ updatedAt: "2026-11-05T00:00:00Z", zip: "10001" }),
    });
    await deliver(SHOP, {
      topic: "orders/updated",
      webhookId: "old",
      body: orderBody({ updatedAt: "2026-11-01T00:00:00Z", zip: "94107" }),
    });
    const order = await prisma.order.findFirstOrThrow({ where: { shop: SHOP } });
    expect(order.destinationPostalPrefix).toBe("100");
    const old = await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: "old" } });
    expect(old.status).toBe("stale");
  });

  it("marks a cancelled order", async () => {
    await deliver(SHOP, {
      topic: "orders/cancelled",
      webhookId: "cancel",
      body: orderBody({ updatedAt: "2026-11-02T00:00:00Z", cancelledAt: "2026-11-02T00:00:00Z" }),
    });
    const order = await prisma.order.findFirstOrThrow({ where: { shop: SHOP } });
    expect(order.cancelledAt?.toISOString()).toBe("2026-11-02T00:00:00.000Z");
  });

  it("records a malformed payload, answers 400 and writes nothing else", async () => {
    const before = await syncState(SHOP);
    const broken = [
      { topic: "orders/create", webhookId: "bad-json", body: '{"id": 1, "name": ' },
      { topic: "fulfillments/create", webhookId: "bad-shape", body: '{"id": 1, "order_id": 2}' },
      {
        topic: "fulfillment_events/create",
        webhookId: "bad-date",
        body: fulfillmentEventBody({ id: 9, status: "delivered", happenedAt: "not a date" }),
      },
    ];
    for (const delivery of broken) expect(await deliver(SHOP, delivery)).toBe(400);
    expect(await syncState(SHOP)).toEqual(before);
    const rejected = await prisma.webhookDelivery.findMany({
      where: { shop: SHOP },
      orderBy: { webhookId: "asc" },
    });
    expect(rejected.map((r) => [r.webhookId, r.status])).toEqual([
      ["bad-date", "rejected"],
      ["bad-json", "rejected"],
      ["bad-shape", "rejected"],
    ]);
    expect(rejected.every((r) => r.error && r.payloadSha256)).toBe(true);
  });

  it("answers 401 to a forged delivery and writes nothing", async () => {
    const request = signedWebhookRequest({
      topic: "orders/create",
      shop: SHOP,
      body: orderBody({ updatedAt: "2026-11-01T10:00:00Z" }),
      secret: "forged",
    });
    const status = await ordersCreate({ request, params: {}, context: {} }).then(
      (response) => response.status,
      (thrown: Response) => thrown.status,
    );
    expect(status).toBe(401);
    expect(await prisma.order.count()).toBe(0);
    expect(await prisma.webhookDelivery.count()).toBe(0);
  });

  it("reaches the same final state for any order and duplication of the same deliveries", async () => {
    const deliveries = lifecycle();
    for (const delivery of deliveries) await deliver(SHOP, delivery);
    const expected = await syncState(SHOP);
    expect(expected.shipments).toHaveLength(2);

    const random = createRandom(2026);
    for (let run = 0; run < 12; run += 1) {
      await prisma.shop.deleteMany({ where: { domain: SHOP } });
      await prisma.webhookDelivery.deleteMany({});
      await prisma.shop.create({ data: { domain: SHOP, name: "Sync shop" } });
      const replay = [...deliveries, ...deliveries.filter(() => random.next() < 0.4)];
      for (let i = replay.length - 1; i > 0; i -= 1) {
        const j = random.int(0, i);
        [replay[i], replay[j]] = [replay[j] as Delivery, replay[i] as Delivery];
      }
      for (const delivery of replay) expect(await deliver(SHOP, delivery)).toBe(200);
      expect(await syncState(SHOP), `run ${run}: ${replay.map((d) => d.webhookId).join(" ")}`).toEqual(
        expected,
      );
      expect(await prisma.webhookDelivery.count({ where: { shop: SHOP } })).toBe(deliveries.length);
    }
  });
});

describe("a burst of queued deliveries applied together", () => {
  it("gives the rows the ORM path gives one by one, whichever order the burst arrived in", async () => {
    driverPath.enabled = false;
    const deliveries = lifecycle();
    for (const delivery of deliveries) await deliver(SHOP, delivery);
    const expected = await syncState(SHOP);
    // A second fulfillment version and more events for parcels that now exist: these take the driver path.
    const later: Delivery[] = [
      ...deliveries,
      {
        topic: "fulfillments/update",
        webhookId: "w-ful-update-2",
        body: fulfillmentBody({
          updatedAt: "2026-11-03T12:00:00-05:00",
          // The second parcel relabelled: a new tracking version and a carrier refresh job.
          numbers: ["1Z999AA10123456784", "1Z999AA10123456800"],
        }),
      },
      {
        topic: "fulfillment_events/create",
        webhookId: "w-ev-4",
        body: fulfillmentEventBody({ id: 4, status: "delayed", happenedAt: "2026-11-03T20:00:00-05:00" }),
      },
    ];
    for (const delivery of later.slice(deliveries.length)) await deliver(SHOP, delivery);
    const expectedAfter = await syncState(SHOP);
    expect(expectedAfter.events.length).toBeGreaterThan(expected.events.length);
    driverPath.enabled = true;
    driverPath.applied = 0;

    const random = createRandom(7);
    for (let run = 0; run < 6; run += 1) {
      await prisma.shop.deleteMany({ where: { domain: SHOP } });
      await prisma.webhookDelivery.deleteMany({});
      await prisma.shop.create({ data: { domain: SHOP, name: "Sync shop" } });
      // The order first (as the ORM path would create it), then everything else queued at once, shuffled
      // and partly duplicated, and applied in one pass.
      const replay = [...later.slice(1), ...later.filter(() => random.next() < 0.3)];
      for (let i = replay.length - 1; i > 0; i -= 1) {
        const j = random.int(0, i);
        [replay[i], replay[j]] = [replay[j] as Delivery, replay[i] as Delivery];
      }
      await deliver(SHOP, later[0] as Delivery);
      for (const delivery of replay) expect(await deliverToInbox(SHOP, delivery)).toBe(200);
      while ((await applyQueuedWebhooks({ limit: 500 })) > 0);
      expect(await syncState(SHOP), `run ${run}: ${replay.map((d) => d.webhookId).join(" ")}`).toEqual(
        expectedAfter,
      );
      expect(await prisma.webhookDelivery.count({ where: { shop: SHOP, status: "queued" } })).toBe(0);
    }
    expect(driverPath.applied).toBeGreaterThan(20);
  });
});

const webhookSamples = path.join(sharedDir(), "data/shopify/webhooks");
const samplesAvailable = (() => {
  try {
    readFileSync(path.join(webhookSamples, "orders__create.json"));
    return true;
  } catch {
    console.warn(`skipping Shopify sample replay: ${webhookSamples} not found`);
    return false;
  }
})();

describe.skipIf(!samplesAvailable)("Shopify's own sample payloads", () => {
  const sample = (topic: string) =>
    readFileSync(path.join(webhookSamples, `${topic.replace("/", "__")}.json`), "utf8");

  it("produce the expected rows, with IDs above 2^53 kept exact", async () => {
    for (const topic of [
      "orders/create",
      "fulfillments/create",
      "fulfillment_events/create",
      "orders/updated",
    ]) {
      expect(await deliver(SHOP, { topic, webhookId: `sample-${topic}`, body: sample(topic) }), topic).toBe(
        200,
      );
    }
    const order = await prisma.order.findFirstOrThrow({ where: { shop: SHOP } });
    expect(order.shopifyId).toBe("gid://shopify/Order/820982911946154508");
    expect(order.name).toBe("#9999");
    expect(order.cancelledAt).not.toBeNull();
    expect(order.destinationCountry).toBe("US");
    const shipment = await prisma.shipment.findFirstOrThrow({ where: { shop: SHOP } });
    expect(shipment.shopifyFulfillmentId).toBe("gid://shopify/Fulfillment/123456");
    expect(shipment.orderId).toBe(order.id);
    expect(shipment.trackingNumber).toBe("1z827wk74630");
    expect(shipment.carrier).toBe("ups");
    expect(shipment.status).toBe("in_transit");
    const events = await prisma.trackingEvent.findMany({ where: { shipmentId: shipment.id } });
    expect(events.map((e) => [e.status, e.rawText, e.country])).toEqual([
      ["in_transit", "Item is now in transit", "CA"],
    ]);
  });
});
