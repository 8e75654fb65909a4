import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createPrismaClient } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { startAppServer } from "../../scripts/lib/app-server";
import { freePort } from "../../scripts/lib/free-port";
import { prepareDatabase } from "../../scripts/lib/prepare-database";
import { createThrowawayDatabase } from "../databases";
import { seedDeliveryHistoryVolume } from "../delivery-history-volume";
import { recordOutputTail } from "../processes";
import { toMiB } from "../report";
import { sampleRss } from "../rss";
import { baselineLatencies, latencyByView, percentile, round1 } from "../latency";
import type { RunContext, RunOutcome, SelfContainedScenario } from "../scenario";

const SHOP = "parcelwise-bench-analytics.myshopify.com";
const SHIPMENTS = { full: 1_000_000, quick: 100_000 };
// The issue's targets for the page's data at a million shipments.
const TARGET_P95_MS = { postgresql: 300, sqlite: 1_000 };
const WARMUP_REQUESTS = 3;
const MEASURED_ROUNDS = 12;
const DAY = 86_400_000;

const run = promisify(execFile);
// The app's configuration is validated whole at boot, also for a script that only needs the database.
const SCRIPT_ENV = {
  NODE_ENV: "production" as const,
  SHOPIFY_APP_URL: "http://127.0.0.1:9",
  SHOPIFY_API_KEY: "parcelwise-bench-api-key",
  SHOPIFY_API_SECRET: "parcelwise-bench-api-secret",
  CUSTOMER_HASH_KEY: "parcelwise-bench-customer-hash-key-0123456789",
  CREDENTIALS_ENCRYPTION_KEY: "parcelwise-bench-credentials-key-0123456789",
};

// What a merchant does on the page: the default view, then filters. Each is the route's data request (the
// loader's JSON, as Remix fetches it on navigation), which is all the page's database work.
function views(today: string) {
  const daysAgo = (days: number) => new Date(Date.parse(today) - days * DAY).toISOString().slice(0, 10);
  return [
    { name: "last 90 days", query: "" },
    { name: "last 365 days", query: `from=${daysAgo(364)}&to=${today}` },
    { name: "one carrier, 365 days", query: `from=${daysAgo(364)}&to=${today}&carrier=ups` },
    { name: "one destination", query: `destination=US-CA` },
    { name: "carrier + service + state", query: `carrier=fedex&service=Ground&destination=US-TX` },
  ];
}

// Remix single fetch: the loader's data for a client-side navigation to the page with these filters.
const dataPath = (query: string) =>
  `/app/carriers.data?${query ? `${query}&` : ""}_routes=routes%2Fapp.carriers`;
const csvPath = (query: string) => `/app/carriers/csv?table=carriers&${query}`;

