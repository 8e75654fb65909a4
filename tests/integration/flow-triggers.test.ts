import { afterEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import {
  FLOW_TRIGGER_FIELDS,
  FLOW_TRIGGER_HANDLES,
  FlowTriggerError,
  fireFlowTrigger,
  flowTriggerJobRequest,
  runFlowTriggerJob,
} from "../../app/models/flow-triggers.server";
import { enqueueJob } from "../../app/models/jobs.server";
import { verifyOrderViewToken } from "../../app/models/notification-links.server";
import type { FlowTrigger } from "../../app/models/notification-rules";
import { applyOrderSnapshot } from "../../app/models/order-sync.server";
import { adminGraphqlForShop } from "../../app/services/admin-graphql.server";
import { claimJob } from "../../app/services/jobs/job-queue.server";
import { runJob } from "../../app/services/jobs/worker.server";
import { orderFromGraphql } from "../../app/services/shopify-snapshots";
import {
  createShopifyStandin,
  generateStandinOrders,
  readFlowTriggerDefinitions,
  type FlowTriggerDefinition,
  type ShopifyStandin,
} from "../../shopify-standin";
import { sharedDirExists } from "../../shopify-standin/shared-dir";

// The stand-in's port is chosen before anything imports the app's config (see the helper).
const { STANDIN_PORT } = await vi.hoisted(async () => {
  const { reserveStandinAdminOrigin } = await import("../helpers/standin-admin-origin");
  return reserveStandinAdminOrigin();
});

const SHOP = "flow-triggers.myshopify.com";
const TOKEN = "shpat_flow_triggers";
const NOW = new Date("2026-11-20T12:00:00Z");
const TWO_TO_THE_53 = 2n ** 53n;

if (!sharedDirExists())
  console.warn("skipping Flow trigger tests: the stand-in needs ../shared for Admin GraphQL");

let standin: ShopifyStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
  await prisma.shop.deleteMany({});
  await prisma.session.deleteMany({});
});

async function startStandin(flowTriggers?: FlowTriggerDefinition[]) {
  await standin?.close();
  standin = await createShopifyStandin({
    port: STANDIN_PORT,
    appUrl: "http://127.0.0.1:9",
    apiKey: "test-api-key",
    apiSecret: "test-api-secret",
    shops: [
      {
        myshopifyDomain: SHOP,
        accessToken: TOKEN,
        orders: generateStandinOrders({ count: 30, seed: 7, now: NOW, daysBack: 50 }),
      },
    ],
    ...(flowTriggers ? { flowTriggers } : {}),
  });
  return standin;
}

// A shop installed with its offline token, and one of its fulfilled orders (ID above 2^53) synced into the
// database as a shipment.
async function shipmentInShop({ flowTriggers }: { flowTriggers?: FlowTriggerDefinition[] } = {}) {
  const shopify = await startStandin(flowTriggers);
  await prisma.shop.create({ data: { domain: SHOP, name: "Flow triggers" } });
  await prisma.session.create({
    data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: TOKEN },
  });
  const order = shopify
    .shop(SHOP)
    .orders.find(
      (o) =>
        BigInt(o.id.split("/").at(-1) ?? "0") > TWO_TO_THE_53 &&
        o.fulfillments[0]?.status === "SUCCESS" &&
        o.fulfillments[0].trackingInfo[0]?.number,
    );
  const fulfillment = order?.fulfillments[0];
  const tracking = fulfillment?.trackingInfo[0];
  if (!order || !fulfillment || !tracking) throw new Error("no fulfilled order above 2^53 in the stand-in");
  const snapshot = orderFromGraphql({
    ...order,
    fulfillments: [{ ...fulfillment, events: { nodes: fulfillment.events } }],
  });
  await prisma.$transaction((tx) => applyOrderSnapshot(tx, { shop: SHOP, order: snapshot }));
  const shipment = await prisma.shipment.findFirstOrThrow({
    where: { shop: SHOP, shopifyFulfillmentId: fulfillment.id },
    include: { order: true },
  });
  const admin = adminGraphqlForShop({
    shop: SHOP,
    accessToken: TOKEN,
    origin: shopify.shopUrl(SHOP, ""),
    retry: { baseDelayMs: 20 },
  });
  return { shopify, admin, shipment, order, tracking };
}

function expectTrackingPageOf(url: unknown, orderId: string) {
  const link = new URL(String(url));
  expect(`${link.origin}${link.pathname}`).toBe(`https://${SHOP}/apps/track`);
  expect(
    verifyOrderViewToken({ shop: SHOP, token: link.searchParams.get("view") ?? "", now: NOW.getTime() }),
  ).toBe(orderId);
}

