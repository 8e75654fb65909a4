import { freePort } from "../../scripts/lib/free-port";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { startAppServer, type RunningServer } from "../../scripts/lib/app-server";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { DEMO_CUSTOMER_HASH_KEY } from "../../scripts/lib/prepare-database";
import { createShopifyStandin, generateStandinOrders, type StandinOrder } from "../../shopify-standin";
import { createThrowawayDatabase } from "../databases";
import { recordOutputTail } from "../processes";
import { toMiB } from "../report";
import { readLifetimePeakRssBytes, readRssBytes, sampleRss } from "../rss";
import type { RunContext, RunOutcome, SelfContainedScenario } from "../scenario";

const SHOP = "parcelwise-bench-backfill.myshopify.com";
const ACCESS_TOKEN = "shpat_parcelwise_bench_backfill";
const API_KEY = "parcelwise-bench-api-key";
const API_SECRET = "parcelwise-bench-api-secret";
// Inside the app's 60-day backfill window, so every order of the stand-in is imported.
const DAYS_BACK = 50;
const TARGET_SECONDS_AT_50K = 60;
// Two sizes, to show the server's peak memory does not grow with the order count. Both start at 10,000: V8
// lets its heap grow during the first ten thousand or so orders before settling, so a smaller first size would
// show that warm-up as growth. The quick form (a plain `npm run bench`) runs one 10,000-order backfill.
const FULL_ORDERS = [10_000, 50_000];
const QUICK_ORDERS = [10_000];
const POLL_INTERVAL_MS = 250;
const PROGRESS_LOG_MS = 10_000;
// Generous, but bounded: a backfill that stalls fails the scenario instead of hanging the bench.
const timeoutMs = (orders: number) => 60_000 + orders * 4;

type BackfillResult = {
  orders: number;
  status: string;
  // From the POST that starts it to the SyncRun read back as completed (polled every 250 ms).
  seconds: number;
  ordersPerSecond: number;
  // SyncRun.startedAt → finishedAt as the server recorded it.
  syncRunSeconds: number | null;
  serverIdleRssMiB: number | null;
  // The kernel's high-water mark for the server process (VmHWM), start-up included.
  serverPeakRssMiB: number | null;
  // The highest RSS sampled every 200 ms between the trigger and completion.
  sampledPeakRssMiB: number | null;
  syncRun: { objectCount: number; processedLines: number; ordersApplied: number; error: string | null };
  rows: {
    orders: { expected: number; actual: number };
    shipments: { expected: number; actual: number };
    ordersApplied: { expected: number; actual: number };
  };
  rowsMatch: boolean;
  // The import queues a shipment.refresh job per tracked shipment; the same worker starts on them while the
  // import still runs. By status, when the SyncRun completed.
  refreshJobsAtCompletion: Record<string, number>;
};

