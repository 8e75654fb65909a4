import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BULK_OPERATION_RUN_QUERY } from "../app/models/sync-documents";
import { ORDERS_WITH_NESTED_EVENTS } from "./test-bulk-queries";
import { loadAdminSchemas } from "./admin-schema";
import { generateStandinOrders } from "./order-generator";
import { sharedDir } from "./shared-dir";
import { createShopifyStandin, type ShopifyStandin } from "./standin-server";
import { adminGraphql, bulkOperationStatus, type BulkOperationStatus } from "./test-admin-client";

const SHOP = { shop: "bulk-large.myshopify.com", token: "shpat_bulk_large" };
const ORDERS = 50_000;
const MB = 1024 * 1024;
const sharedAvailable = loadAdminSchemas() !== null;

// Garbage makes heapUsed swing by tens of MB; what matters is what stays reachable, so measure after a full GC.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const retainedHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};
if (!sharedAvailable) console.warn(`skipping the large bulk export test: ${sharedDir()} not found`);

describe.skipIf(!sharedAvailable)("a 50,000-order bulk export", () => {
  let standin: ShopifyStandin;
  let expectedLines = 0;
  beforeAll(async () => {
    const orders = generateStandinOrders({ count: ORDERS, seed: 50, now: new Date("2026-11-20T12:00:00Z") });
    expectedLines = orders.reduce(
      (lines, order) =>
        lines + 1 + order.fulfillments.reduce((events, fulfillment) => events + fulfillment.events.length, 0),
      0,
    );
    standin = await createShopifyStandin({
      appUrl: "http://127.0.0.1:9",
      apiKey: "k",
      apiSecret: "s",
      shops: [{ ...SHOP, myshopifyDomain: SHOP.shop, accessToken: SHOP.token, orders }],
      // Nested events make the most lines (see test-bulk-queries.ts).
      bulkOperations: { allowConnectionsInsideLists: true },
    });
  });
  afterAll(() => standin.close());

  it("runs, reports progress and streams its JSONL without holding it in memory", async () => {
    const started = performance.now();
    const run = await adminGraphql<{ bulkOperationRunQuery: { bulkOperation: { id: string } } }>(
      standin,
      SHOP,
      BULK_OPERATION_RUN_QUERY,
      { query: ORDERS_WITH_NESTED_EVENTS.replace("__FILTER__", "") },
    );
    const id = run.data?.bulkOperationRunQuery.bulkOperation.id ?? "";
    const baseline = retainedHeap();
    let retainedWhileRunning = 0;
    let final: BulkOperationStatus | undefined;
    let progressSamples = 0;
    while (!final) {
      const status = await bulkOperationStatus(standin, SHOP, id);
      if (status.status === "RUNNING" && Number(status.objectCount) > 0) {
        // A few full collections are enough; each one walks the whole 50,000-order store.
        if (progressSamples++ < 3)
          retainedWhileRunning = Math.max(retainedWhileRunning, retainedHeap() - baseline);
      }
      if (!["CREATED", "RUNNING"].includes(status.status)) final = status;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(final?.status).toBe("COMPLETED");
    expect(final?.objectCount).toBe(String(expectedLines));
    expect(progressSamples).toBeGreaterThan(0);
    const exportedMs = performance.now() - started;

    const response = await fetch(final?.url ?? "");
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    let lines = 0;
    let bytes = 0;
    let tail = "";
    let firstLine = "";
    let retainedWhileReading = 0;
    const decoder = new TextDecoder();
    for (let chunk = 0; ; chunk++) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      const parts = (tail + decoder.decode(value, { stream: true })).split("\n");
      tail = parts.pop() ?? "";
      if (!firstLine && parts[0]) firstLine = parts[0];
      lines += parts.length;
      if (chunk % 200 === 100)
        retainedWhileReading = Math.max(retainedWhileReading, retainedHeap() - baseline);
    }
    const downloadedMs = performance.now() - started - exportedMs;
    console.info(
      `bulk export: ${lines} lines, ${(bytes / MB).toFixed(1)} MB; export ${Math.round(exportedMs)} ms, download ${Math.round(downloadedMs)} ms; ` +
        `retained heap while running +${(retainedWhileRunning / MB).toFixed(1)} MB, while reading +${(retainedWhileReading / MB).toFixed(1)} MB`,
    );
    expect(tail).toBe("");
    expect(lines).toBe(expectedLines);
    expect(Number(response.headers.get("content-length"))).toBe(bytes);
    expect(JSON.parse(firstLine)).toMatchObject({ id: expect.stringMatching(/^gid:\/\/shopify\/Order\//) });
    // The file is several times larger than what stays in memory on either side: it is never one string.
    expect(bytes).toBeGreaterThan(40 * MB);
    expect(retainedWhileRunning).toBeLessThan(16 * MB);
    expect(retainedWhileReading).toBeLessThan(16 * MB);
    expect(exportedMs + downloadedMs).toBeLessThan(25_000);
  });
});
