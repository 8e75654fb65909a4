import type { Request } from "autocannon";
import { demoShopperEmail } from "../../prisma/seed/demo-shop";
import { signedAppProxyQuery } from "../../shopify-standin";
import { startAppServer } from "../../scripts/lib/app-server";
import { freePort } from "../../scripts/lib/free-port";
import { DEMO_CUSTOMER_HASH_KEY } from "../../scripts/lib/prepare-database";
import { startBaselineServer } from "../baseline";
import { createThrowawayDatabase, migrateAndSeed } from "../databases";
import { findProblems, measureLoad, type Measurement } from "../measure";
import { recordOutputTail } from "../processes";
import { ratio, toMiB, type ServerMeasurement } from "../report";
import { readLifetimePeakRssBytes, sampleRss } from "../rss";
import type { RunContext, RunOutcome, SelfContainedScenario } from "../scenario";

const SHOP = "parcelwise-bench-lookup.myshopify.com";
const API_KEY = "parcelwise-bench-api-key";
const API_SECRET = "parcelwise-bench-api-secret";
const CREDENTIALS_KEY = "parcelwise-bench-credentials-key-0123456789";
// About 1.036 shipments per seeded order: 194,000 orders give a little over 200,000 shipments.
const ORDERS = 194_000;
const MIN_SHIPMENTS = 200_000;
// One in ten lookups has the wrong email: the "not found" answer costs the same and is measured with the rest.
const WRONG_EMAIL_SHARE = 0.1;
const TARGET = { requestsPerSecond: 1_500, p99Ms: 50 };

// What Shopify's app proxy sends for a shopper's lookup from the theme block: a POST to /proxy with a freshly
// signed query (the signature is at most 90 s old) and the form in the body.
function lookupRequests(tally: { found: number; notFound: number; other: number }): Request[] {
  return [
    {
      method: "POST",
      path: "/proxy",
      setupRequest: (base) => {
        const number = 1001 + Math.floor(Math.random() * ORDERS);
        const wrong = Math.random() < WRONG_EMAIL_SHARE;
        const query = signedAppProxyQuery({ shop: SHOP, pathPrefix: "/apps/track", apiSecret: API_SECRET });
        const body = new URLSearchParams({
          order: String(number),
          contact: wrong ? `someone+${number}@example.com` : demoShopperEmail(number),
          locale: "en",
          fragment: "1",
        }).toString();
        return {
          ...base,
          path: `/proxy?${query}`,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-for": `198.51.100.${number % 250}`,
          },
          body,
        };
      },
      onResponse: (status, body) => {
        if (status !== 200) tally.other += 1;
        else if (body.includes('data-pw-outcome="found"')) tally.found += 1;
        else if (body.includes('data-pw-outcome="not_found"')) tally.notFound += 1;
        else tally.other += 1;
      },
    },
  ];
}

