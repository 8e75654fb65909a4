import { freePort } from "../../scripts/lib/free-port";
import { spawn } from "node:child_process";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { startAppServer } from "../../scripts/lib/app-server";
import { DEMO_CUSTOMER_HASH_KEY } from "../../scripts/lib/prepare-database";
import { startBaselineServer } from "../baseline";
import { createThrowawayDatabase, migrateAndSeed } from "../databases";
import { findProblems, measureAmount, type Measurement } from "../measure";
import { recordOutputTail, stopChildProcess } from "../processes";
import { ratio, toMiB, type ServerMeasurement } from "../report";
import { readLifetimePeakRssBytes, sampleRss } from "../rss";
import type { RunContext, RunOutcome, SelfContainedScenario } from "../scenario";
import {
  countRows,
  deliveryFeed,
  loadSeededFulfillments,
  prepareDeliveries,
  type FeedTally,
  type PreparedDelivery,
} from "../webhook-deliveries";

const SHOP = "parcelwise-bench-webhooks.myshopify.com";
const API_KEY = "parcelwise-bench-api-key";
const API_SECRET = "parcelwise-bench-api-secret";
const CREDENTIALS_KEY = "parcelwise-bench-credentials-key-0123456789";
// About 1.036 shipments per seeded order: 97,000 orders give a little over 100,000 shipments.
const ORDERS = 97_000;
const MIN_SHIPMENTS = 100_000;
// Sustained load: unless --deliveries says how many, as many deliveries as the warm-up's rate gets through in
// 20 s, within these bounds. The quick form of a plain `npm run bench` is shorter.
const SUSTAIN_SECONDS = { full: 20, quick: 10 };
const MIN_DELIVERIES = { full: 1_000, quick: 500 };
const MAX_DELIVERIES = 20_000;
const WARMUP_DELIVERIES = { full: 500, quick: 200 };
const APP_RESPONSE = { body: '{"outcome":"queued"}', contentType: "application/json" };