async function refreshJobCounts(db: Database): Promise<Record<string, number>> {
  const groups = await db.job.groupBy({
    by: ["status"],
    where: { shop: SHOP, type: "shipment.refresh" },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
}

// What the stand-in's orders must become: one shipment per tracking number, at least one per fulfillment.
// (The bulk query takes each fulfillment's state inline, not its event history: no TrackingEvent rows.)
function expectedShipments(orders: StandinOrder[]): number {
  return orders
    .flatMap((order) => order.fulfillments)
    .reduce((sum, fulfillment) => sum + Math.max(1, fulfillment.trackingInfo.length), 0);
}

async function waitForSyncRun(
  db: Database,
  deadline: number,
  log: (message: string) => void,
  signal: AbortSignal,
) {
  let lastLog = performance.now();
  for (;;) {
    signal.throwIfAborted();
    const run = await db.syncRun.findFirst({
      where: { shop: SHOP, kind: "backfill" },
      orderBy: { startedAt: "desc" },
    });
    if (run && (run.status === "completed" || run.status === "failed")) return run;
    if (performance.now() > deadline) {
      throw new Error(
        `backfill not finished in time: ${run ? `${run.status}, ${run.ordersApplied} orders applied` : "no SyncRun"}`,
      );
    }
    if (performance.now() - lastLog > PROGRESS_LOG_MS) {
      lastLog = performance.now();
      log(`… ${run?.status ?? "not started"}, ${run?.ordersApplied ?? 0} orders applied`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

async function backfillOnce(
  { provider, cleanup, signal, log }: RunContext,
  orderCount: number,
): Promise<{ result: BackfillResult; problems: string[] }> {
  const database = await createThrowawayDatabase(provider);
  const dropDatabase = cleanup.add(`drop the ${provider} database (backfill)`, database.drop);
  try {
    migrateDatabase(database.url);
    const db = await createPrismaClient(parseDatabaseUrl(database.url));
    const disconnect = cleanup.add("disconnect from the backfill database", () => db.$disconnect());
    try {
      // Installed, with the offline token Shopify gave at install; nothing imported yet.
      await db.shop.create({ data: { domain: SHOP, name: "Parcelwise Bench Backfill" } });
      await db.session.create({
        data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: ACCESS_TOKEN },
      });
      const orders = generateStandinOrders({ count: orderCount, daysBack: DAYS_BACK });
      const shipments = expectedShipments(orders);

      const port = await freePort();
      const appUrl = `http://127.0.0.1:${port}`;
      const standin = await createShopifyStandin({
        appUrl,
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        shops: [{ myshopifyDomain: SHOP, accessToken: ACCESS_TOKEN, orders }],
      });
      const closeStandin = cleanup.add("close the stand-in (backfill)", () => standin.close());
      try {
        const server: RunningServer = await startAppServer({
          port,
          env: {
            PARCELWISE_DEMO: "1",
            PARCELWISE_DEMO_SHOP: SHOP,
            PARCELWISE_DEMO_ADMIN_ACCESS_TOKEN: ACCESS_TOKEN,
            SHOPIFY_APP_URL: appUrl,
            SHOPIFY_API_KEY: API_KEY,
            SHOPIFY_API_SECRET: API_SECRET,
            CUSTOMER_HASH_KEY: DEMO_CUSTOMER_HASH_KEY,
            SHOPIFY_ADMIN_API_ORIGIN: `${standin.url}/shops/{shop}`,
            DATABASE_URL: database.url,
            JOBS_WORKER: "on",
          },
        });
        const stopServer = cleanup.add(`stop the app server (backfill, ${provider})`, server.stop);
        const serverOutput = recordOutputTail(server.process);
        const pid = server.process.pid ?? 0;
        try {
          const serverIdleRssMiB = toMiB(await readRssBytes(pid));
          const sampler = sampleRss(pid);
          let sampledPeakBytes: number | null = null;
          let run;
          let seconds;
          try {
            log(`${orderCount} orders: POST /app/settings intent=backfill`);
            const started = performance.now();
            const response = await fetch(`${appUrl}/app/settings`, {
              method: "POST",
              body: new URLSearchParams({ intent: "backfill" }),
              redirect: "manual",
              signal: AbortSignal.timeout(30_000),
            });
            if (response.status >= 400) {
              throw new Error(
                `POST /app/settings answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
              );
            }
            await response.arrayBuffer();
            run = await waitForSyncRun(db, started + timeoutMs(orderCount), log, signal);
            seconds = (performance.now() - started) / 1000;
          } finally {
            sampledPeakBytes = await sampler.stopAndReadPeakBytes();
          }
          const serverPeakRssMiB = toMiB(await readLifetimePeakRssBytes(pid));
          const refreshJobs = await refreshJobCounts(db);
          await stopServer();

          const [storedOrders, storedShipments] = await Promise.all([
            db.order.count({ where: { shop: SHOP } }),
            db.shipment.count({ where: { shop: SHOP } }),
          ]);
          const rows = {
            orders: { expected: orders.length, actual: storedOrders },
            shipments: { expected: shipments, actual: storedShipments },
            ordersApplied: { expected: orders.length, actual: run.ordersApplied },
          };
          const rowsMatch = Object.values(rows).every((row) => row.expected === row.actual);
          const result: BackfillResult = {
            orders: orderCount,
            status: run.status,
            seconds: Math.round(seconds * 10) / 10,
            ordersPerSecond: Math.round(orderCount / seconds),
            syncRunSeconds: run.finishedAt
              ? Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 100) / 10
              : null,
            serverIdleRssMiB,
            serverPeakRssMiB,
            sampledPeakRssMiB: toMiB(sampledPeakBytes),
            syncRun: {
              objectCount: run.objectCount,
              processedLines: run.processedLines,
              ordersApplied: run.ordersApplied,
              error: run.error,
            },
            rows,
            rowsMatch,
            refreshJobsAtCompletion: refreshJobs,
          };
          const problems = [
            ...(run.status === "completed"
              ? []
              : [`${orderCount} orders: backfill ${run.status}: ${run.error}`]),
            ...(rowsMatch ? [] : [`${orderCount} orders: rows do not match: ${JSON.stringify(rows)}`]),
          ];
          if (problems.length > 0) log(`failed; the app server's last output:\n${serverOutput()}`);
          log(
            `${orderCount} orders: ${result.status} in ${result.seconds} s (${result.ordersPerSecond} orders/s), server peak RSS ${serverPeakRssMiB} MiB`,
          );
          return { result, problems };
        } finally {
          await stopServer();
        }
      } finally {
        await closeStandin();
      }
    } finally {
      await disconnect();
    }
  } finally {
    await dropDatabase();
  }
}

async function run(context: RunContext): Promise<RunOutcome> {
  const results: BackfillResult[] = [];
  const problems: string[] = [];
  const orderCounts = context.options.backfillOrders ?? (context.options.quick ? QUICK_ORDERS : FULL_ORDERS);
  for (const orders of orderCounts) {
    context.signal.throwIfAborted();
    const outcome = await backfillOnce(context, orders);
    results.push(outcome.result);
    problems.push(...outcome.problems);
  }
  const largest = results.reduce<BackfillResult | null>(
    (max, result) => (max === null || result.orders > max.orders ? result : max),
    null,
  );
  const smallest = results.reduce<BackfillResult | null>(
    (min, result) => (min === null || result.orders < min.orders ? result : min),
    null,
  );
  const peakGrowthMiB =
    largest &&
    smallest &&
    largest !== smallest &&
    largest.serverPeakRssMiB !== null &&
    smallest.serverPeakRssMiB !== null
      ? Math.round((largest.serverPeakRssMiB - smallest.serverPeakRssMiB) * 10) / 10
      : null;
  return {
    details: {
      shop: SHOP,
      server: "demo mode, job worker on, Admin API at the stand-in",
      targetSecondsAt50k: TARGET_SECONDS_AT_50K,
      backfills: results,
      // Peak RSS of the largest backfill minus the smallest's: flat memory keeps this near zero.
      peakRssGrowthMiB: peakGrowthMiB,
    },
    summary: [
      ...results.map(
        (result) =>
          `${result.orders} orders: ${result.status} in ${result.seconds} s (${result.ordersPerSecond} orders/s); server peak RSS ${result.serverPeakRssMiB ?? "–"} MiB (idle ${result.serverIdleRssMiB ?? "–"}); rows match: ${result.rowsMatch} (${result.rows.orders.actual}/${result.rows.orders.expected} orders, ${result.rows.shipments.actual}/${result.rows.shipments.expected} shipments)`,
      ),
      ...(peakGrowthMiB === null
        ? []
        : [`peak RSS growth from ${smallest?.orders} to ${largest?.orders} orders: ${peakGrowthMiB} MiB`]),
    ],
    problems,
  };
}

const backfill: SelfContainedScenario = {
  kind: "self-contained",
  name: "backfill",
  description:
    "Backfill from the Shopify stand-in (bulk operation, JSONL import by the job worker) started with POST /app/settings intent=backfill, into a fresh database: seconds from the trigger to a completed SyncRun, and the server's peak RSS at each order count (default 10,000 and 50,000).",
  run,
};

export default backfill;