async function analytics({ provider, options, cleanup, signal, log }: RunContext): Promise<RunOutcome> {
  const form = options.quick ? "quick" : "full";
  const database = await createThrowawayDatabase(provider);
  const dropDatabase = cleanup.add(`drop the ${provider} database (analytics)`, database.drop);
  try {
    await prepareDatabase({ databaseUrl: database.url, shops: [{ shop: SHOP, orders: 0 }] });
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    log(`seeding ${SHIPMENTS[form].toLocaleString("en")} shipments over a year`);
    let started = performance.now();
    const seeded = await seedDeliveryHistoryVolume({
      target: parseDatabaseUrl(database.url),
      shop: SHOP,
      shipments: SHIPMENTS[form],
      now,
    });
    const db = await createPrismaClient(parseDatabaseUrl(database.url));
    try {
      await db.$executeRawUnsafe("ANALYZE");
    } finally {
      await db.$disconnect();
    }
    const seedSeconds = (performance.now() - started) / 1000;
    log(`seeded ${seeded.shipments} shipments, ${seeded.events} events in ${seedSeconds.toFixed(1)} s`);
    signal.throwIfAborted();

    log("building the rollup from scratch (scripts/delivery-stats.ts refresh)");
    started = performance.now();
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "scripts/delivery-stats.ts", "refresh", "--shop", SHOP],
      { env: { ...process.env, ...SCRIPT_ENV, DATABASE_URL: database.url }, maxBuffer: 1 << 20 },
    );
    const rollup = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { days: number; seconds: number };
    const rollupSeconds = (performance.now() - started) / 1000;
    log(`rollup: ${rollup.days} days in ${rollupSeconds.toFixed(1)} s`);

    const port = await freePort();
    const server = await startAppServer({
      port,
      env: {
        PARCELWISE_DEMO: "1",
        PARCELWISE_DEMO_SHOP: SHOP,
        SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: database.url,
        JOBS_WORKER: "off",
      },
    });
    const stopServer = cleanup.add(`stop the app server (analytics, ${provider})`, server.stop);
    const serverOutput = recordOutputTail(server.process);
    const problems: string[] = [];
    const latencies = new Map<string, number[]>();
    let sampleBody = "";
    let peakRssMiB: number | null = null;
    try {
      const sampler = sampleRss(server.process.pid ?? 0);
      const plan = views(today);
      for (let round = 0; round < WARMUP_REQUESTS + MEASURED_ROUNDS; round += 1) {
        for (const view of plan) {
          signal.throwIfAborted();
          const requestStarted = performance.now();
          const response = await fetch(`${server.url}${dataPath(view.query)}`);
          const body = await response.text();
          const elapsed = performance.now() - requestStarted;
          if (response.status !== 200) {
            problems.push(`${view.name}: HTTP ${response.status}`);
            continue;
          }
          if (round >= WARMUP_REQUESTS)
            latencies.set(view.name, [...(latencies.get(view.name) ?? []), elapsed]);
          if (round === 0 && view.query.startsWith("from=") && !view.query.includes("carrier")) {
            sampleBody = body;
            const csv = await (await fetch(`${server.url}${csvPath(view.query)}`)).text();
            problems.push(...checkFigures(csv, seeded.ordersSince(daysAgoFrom(view.query))));
          }
        }
      }
      peakRssMiB = toMiB(await sampler.stopAndReadPeakBytes());
    } finally {
      await stopServer();
    }
    if (problems.length) log(`problems; the server's last output:\n${serverOutput()}`);

    log("baseline: node:http answering the same bytes");
    const baselineTimes = await baselineLatencies({
      cleanup,
      scenario: "analytics",
      body: sampleBody,
      warmup: WARMUP_REQUESTS,
      measured: MEASURED_ROUNDS * 5,
    });

    const all = [...latencies.values()].flat();
    const byView = latencyByView(latencies);
    const p95 = percentile(all, 0.95);
    const baselineP95 = percentile(baselineTimes, 0.95);
    const target = TARGET_P95_MS[provider];
    const meetsTarget = form === "full" && p95 !== null && p95 < target;
    return {
      details: {
        shop: SHOP,
        form,
        seeded: { ...seeded, ordersSince: undefined },
        seedSeconds: round1(seedSeconds),
        rollup: {
          days: rollup.days,
          seconds: round1(rollupSeconds),
          shipmentsPerSecond: Math.round(seeded.shipments / rollupSeconds),
        },
        requests: all.length,
        latencyMs: { p50: percentile(all, 0.5), p95, byView },
        baselineLatencyMs: { p50: percentile(baselineTimes, 0.5), p95: baselineP95 },
        ratioP95ToBaseline: p95 && baselineP95 ? Number((p95 / baselineP95).toPrecision(3)) : null,
        targetP95Ms: target,
        meetsTarget,
        serverPeakRssMiB: peakRssMiB,
      },
      summary: [
        `${seeded.shipments} shipments; rollup of ${rollup.days} days built in ${round1(rollupSeconds)} s`,
        `page data p50 ${percentile(all, 0.5)} ms, p95 ${p95} ms over ${all.length} requests (5 views); baseline p95 ${baselineP95} ms`,
        form === "full"
          ? `target p95 < ${target} ms at 1,000,000 shipments: ${meetsTarget ? "met" : "not met"}`
          : `quick form (${SHIPMENTS.quick} shipments): run --scenario analytics for the 1,000,000-shipment target`,
      ],
      problems,
    };
  } finally {
    await dropDatabase();
  }
}

function daysAgoFrom(query: string): string {
  return /from=(\d{4}-\d{2}-\d{2})/.exec(query)?.[1] ?? "";
}

// The page must count every order of the range: the rollup is checked against what was seeded, through the
// carriers table's CSV export (the same report; its second column is the orders).
function checkFigures(csv: string, expectedOrders: number): string[] {
  const orders = csv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .reduce((total, line) => total + Number(line.split(",")[1]), 0);
  return orders === expectedOrders
    ? []
    : [`the last 365 days show ${String(orders)} orders; ${expectedOrders} were placed`];
}

const scenario: SelfContainedScenario = {
  kind: "self-contained",
  name: "analytics",
  description:
    "The Carrier performance page's data (five filter views) over a year of one shop's deliveries: 1,000,000 shipments (100,000 in the quick form), rollup built from scratch first. Baseline: node:http answering the same bytes.",
  run: analytics,
};

export default scenario;
