import { freePort } from "../../scripts/lib/free-port";
import { randomUUID } from "node:crypto";
import { CARRIER_CODES } from "../../app/services/carriers/carrier-adapter";
import { createCarrierStandin } from "../../carrier-standins";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { openRowWriter } from "../../prisma/seed/row-writer";
import { startAppServer } from "../../scripts/lib/app-server";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { createThrowawayDatabase } from "../databases";
import { recordOutputTail } from "../processes";
import type { RunContext, RunOutcome, SelfContainedScenario } from "../scenario";

const SHOP = "parcelwise-bench-polling.myshopify.com";
const FULL_SHIPMENTS = 10_000;
const QUICK_SHIPMENTS = 4_000;
const CARRIERS = ["ups", "fedex", "usps", "dhl_express", "canada_post"] as const;
// The carrier stand-ins' clock stays put, so a second pass finds exactly what the first one stored.
const CARRIER_CLOCK = new Date("2026-11-20T12:00:00Z");
const SHIPPED_AT = new Date("2026-11-17T09:00:00Z");
const timeoutMs = (shipments: number) => 60_000 + shipments * 20;

function trackingNumber(carrier: (typeof CARRIERS)[number], n: number): string {
  const digits = (length: number) => String(n).padStart(length, "0");
  switch (carrier) {
    case "ups":
      return `1Z${digits(6)}03${digits(8)}`;
    case "fedex":
      return `7${digits(11)}`;
    case "usps":
      return `9400${digits(18)}`;
    case "dhl_express":
      return `5${digits(9)}`;
    case "canada_post":
      return `70${digits(14)}`;
  }
}

