import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { createCarrierStandin, type CarrierStandin } from "../../carrier-standins";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { adminQuery } from "../setup/postgresql-template";
import { postgresUrlFor } from "../setup/test-env";
import { requireBuild } from "./built-app";

const SHOP = "workers.myshopify.com";
const CARRIERS = ["dhl_express", "canada_post", "usps"] as const;
const database = `parcelwise_workers_${process.pid}`;
const databaseUrl = postgresUrlFor(database);
let db: Database;
let carriers: CarrierStandin;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  requireBuild();
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${database}"`);
  migrateDatabase(databaseUrl);
  db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  await db.shop.create({ data: { domain: SHOP, name: "Workers", settings: { create: {} } } });
  carriers = await createCarrierStandin();
});

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await carriers?.close();
  await db?.$disconnect();
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

function numberFor(carrier: (typeof CARRIERS)[number], n: number): string {
  if (carrier === "usps") return `9400${String(100_000_000 + n).padStart(18, "1")}`;
  if (carrier === "canada_post") return String(7_000_000_000_000_000 + n);
  return String(7_000_000_000 + n);
}

// Shipments waiting for their first carrier check, one refresh job each, as sync leaves them.
async function queueRefreshes(batch: string, count: number) {
  for (let n = 0; n < count; n += 1) {
    const carrier = CARRIERS[n % CARRIERS.length] ?? "usps";
    const order = await db.order.create({
      data: {
        shop: SHOP,
        shopifyId: `gid://shopify/Order/${batch}${n}`,
        name: `#${batch}${n}`,
        orderedAt: new Date(),
      },
    });
    const shipment = await db.shipment.create({
      data: {
        shop: SHOP,
        orderId: order.id,
        shopifyFulfillmentId: `gid://shopify/Fulfillment/${batch}${n}`,
        trackingNumber: numberFor(carrier, n + (batch === "b" ? 5_000 : 0)),
        carrier,
        status: "pre_transit",
        shippedAt: new Date(Date.now() - 2 * 86_400_000),
      },
    });
    await db.job.create({
      data: {
        shop: SHOP,
        type: "shipment.refresh",
        uniqueKey: `shipment.refresh:${shipment.id}`,
        payload: JSON.stringify({ shipmentId: shipment.id }),
      },
    });
  }
}

function startWorker(id: string, leaseMs = 60_000): ChildProcess {
  const child = spawn(process.execPath, ["worker.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      SHOPIFY_APP_URL: "https://parcelwise.example.com",
      SHOPIFY_API_KEY: "workers-key",
      SHOPIFY_API_SECRET: "workers-secret",
      CUSTOMER_HASH_KEY: "workers-customer-hash-key-0123456789",
      CREDENTIALS_ENCRYPTION_KEY: "workers-credentials-key-0123456789",
      CARRIER_BASE_URLS: JSON.stringify(Object.fromEntries(CARRIERS.map((c) => [c, carriers.baseUrlFor(c)]))),
      CARRIER_DEFAULT_CREDENTIALS: JSON.stringify(
        Object.fromEntries(CARRIERS.map((c) => [c, carriers.credentialsFor(c)])),
      ),
      JOBS_WORKER_ID: id,
      JOBS_POLL_INTERVAL_MS: "100",
      JOBS_LEASE_MS: String(leaseMs),
      JOBS_CONCURRENCY: "3",
      // Above the 90 jobs, so no poll is postponed for the carrier's rate and every job runs once.
      CARRIER_RATE_LIMITS: JSON.stringify(Object.fromEntries(CARRIERS.map((c) => [c, 1_000]))),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  return child;
}

async function waitUntilChecked(batch: string, count: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const checked = await db.shipment.count({
      where: {
        shop: SHOP,
        shopifyFulfillmentId: { startsWith: `gid://shopify/Fulfillment/${batch}` },
        lastCheckedAt: { not: null },
      },
    });
    const running = await db.job.count({ where: { shop: SHOP, status: "running" } });
    if (checked === count && running === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`batch ${batch} not fully checked in ${timeoutMs} ms`);
}

const trackRequests = () =>
  Object.entries(carriers.stats())
    .filter(([endpoint]) => endpoint.endsWith(":track"))
    .reduce((sum, [, count]) => sum + count, 0);

describe("refresh jobs on PostgreSQL", () => {
  it("two concurrent worker processes run every job exactly once", async () => {
    const count = 90;
    await queueRefreshes("a", count);
    carriers.resetStats();
    startWorker("worker-a");
    startWorker("worker-b");
    await waitUntilChecked("a", count);
    // At least one carrier request per job (an expired OAuth token adds a retry at the HTTP level).
    expect(trackRequests()).toBeGreaterThanOrEqual(count);
    const jobs = await db.job.findMany({ where: { shop: SHOP, type: "shipment.refresh" } });
    expect(jobs).toHaveLength(count);
    // No job ran twice: each was claimed by exactly one worker, exactly once.
    expect(jobs.map((job) => job.runs)).toEqual(jobs.map(() => 1));
    // Each is either finished for good (delivered) or scheduled for its next check, hours away.
    for (const job of jobs) {
      expect(["done", "queued"]).toContain(job.status);
      if (job.status === "queued") expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    }
    const events = await db.trackingEvent.count({ where: { shop: SHOP } });
    expect(events).toBeGreaterThan(count);
    for (const worker of workers.splice(0)) worker.kill("SIGTERM");
  }, 90_000);

  it("loses nothing when a worker is killed mid-run: another picks up its jobs after the lease", async () => {
    const count = 60;
    await queueRefreshes("b", count);
    // A short lease, so the killed worker's jobs come back within the test.
    const first = startWorker("worker-c", 3_000);
    await new Promise((resolve) => setTimeout(resolve, 700));
    first.kill("SIGKILL");
    startWorker("worker-d", 3_000);
    await waitUntilChecked("b", count);
    const duplicates = await db.$queryRawUnsafe<Array<{ n: bigint }>>(
      `SELECT COUNT(*) AS n FROM (SELECT "shipmentId", "dedupeKey" FROM "TrackingEvent" GROUP BY 1, 2 HAVING COUNT(*) > 1) d`,
    );
    expect(Number(duplicates[0]?.n ?? 0)).toBe(0);
    // Refresh jobs only: a parcel that reached a milestone also queued its Flow trigger, which this shop
    // (installed without a Shopify session) cannot fire.
    expect(
      await db.job.count({
        where: { shop: SHOP, type: "shipment.refresh", status: { in: ["running", "dead"] } },
      }),
    ).toBe(0);
  }, 90_000);
});