async function run({ provider, options, cleanup, signal, log }: RunContext): Promise<RunOutcome> {
  const database = await createThrowawayDatabase(provider);
  const dropDatabase = cleanup.add(`drop the ${provider} database (lookup)`, database.drop);
  try {
    log(`seeding ${ORDERS} orders`);
    const { seeded, migrateAndSeedSeconds } = await migrateAndSeed({
      databaseUrl: database.url,
      shop: SHOP,
      orders: ORDERS,
    });
    log(`seeded ${seeded.shipments} shipments in ${migrateAndSeedSeconds.toFixed(1)} s (migration included)`);
    signal.throwIfAborted();

    const port = await freePort();
    const server = await startAppServer({
      port,
      env: {
        HOST: "127.0.0.1",
        PARCELWISE_DEMO: "0",
        SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_API_SECRET: API_SECRET,
        CUSTOMER_HASH_KEY: DEMO_CUSTOMER_HASH_KEY,
        CREDENTIALS_ENCRYPTION_KEY: CREDENTIALS_KEY,
        DATABASE_URL: database.url,
        JOBS_WORKER: "off",
        // One load generator plays every shopper of one shop: the limits are not what is measured here.
        TRACKING_LOOKUPS_PER_IP_PER_MINUTE: "100000000",
        TRACKING_LOOKUPS_PER_SHOP_PER_MINUTE: "100000000",
      },
    });
    const stopServer = cleanup.add(`stop the app server (lookup, ${provider})`, server.stop);
    const serverOutput = recordOutputTail(server.process);
    const settings = {
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: 2,
    };
    const tally = { found: 0, notFound: 0, other: 0 };
    let app: ServerMeasurement;
    let sampleBody: string;
    let serverLifetimePeakRssMiB: number | null;
    try {
      const [sample] = lookupRequests({ found: 0, notFound: 0, other: 0 });
      const prepared = sample?.setupRequest?.({ ...sample }, {});
      if (!prepared) throw new Error("the lookup request could not be prepared");
      sampleBody = await (
        await fetch(`${server.url}${prepared.path}`, {
          method: "POST",
          headers: prepared.headers as Record<string, string>,
          body: prepared.body as string,
        })
      ).text();
      log(`app: signed lookups over ${options.connections} connections for ${options.durationSeconds} s`);
      app = await measureWithRss(server.url, server.process.pid, lookupRequests(tally), settings, signal);
      serverLifetimePeakRssMiB = toMiB(await readLifetimePeakRssBytes(server.process.pid ?? 0));
    } finally {
      await stopServer();
    }

    log("baseline: node:http answering a lookup's bytes");
    const baselineServer = await startBaselineServer({
      body: sampleBody,
      contentType: "text/html; charset=utf-8",
      contentEncoding: "identity",
    });
    const stopBaseline = cleanup.add("stop the baseline server (lookup)", baselineServer.stop);
    let baseline: ServerMeasurement;
    try {
      baseline = await measureWithRss(
        baselineServer.url,
        baselineServer.process.pid,
        lookupRequests({ found: 0, notFound: 0, other: 0 }),
        settings,
        signal,
      );
    } finally {
      await stopBaseline();
    }

    const meetsTarget = app.requestsPerSecond >= TARGET.requestsPerSecond && app.latencyMs.p99 < TARGET.p99Ms;
    const problems = [
      ...findProblems(app).map((message) => `app: ${message}`),
      ...findProblems(baseline).map((message) => `baseline: ${message}`),
      ...(tally.other === 0 ? [] : [`${tally.other} lookups answered neither found nor not found`]),
      ...(tally.found > 0 && tally.notFound > 0
        ? []
        : ["the lookups did not find both found and unknown orders"]),
      ...(seeded.shipments >= MIN_SHIPMENTS
        ? []
        : [`only ${seeded.shipments} shipments seeded (want ${MIN_SHIPMENTS})`]),
    ];
    if (problems.length > 0) log(`failed; the app server's last output:\n${serverOutput()}`);
    const ratioToBaseline = ratio(app, baseline);
    return {
      details: {
        shop: SHOP,
        seeded,
        migrateAndSeedSeconds: Math.round(migrateAndSeedSeconds * 10) / 10,
        server: "production mode (not demo), JOBS_WORKER=off; the proxy lane in server.mjs",
        connections: options.connections,
        lookups: { ...tally, wrongEmailShare: WRONG_EMAIL_SHARE },
        lookupsPerSecond: app.requestsPerSecond,
        latencyMs: { p50: app.latencyMs.p50, p99: app.latencyMs.p99 },
        target: TARGET,
        meetsTarget,
        ratioToBaseline,
        serverLifetimePeakRssMiB,
        app,
        baseline,
      },
      summary: [
        `${seeded.shipments} shipments stored; ${app.requests} signed lookups (${tally.found} found, ${tally.notFound} not found)`,
        `app ${app.requestsPerSecond} lookups/s, p50 ${app.latencyMs.p50} ms, p99 ${app.latencyMs.p99} ms; baseline ${baseline.requestsPerSecond}/s; ratio ${ratioToBaseline ?? "–"}`,
        `target ≥ ${TARGET.requestsPerSecond}/s and p99 < ${TARGET.p99Ms} ms: ${meetsTarget ? "met" : "not met"}`,
      ],
      problems,
    };
  } finally {
    await dropDatabase();
  }
}

async function measureWithRss(
  url: string,
  pid: number | undefined,
  requests: Request[],
  settings: { connections: number; durationSeconds: number; warmupSeconds: number },
  signal: AbortSignal,
): Promise<ServerMeasurement> {
  if (pid === undefined) throw new Error("server process has no pid");
  const sampler = sampleRss(pid);
  let measurement: Measurement;
  let peakRssBytes: number | null;
  try {
    measurement = await measureLoad({ url, requests, settings, signal });
  } finally {
    peakRssBytes = await sampler.stopAndReadPeakBytes();
  }
  return { ...measurement, peakRssMiB: toMiB(peakRssBytes) };
}

const lookup: SelfContainedScenario = {
  kind: "self-contained",
  name: "lookup",
  description:
    "Signed app-proxy lookups (order number + email, one in ten with a wrong email) against the built server in production mode with 200,000 shipments stored. Baseline: node:http answering a lookup's bytes.",
  run,
};

export default lookup;