// Active shipments as sync leaves them: a carrier and number, no scans yet, one refresh job each, due now.
async function seedActiveShipments(databaseUrl: string, count: number) {
  const now = new Date();
  const writer = await openRowWriter(parseDatabaseUrl(databaseUrl));
  try {
    await writer.insert("Shop", [
      {
        domain: SHOP,
        name: "Bench polling",
        status: "active",
        installedAt: now,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await writer.insert("ShopSettings", [{ shop: SHOP, createdAt: now, updatedAt: now }]);
    const orders = [];
    const shipments = [];
    const jobs = [];
    for (let n = 0; n < count; n += 1) {
      const carrier = CARRIERS[n % CARRIERS.length] ?? "ups";
      const orderId = randomUUID();
      const shipmentId = randomUUID();
      orders.push({
        id: orderId,
        shop: SHOP,
        shopifyId: `gid://shopify/Order/${n + 1}`,
        name: `#${n + 1001}`,
        orderedAt: SHIPPED_AT,
        createdAt: now,
        updatedAt: now,
      });
      shipments.push({
        id: shipmentId,
        shop: SHOP,
        orderId,
        shopifyFulfillmentId: `gid://shopify/Fulfillment/${n + 1}`,
        trackingNumber: trackingNumber(carrier, n),
        carrier,
        status: "pre_transit",
        shippedAt: SHIPPED_AT,
        createdAt: now,
        updatedAt: now,
      });
      jobs.push({
        id: randomUUID(),
        shop: SHOP,
        type: "shipment.refresh",
        uniqueKey: `shipment.refresh:${shipmentId}`,
        payload: JSON.stringify({ shipmentId }),
        status: "queued",
        runAt: now,
        createdAt: now,
        updatedAt: now,
      });
    }
    await writer.insert("Order", orders);
    await writer.insert("Shipment", shipments);
    await writer.insert("Job", jobs);
  } finally {
    await writer.close();
  }
}

type PassResult = {
  refreshed: number;
  seconds: number;
  refreshedPerSecond: number;
  // Domain rows written during the pass: scans inserted plus shipments updated. Job bookkeeping (claim and
  // reschedule, two row updates per refresh) is reported apart.
  eventsInserted: number;
  shipmentsUpdated: number;
  domainWritesPerRefresh: number;
  carrierRequests: number;
};

async function counts(db: Database, since: Date) {
  const [events, shipments, pending] = await Promise.all([
    db.trackingEvent.count({ where: { shop: SHOP } }),
    db.shipment.count({ where: { shop: SHOP, updatedAt: { gte: since } } }),
    db.job.count({
      where: {
        shop: SHOP,
        type: "shipment.refresh",
        OR: [{ runAt: { lte: since } }, { status: "running" }],
        status: { not: "done" },
      },
    }),
  ]);
  return { events, shipments, pending };
}

async function pass(
  db: Database,
  shipments: number,
  carrierRequests: () => number,
  signal: AbortSignal,
): Promise<PassResult> {
  const started = new Date();
  const eventsBefore = await db.trackingEvent.count({ where: { shop: SHOP } });
  const requestsBefore = carrierRequests();
  // Every job becomes due now; the worker drains them with its concurrency lanes.
  await db.job.updateMany({
    where: { shop: SHOP, type: "shipment.refresh" },
    data: { status: "queued", runAt: started, attempts: 0 },
  });
  const clock = performance.now();
  const deadline = clock + timeoutMs(shipments);
  for (;;) {
    signal.throwIfAborted();
    const { pending } = await counts(db, started);
    if (pending === 0) break;
    if (performance.now() > deadline)
      throw new Error(`${pending} refresh jobs still due after ${timeoutMs(shipments)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seconds = (performance.now() - clock) / 1000;
  const after = await counts(db, started);
  const eventsInserted = after.events - eventsBefore;
  return {
    refreshed: shipments,
    seconds: Math.round(seconds * 10) / 10,
    refreshedPerSecond: Math.round(shipments / seconds),
    eventsInserted,
    shipmentsUpdated: after.shipments,
    domainWritesPerRefresh: Math.round(((eventsInserted + after.shipments) / shipments) * 100) / 100,
    carrierRequests: carrierRequests() - requestsBefore,
  };
}

async function run({ provider, options, cleanup, signal, log }: RunContext): Promise<RunOutcome> {
  const shipments = options.quick ? QUICK_SHIPMENTS : FULL_SHIPMENTS;
  const database = await createThrowawayDatabase(provider);
  const dropDatabase = cleanup.add(`drop the ${provider} database (polling)`, database.drop);
  try {
    migrateDatabase(database.url);
    await seedActiveShipments(database.url, shipments);
    const db = await createPrismaClient(parseDatabaseUrl(database.url));
    const disconnect = cleanup.add("disconnect from the polling database", () => db.$disconnect());
    const carriers = await createCarrierStandin({ clock: () => CARRIER_CLOCK });
    const closeCarriers = cleanup.add("close the carrier stand-ins", () => carriers.close());
    try {
      const port = await freePort();
      const server = await startAppServer({
        port,
        env: {
          SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
          SHOPIFY_API_KEY: "bench-polling-key",
          SHOPIFY_API_SECRET: "bench-polling-secret",
          CUSTOMER_HASH_KEY: "bench-polling-customer-hash-key-0123456789",
          CREDENTIALS_ENCRYPTION_KEY: "bench-polling-credentials-key-0123456789",
          DATABASE_URL: database.url,
          CARRIER_BASE_URLS: JSON.stringify(
            Object.fromEntries(CARRIER_CODES.map((code) => [code, carriers.baseUrlFor(code)])),
          ),
          CARRIER_DEFAULT_CREDENTIALS: JSON.stringify(
            Object.fromEntries(CARRIER_CODES.map((code) => [code, carriers.credentialsFor(code)])),
          ),
          JOBS_CONCURRENCY: "8",
          // The stand-ins have no rate limit; measure Parcelwise, not the carriers' allowances.
          CARRIER_RATE_LIMITS: JSON.stringify(
            Object.fromEntries(CARRIER_CODES.map((code) => [code, 10_000])),
          ),
        },
      });
      const stopServer = cleanup.add(`stop the app server (polling, ${provider})`, server.stop);
      const serverOutput = recordOutputTail(server.process);
      const carrierRequests = () =>
        Object.entries(carriers.stats())
          .filter(([endpoint]) => endpoint.endsWith(":track"))
          .reduce((sum, [, count]) => sum + count, 0);
      try {
        log(`${shipments} active shipments, first pass (new scans)`);
        const first = await pass(db, shipments, carrierRequests, signal);
        log(`second pass (the carriers have nothing new)`);
        const second = await pass(db, shipments, carrierRequests, signal);
        const problems = [
          ...(first.eventsInserted > 0 ? [] : ["the first pass stored no scans"]),
          ...(second.eventsInserted === 0 && second.shipmentsUpdated === 0
            ? []
            : [
                `unchanged answers wrote ${second.eventsInserted} scans and ${second.shipmentsUpdated} shipments`,
              ]),
        ];
        if (problems.length) log(`problems; the app server's last output:\n${serverOutput()}`);
        return {
          details: { shop: SHOP, shipments, workerConcurrency: 8, firstPass: first, unchangedPass: second },
          summary: [
            `first pass: ${first.refreshedPerSecond} shipments/s (${first.seconds} s), ${first.eventsInserted} scans + ${first.shipmentsUpdated} shipment updates = ${first.domainWritesPerRefresh} writes/refresh, ${first.carrierRequests} carrier requests`,
            `unchanged pass: ${second.refreshedPerSecond} shipments/s, ${second.eventsInserted + second.shipmentsUpdated} domain writes`,
          ],
          problems,
        };
      } finally {
        await stopServer();
      }
    } finally {
      await closeCarriers();
      await disconnect();
    }
  } finally {
    await dropDatabase();
  }
}

const polling: SelfContainedScenario = {
  kind: "self-contained",
  name: "polling",
  description:
    "Active shipments (default 10,000) refreshed by the server's job worker against the carrier stand-ins: shipments refreshed per second, domain writes per refresh, and a second pass over unchanged answers that must write nothing.",
  run,
};

export default polling;