describe.skipIf(!sharedDirExists())("Shopify Flow triggers", () => {
  it("tells Flow a shipment is delayed, with the order, the reason and both dates", async () => {
    const { shopify, admin, shipment, order, tracking } = await shipmentInShop();
    await prisma.shipment.update({
      where: { id: shipment.id },
      data: { status: "delayed", substatus: "weather", windowEnd: new Date("2026-11-24T23:00:00.250Z") },
    });
    await prisma.deliveryEstimate.create({
      data: {
        shop: SHOP,
        shipmentId: shipment.id,
        earliestAt: new Date("2026-11-19T00:00:00Z"),
        latestAt: new Date("2026-11-21T23:00:00Z"),
        basis: "carrier",
        isOriginal: true,
      },
    });

    expect(
      await fireFlowTrigger({ shop: SHOP, admin, shipmentId: shipment.id, trigger: "delayed", now: NOW }),
    ).toBe("fired");

    const runs = shopify.flowTriggers(SHOP);
    expect(runs.map((run) => run.handle)).toEqual(["shipment-delayed"]);
    const { "Tracking URL": trackingUrl, ...payload } = runs[0]?.payload ?? {};
    expect(payload).toEqual({
      // Exact digits of an ID above 2^53.
      order_id: order.id.replace("gid://shopify/Order/", ""),
      "Tracking number": tracking.number,
      Carrier: tracking.company,
      Status: "Delayed",
      Reason: "Delayed by weather",
      "Promised by": "2026-11-21T23:00:00Z",
      "Now expected by": "2026-11-24T23:00:00Z",
    });
    expect(BigInt(String(payload.order_id))).toBeGreaterThan(TWO_TO_THE_53);
    expectTrackingPageOf(trackingUrl, shipment.order.id);
  });

  it("sends what it does not know as empty text, which Flow accepts", async () => {
    const { shopify, admin, shipment } = await shipmentInShop();
    await prisma.shipment.update({
      where: { id: shipment.id },
      data: { status: "in_transit", substatus: "in_transit", windowEnd: null, carrierEstimatedAt: null },
    });
    await fireFlowTrigger({ shop: SHOP, admin, shipmentId: shipment.id, trigger: "delayed", now: NOW });
    expect(shopify.flowTriggers(SHOP)[0]?.payload).toMatchObject({
      Status: "In transit",
      Reason: "Running later than promised",
      "Promised by": "",
      "Now expected by": "",
    });
  });

  it("tells Flow about a carrier exception with the caller's reason and what happens next", async () => {
    const { shopify, admin, shipment } = await shipmentInShop();
    await prisma.shipment.update({
      where: { id: shipment.id },
      data: { status: "exception", substatus: "address_problem" },
    });
    await fireFlowTrigger({
      shop: SHOP,
      admin,
      shipmentId: shipment.id,
      trigger: "exception",
      reason: "The street number does not exist",
      now: NOW,
    });
    const [run] = shopify.flowTriggers(SHOP);
    expect(run?.handle).toBe("shipment-exception");
    expect(run?.payload).toMatchObject({
      Status: "Exception",
      Reason: "The street number does not exist",
      "Next step": "The carrier can't deliver until the address is fixed.",
    });
  });

  it("turns the substatus code of the scan that fired the trigger into plain language", async () => {
    const { shopify, admin, shipment } = await shipmentInShop();
    await prisma.shipment.update({
      where: { id: shipment.id },
      data: { status: "exception", substatus: "address_problem" },
    });
    await fireFlowTrigger({
      shop: SHOP,
      admin,
      shipmentId: shipment.id,
      trigger: "exception",
      reason: "damaged",
      now: NOW,
    });
    expect(shopify.flowTriggers(SHOP)[0]?.payload).toMatchObject({
      Reason: "Damaged in transit",
      "Next step": "We'll arrange a replacement or refund with you.",
    });
  });

  it("tells Flow when a shipment was delivered", async () => {
    const { shopify, admin, shipment } = await shipmentInShop();
    await prisma.shipment.update({
      where: { id: shipment.id },
      data: { status: "delivered", deliveredAt: new Date("2026-11-19T15:42:10.500Z") },
    });
    await fireFlowTrigger({ shop: SHOP, admin, shipmentId: shipment.id, trigger: "delivered", now: NOW });
    const [run] = shopify.flowTriggers(SHOP);
    expect(run?.handle).toBe("shipment-delivered");
    expect(run?.payload).toMatchObject({ Status: "Delivered", "Delivered at": "2026-11-19T15:42:10Z" });
  });

  it("tells Flow a shipment is stuck, with its last scan and the whole hours since", async () => {
    const { shopify, admin, shipment } = await shipmentInShop();
    const lastScan = new Date(NOW.getTime() - 50.5 * 60 * 60 * 1000);
    await prisma.shipment.update({
      where: { id: shipment.id },
      data: { status: "in_transit", lastEventAt: lastScan },
    });
    await fireFlowTrigger({ shop: SHOP, admin, shipmentId: shipment.id, trigger: "stuck", now: NOW });
    const [run] = shopify.flowTriggers(SHOP);
    expect(run?.handle).toBe("shipment-stuck");
    expect(run?.payload).toMatchObject({
      Status: "In transit",
      "Last scan at": "2026-11-18T09:30:00Z",
      "Hours without a scan": 50,
    });
  });

  it.each(Object.keys(FLOW_TRIGGER_HANDLES) as FlowTrigger[])(
    "sends %s with exactly the fields its extension declares, and Flow accepts it",
    async (trigger) => {
      const { shopify, admin, shipment } = await shipmentInShop();
      await fireFlowTrigger({ shop: SHOP, admin, shipmentId: shipment.id, trigger, now: NOW });
      const [run] = shopify.flowTriggers(SHOP);
      expect(run?.handle).toBe(FLOW_TRIGGER_HANDLES[trigger]);
      expect(Object.keys(run?.payload ?? {}).sort()).toEqual(
        FLOW_TRIGGER_FIELDS[trigger].map((field) => field.key).sort(),
      );
    },
  );

  it("does nothing for a shipment that no longer exists, or belongs to another shop", async () => {
    const { shopify, admin, shipment } = await shipmentInShop();
    await prisma.shop.create({ data: { domain: "other.myshopify.com", name: "Other" } });
    expect(
      await fireFlowTrigger({
        shop: "other.myshopify.com",
        admin,
        shipmentId: shipment.id,
        trigger: "delivered",
        now: NOW,
      }),
    ).toBe("no_shipment");
    await prisma.shipment.delete({ where: { id: shipment.id } });
    expect(
      await fireFlowTrigger({ shop: SHOP, admin, shipmentId: shipment.id, trigger: "delivered", now: NOW }),
    ).toBe("no_shipment");
    expect(shopify.flowTriggers(SHOP)).toEqual([]);
  });

  it("throws Flow's refusal, so a job is retried later and succeeds once the trigger is deployed", async () => {
    const { admin, shipment } = await shipmentInShop({ flowTriggers: [] });
    const refused = await fireFlowTrigger({
      shop: SHOP,
      admin,
      shipmentId: shipment.id,
      trigger: "delivered",
      now: NOW,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(FlowTriggerError);
    expect(String(refused)).toContain("Invalid handle 'shipment-delivered'");

    await prisma.$transaction((tx) =>
      enqueueJob(tx, flowTriggerJobRequest({ shop: SHOP, shipmentId: shipment.id, trigger: "delivered" })),
    );
    const handlers = { "flow.trigger": runFlowTriggerJob };
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const firstTry = await claimJob({ workerId: "w", types: ["flow.trigger"] });
    if (!firstTry) throw new Error("the trigger was not queued");
    const failedAt = Date.now();
    await runJob(firstTry, "w", handlers);
    const retrying = await prisma.job.findUniqueOrThrow({ where: { id: firstTry.id } });
    expect(retrying).toMatchObject({ status: "queued", attempts: 1 });
    expect(retrying.lastError).toContain("Invalid handle 'shipment-delivered'");
    expect(retrying.runAt.getTime()).toBeGreaterThanOrEqual(failedAt);

    const deployed = await startStandin(readFlowTriggerDefinitions());
    await prisma.job.update({ where: { id: firstTry.id }, data: { runAt: new Date() } });
    const secondTry = await claimJob({ workerId: "w", types: ["flow.trigger"] });
    if (!secondTry) throw new Error("the trigger was not retried");
    await runJob(secondTry, "w", handlers);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: firstTry.id } })).toMatchObject({
      status: "done",
      lastError: null,
    });
    expect(deployed.flowTriggers(SHOP).map((run) => run.handle)).toEqual(["shipment-delivered"]);
  });

  it("queues each trigger once per shipment, and a gone shipment's job ends quietly", async () => {
    const { shopify, shipment } = await shipmentInShop();
    const request = flowTriggerJobRequest({ shop: SHOP, shipmentId: shipment.id, trigger: "stuck" });
    await prisma.$transaction(async (tx) => {
      await enqueueJob(tx, request);
      await enqueueJob(tx, request);
      await enqueueJob(
        tx,
        flowTriggerJobRequest({ shop: SHOP, shipmentId: shipment.id, trigger: "delayed" }),
      );
    });
    const jobs = await prisma.job.findMany({
      where: { shop: SHOP, type: "flow.trigger" },
      orderBy: { uniqueKey: "asc" },
    });
    expect(jobs.map((job) => [job.uniqueKey, JSON.parse(job.payload)])).toEqual([
      [`flow.trigger:delayed:${shipment.id}`, { shipmentId: shipment.id, trigger: "delayed" }],
      [`flow.trigger:stuck:${shipment.id}`, { shipmentId: shipment.id, trigger: "stuck" }],
    ]);

    await prisma.shipment.delete({ where: { id: shipment.id } });
    for (;;) {
      const job = await claimJob({ workerId: "w", types: ["flow.trigger"] });
      if (!job) break;
      await runJob(job, "w", { "flow.trigger": runFlowTriggerJob });
    }
    expect(await prisma.job.count({ where: { shop: SHOP, status: "done" } })).toBe(2);
    expect(shopify.flowTriggers(SHOP)).toEqual([]);
  });
});