async function run({ provider, options, cleanup, signal, log }: RunContext): Promise<RunOutcome> {
  const form = options.quick ? "quick" : "full";
  const warmup =
    options.deliveries === null
      ? WARMUP_DELIVERIES[form]
      : Math.min(WARMUP_DELIVERIES[form], Math.ceil(options.deliveries / 10));
  const sustainSeconds = SUSTAIN_SECONDS[form];
  const load = { connections: options.connections, signal };
  const database = await createThrowawayDatabase(provider);
  const dropDatabase = cleanup.add(`drop the ${provider} database (webhooks)`, database.drop);
  try {
    log(`seeding ${ORDERS} orders`);
    const { seeded, migrateAndSeedSeconds } = await migrateAndSeed({
      databaseUrl: database.url,
      shop: SHOP,
      orders: ORDERS,
    });
    log(`seeded ${seeded.shipments} shipments in ${migrateAndSeedSeconds.toFixed(1)} s (migration included)`);
    signal.throwIfAborted();

    const db = await createPrismaClient(parseDatabaseUrl(database.url));
    const disconnect = cleanup.add("disconnect from the webhooks database", () => db.$disconnect());
    try {
      // Installed like a real shop: Shopify's library loads its offline session for every webhook.
      await db.session.create({
        data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_bench" },
      });
      const fulfillments = await loadSeededFulfillments(db, SHOP);
      // Prepared up front for the largest run; those the run does not need are never sent nor counted.
      const prepared = prepareDeliveries({
        fulfillments,
        count: warmup + (options.deliveries ?? MAX_DELIVERIES),
        shop: SHOP,
        secret: API_SECRET,
      });
      const warmupDeliveries = prepared.slice(0, warmup);
      log(`prepared ${prepared.length} signed deliveries`);

      const port = await freePort();
      const serverEnv = {
        HOST: "127.0.0.1",
        PARCELWISE_DEMO: "0",
        SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_API_SECRET: API_SECRET,
        CUSTOMER_HASH_KEY: DEMO_CUSTOMER_HASH_KEY,
        CREDENTIALS_ENCRYPTION_KEY: CREDENTIALS_KEY,
        DATABASE_URL: database.url,
        JOBS_POLL_INTERVAL_MS: "100",
      };
      // The web process stores each verified delivery and answers; a worker process (node worker.mjs) applies
      // them, the deployment this load calls for. Both share the machine's two cores with the load generator.
      // (No carrier accounts are set, so the refresh jobs that fulfillments/update queues end at once.)
      const server = await startAppServer({ port, env: { ...serverEnv, JOBS_WORKER: "off" } });
      const stopServer = cleanup.add(`stop the app server (webhooks, ${provider})`, server.stop);
      const worker = spawn(process.execPath, ["worker.mjs"], {
        env: { ...process.env, NODE_ENV: "production", ...serverEnv },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const stopWorker = cleanup.add("stop the worker (webhooks)", () => stopChildProcess(worker));
      const serverOutput = recordOutputTail(server.process);
      const workerOutput = recordOutputTail(worker);
      let app: ServerMeasurement;
      let appFeeds: FeedTally[];
      let measuredDeliveries: PreparedDelivery[];
      let serverLifetimePeakRssMiB: number | null;
      let inboxDrainSeconds = 0;
      let appliedPerSecond = 0;
      try {
        const target = { url: server.url, pid: server.process.pid };
        log(`app: ${warmup} warm-up deliveries over ${options.connections} connections`);
        const appWarmup = await measureDeliveries(target, warmupDeliveries, load);
        const measured =
          options.deliveries ??
          Math.max(
            MIN_DELIVERIES[form],
            Math.min(MAX_DELIVERIES, Math.round(appWarmup.measurement.requestsPerSecond * sustainSeconds)),
          );
        measuredDeliveries = prepared.slice(warmup, warmup + measured);
        // The measured run starts from an empty inbox, so everything the worker applies until it is empty
        // again belongs to the measured deliveries.
        await waitForInboxDrained(db, SHOP, signal);
        log(`app: ${measured} measured deliveries (warm-up: ${appWarmup.measurement.requestsPerSecond}/s)`);
        const appRun = await measureDeliveries(target, measuredDeliveries, load);
        app = withWarmup(appRun.measurement, appWarmup.measurement);
        appFeeds = [appWarmup.tally, appRun.tally];
        const drainStarted = performance.now();
        await waitForInboxDrained(db, SHOP, signal);
        inboxDrainSeconds = Math.round((performance.now() - drainStarted) / 100) / 10;
        appliedPerSecond =
          Math.round((measured / (appRun.measurement.durationSeconds + inboxDrainSeconds)) * 10) / 10;
        log(`worker applied the remaining deliveries ${inboxDrainSeconds} s after the load ended`);
        serverLifetimePeakRssMiB = toMiB(await readLifetimePeakRssBytes(server.process.pid ?? 0));
      } finally {
        await stopServer();
        await stopWorker();
      }
      const deliveries = [...warmupDeliveries, ...measuredDeliveries];

      log("counting rows");
      const rows = await countRows(db, SHOP, deliveries);

      log("baseline: node:http verifying the HMAC of the same deliveries");
      const baselineServer = await startBaselineServer(
        { ...APP_RESPONSE, contentEncoding: "identity" },
        { hmacSecret: API_SECRET },
      );
      const stopBaseline = cleanup.add("stop the baseline server (webhooks)", baselineServer.stop);
      let baseline: ServerMeasurement;
      try {
        const target = { url: baselineServer.url, pid: baselineServer.process.pid };
        const baselineWarmup = await measureDeliveries(target, warmupDeliveries, load);
        const baselineRun = await measureDeliveries(target, measuredDeliveries, load);
        baseline = withWarmup(baselineRun.measurement, baselineWarmup.measurement);
      } finally {
        await stopBaseline();
      }

      const sent = appFeeds.reduce((sum, tally) => sum + tally.sent, 0);
      const responses2xx = appFeeds
        .flatMap((tally) => Object.entries(tally.byStatus))
        .filter(([status]) => status.startsWith("2"))
        .reduce((sum, [, count]) => sum + count, 0);
      const rowsMatch = rows.match && sent === deliveries.length && responses2xx === deliveries.length;
      const problems = [
        ...findProblems(app).map((message) => `app: ${message}`),
        ...findProblems(baseline).map((message) => `baseline: ${message}`),
        ...(sent === deliveries.length ? [] : [`sent ${sent} requests for ${deliveries.length} deliveries`]),
        ...(rowsMatch ? [] : [`rows do not match the deliveries: ${JSON.stringify(rows.checks)}`]),
        ...(seeded.shipments >= MIN_SHIPMENTS
          ? []
          : [`only ${seeded.shipments} shipments seeded (want ${MIN_SHIPMENTS})`]),
      ];
      if (problems.length > 0) {
        log(`failed; the app server's last output:\n${serverOutput()}\nthe worker's:\n${workerOutput()}`);
      }
      const topics = countTopics(deliveries);
      const ratioToBaseline = ratio(app, baseline);
      return {
        details: {
          shop: SHOP,
          seeded,
          migrateAndSeedSeconds: Math.round(migrateAndSeedSeconds * 10) / 10,
          server: "production mode (not demo): web process with JOBS_WORKER=off, one node worker.mjs process",
          connections: options.connections,
          deliveries: {
            warmup,
            measured: measuredDeliveries.length,
            chosenBy:
              options.deliveries === null ? `${sustainSeconds} s at the warm-up's rate` : "--deliveries",
            ...topics,
          },
          deliveriesPerSecond: app.requestsPerSecond,
          latencyMs: { p50: app.latencyMs.p50, p99: app.latencyMs.p99 },
          ratioToBaseline,
          sent,
          responses2xx,
          responseBodies: mergeCounts(...appFeeds.map((tally) => tally.byBody)),
          rows: rows.checks,
          rowsMatch,
          // Deliveries are answered once stored; this is how long after the load the worker finished applying.
          inboxDrainSeconds,
          // Measured deliveries ÷ (load seconds + drain seconds): the rate at which they were stored and applied.
          appliedPerSecond,
          serverLifetimePeakRssMiB,
          app,
          baseline,
        },
        summary: [
          `${seeded.shipments} shipments stored; ${measuredDeliveries.length} deliveries measured after ${warmup} (${topics["fulfillment_events/create"]} events/create, ${topics["fulfillments/update"]} fulfillments/update in all)`,
          `app ${app.requestsPerSecond} deliveries/s, p50 ${app.latencyMs.p50} ms, p99 ${app.latencyMs.p99} ms; baseline ${baseline.requestsPerSecond}/s; ratio ${ratioToBaseline ?? "–"}`,
          `worker: inbox empty ${inboxDrainSeconds} s after the load; stored and applied at ${appliedPerSecond} deliveries/s`,
          `${responses2xx}/${deliveries.length} answered 2xx; rows match: ${rowsMatch} (deliveries ${rows.checks.webhookDeliveries.actual}, events ${rows.checks.trackingEvents.actual}/${rows.checks.trackingEvents.expected}, tracking versions ${rows.checks.trackingVersions.actual}/${rows.checks.trackingVersions.expected}, refresh jobs ${rows.checks.refreshJobs.actual}/${rows.checks.refreshJobs.expected})`,
        ],
        problems,
      };
    } finally {
      await disconnect();
    }
  } finally {
    await dropDatabase();
  }
}

// Sends each delivery once (see deliveryFeed) while sampling the server's memory.
async function measureDeliveries(
  { url, pid }: { url: string; pid: number | undefined },
  deliveries: PreparedDelivery[],
  { connections, signal }: { connections: number; signal: AbortSignal },
) {
  if (pid === undefined) throw new Error("server process has no pid");
  const feed = deliveryFeed(deliveries);
  const sampler = sampleRss(pid);
  let measurement: Measurement;
  let peakRssBytes: number | null;
  try {
    measurement = await measureAmount({
      url,
      connections,
      requests: feed.requests,
      amount: deliveries.length,
      signal,
    });
  } finally {
    peakRssBytes = await sampler.stopAndReadPeakBytes();
  }
  return { measurement: { ...measurement, peakRssMiB: toMiB(peakRssBytes) }, tally: feed.tally };
}

// The measured run, with the warm-up's failures and the higher of both memory peaks.
function withWarmup(run: ServerMeasurement, warmup: ServerMeasurement): ServerMeasurement {
  const peaks = [run.peakRssMiB, warmup.peakRssMiB].filter((peak) => peak !== null);
  return {
    ...run,
    warmupFailures: warmup.errors + warmup.non2xx,
    peakRssMiB: peaks.length > 0 ? Math.max(...peaks) : null,
  };
}

function countTopics(deliveries: PreparedDelivery[]): Record<PreparedDelivery["topic"], number> {
  const counts = { "fulfillment_events/create": 0, "fulfillments/update": 0 };
  for (const delivery of deliveries) counts[delivery.topic] += 1;
  return counts;
}

function mergeCounts(...tallies: Array<Record<string, number>>): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const tally of tallies) {
    for (const [key, count] of Object.entries(tally)) merged[key] = (merged[key] ?? 0) + count;
  }
  return merged;
}

const INBOX_DRAIN_TIMEOUT_MS = 120_000;

async function waitForInboxDrained(db: Database, shop: string, signal: AbortSignal) {
  const deadline = performance.now() + INBOX_DRAIN_TIMEOUT_MS;
  for (;;) {
    signal.throwIfAborted();
    const waiting = await db.webhookDelivery.count({
      where: { shop, status: { in: ["queued", "applying"] } },
    });
    if (waiting === 0) return;
    if (performance.now() > deadline) throw new Error(`${waiting} deliveries still waiting to be applied`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const webhooks: SelfContainedScenario = {
  kind: "self-contained",
  name: "webhooks",
  description:
    "Signed fulfillment_events/create (70 %) and fulfillments/update (30 %) deliveries into the built server in production mode, with 100,000 shipments stored: each sent exactly once, stored by the web process and applied by a worker process, then the rows each must leave are counted. Baseline: node:http reading the body and verifying its HMAC.",
  run,
};

export default webhooks;
