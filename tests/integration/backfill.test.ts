import { afterEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { importBulkFile, pollBackfill, startBackfill } from "../../app/models/backfill.server";
import { applyOrderSnapshot } from "../../app/models/order-sync.server";
import { orderFromGraphql } from "../../app/services/shopify-snapshots";
import type { ShopifyStandin } from "../../shopify-standin";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { installedShopWithStandin } from "../helpers/standin-shop";
import { syncState } from "../helpers/sync-state";

const SHOP = "backfill.myshopify.com";
const ORDERS = 1_200;

if (!sharedDirExists())
  console.warn("skipping backfill tests: the stand-in needs ../shared for Admin GraphQL");

let standin: ShopifyStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
  await prisma.shop.deleteMany({});
  await prisma.session.deleteMany({});
});

async function backfillUntilDone(
  admin: Parameters<typeof pollBackfill>[0]["admin"],
  runId: string,
  fetchFile?: typeof fetch,
) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const result = await pollBackfill({ shop: SHOP, admin, runId, ...(fetchFile ? { fetchFile } : {}) });
    if (result !== "waiting") return result;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("bulk operation never finished");
}

// A download that breaks after `lines` lines, like a connection dropped mid-file.
function fetchThatBreaksAfter(lines: number): typeof fetch {
  return async (input) => {
    const response = await fetch(input as string);
    const text = await response.text();
    const kept = text.split("\n").slice(0, lines).join("\n") + "\n";
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new Error("connection reset"));
        sent = true;
        controller.enqueue(new TextEncoder().encode(kept));
      },
    });
    return new Response(stream, { status: 200 });
  };
}

describe.skipIf(!sharedDirExists())("backfill through a bulk operation", () => {
  it("imports every recent order with its shipments, showing progress, with IDs kept exact", async () => {
    const setup = await installedShopWithStandin({ shop: SHOP, orders: ORDERS });
    standin = setup.standin;
    const run = await startBackfill({ shop: SHOP, admin: setup.admin });
    expect(run.status).toBe("running");
    expect(run.bulkOperationId).toMatch(/^gid:\/\/shopify\/BulkOperation\//);
    expect(await backfillUntilDone(setup.admin, run.id)).toBe("completed");

    const stored = await prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    const standinOrders = standin.shop(SHOP).orders;
    expect(stored.ordersApplied).toBe(standinOrders.length);
    expect(stored.processedLines).toBe(stored.objectCount);
    expect(await prisma.order.count({ where: { shop: SHOP } })).toBe(standinOrders.length);
    const expectedShipments = standinOrders
      .flatMap((o) => o.fulfillments)
      .reduce((n, f) => n + Math.max(1, f.trackingInfo.length), 0);
    expect(await prisma.shipment.count({ where: { shop: SHOP } })).toBe(expectedShipments);
    const bigId = standinOrders.find((order) => BigInt(order.id.split("/").pop() ?? 0) > 2n ** 53n);
    expect(bigId).toBeDefined();
    expect(await prisma.order.count({ where: { shop: SHOP, shopifyId: bigId?.id } })).toBe(1);
    const delivered = standinOrders
      .flatMap((o) => o.fulfillments)
      .find((f) => f.status === "SUCCESS" && f.events.at(-1)?.status === "DELIVERED");
    expect(delivered).toBeDefined();
    const shipment = await prisma.shipment.findFirstOrThrow({
      where: { shop: SHOP, shopifyFulfillmentId: delivered?.id },
    });
    expect(shipment.status).toBe("delivered");
    const deliveredAt = delivered?.events.find((event) => event.status === "DELIVERED")?.happenedAt ?? "";
    expect(shipment.deliveredAt?.toISOString()).toBe(new Date(deliveredAt).toISOString());
  });

  it("writes exactly what the one-by-one path writes for the same orders", async () => {
    const setup = await installedShopWithStandin({ shop: SHOP, orders: 60 });
    standin = setup.standin;
    const run = await startBackfill({ shop: SHOP, admin: setup.admin });
    await backfillUntilDone(setup.admin, run.id);
    const batched = await syncState(SHOP);

    const { node } = await setup.admin.request<{ node: { url: string } }>(
      `query BackfillFile($id: ID!) { node(id: $id) { ... on BulkOperation { url } } }`,
      { id: run.bulkOperationId },
    );
    const lines = (await (await fetch(node.url)).text()).trim().split("\n");
    await prisma.order.deleteMany({ where: { shop: SHOP } });
    // Per-shipment jobs name the shipments just deleted; the one-by-one path queues its own.
    await prisma.job.deleteMany({
      where: { shop: SHOP, type: { in: ["shipment.refresh", "shipment.estimate_window"] } },
    });
    await prisma.$transaction(async (tx) => {
      for (const line of lines)
        await applyOrderSnapshot(tx, { shop: SHOP, order: orderFromGraphql(JSON.parse(line)) });
    });
    const oneByOne = await syncState(SHOP);
    // The one-by-one path is also the webhook path: a recent problem it sees first announces itself to Flow
    // (and to the shopper). The install-time import is history and stays silent; everything else is equal.
    const fromWebhooks = oneByOne.jobs.filter((job) => job.type === "flow.trigger");
    expect(batched.jobs.filter((job) => job.type === "flow.trigger")).toEqual([]);
    oneByOne.jobs = oneByOne.jobs.filter((job) => !fromWebhooks.includes(job));
    for (const key of Object.keys(batched) as Array<keyof typeof batched>)
      expect(oneByOne[key], key).toEqual(batched[key]);
  });

  it("resumes after a broken download without duplicating anything", async () => {
    const setup = await installedShopWithStandin({ shop: SHOP, orders: ORDERS });
    standin = setup.standin;
    const run = await startBackfill({ shop: SHOP, admin: setup.admin });
    const crashed = await backfillUntilDone(setup.admin, run.id, fetchThatBreaksAfter(1_100)).catch(
      (error: Error) => error,
    );
    expect(String(crashed)).toMatch(/connection reset/);
    const midway = await prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(midway.status).toBe("running");
    expect(midway.processedLines).toBe(1_000);

    expect(await backfillUntilDone(setup.admin, run.id)).toBe("completed");
    const done = await prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(done.ordersApplied).toBe(ORDERS);
    expect(await prisma.order.count({ where: { shop: SHOP } })).toBe(ORDERS);
    const jobs = await prisma.job.groupBy({
      by: ["uniqueKey"],
      where: { shop: SHOP },
      _count: { _all: true },
    });
    expect(jobs.every((group) => group._count._all === 1)).toBe(true);
  });

  it("reports a failed bulk operation instead of pretending it finished", async () => {
    const setup = await installedShopWithStandin({ shop: SHOP, orders: 20 });
    standin = setup.standin;
    standin.failNextBulkOperation({ errorCode: "INTERNAL_SERVER_ERROR" });
    const run = await startBackfill({ shop: SHOP, admin: setup.admin });
    expect(await backfillUntilDone(setup.admin, run.id)).toBe("failed");
    const stored = await prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored.error).toMatch(/FAILED.*INTERNAL_SERVER_ERROR/);
    expect(await prisma.order.count({ where: { shop: SHOP } })).toBe(0);
  });

  it("does not start a second export while one runs", async () => {
    const setup = await installedShopWithStandin({ shop: SHOP, orders: 20 });
    standin = setup.standin;
    const first = await startBackfill({ shop: SHOP, admin: setup.admin });
    const second = await startBackfill({ shop: SHOP, admin: setup.admin });
    expect(second.id).toBe(first.id);
    await importBulkFile; // the module stays importable without a run in progress
  });
});
