import { freePort } from "../scripts/lib/free-port";
// Benchmarks the whole built server over real HTTP against seeded databases, next to a bare node:http baseline
// on the same machine, and reports JSON (stdout and --out) plus a table (stderr). See bench/README.md.
import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Request } from "autocannon";
import { DEMO_SHOP } from "../app/config.server";
import { startAppServer, type RunningServer } from "../scripts/lib/app-server";
import { startBaselineServer, TINY_RESPONSE, type BaselineResponse } from "./baseline";
import { abortOnSignals, Cleanup, Interrupted } from "./cleanup";
import { createThrowawayDatabase, migrateAndSeed, type DatabaseProvider } from "./databases";
import { describeMachine } from "./machine";
import { findProblems, measureLoad, type LoadSettings, type Measurement } from "./measure";
import { parseBenchOptions, USAGE, UsageError, type BenchOptions } from "./options";
import { hasExited, recordOutputTail, stopChildProcess } from "./processes";
import {
  ratio,
  renderTable,
  toMiB,
  writeReport,
  type BenchReport,
  type DatabaseRun,
  type Problem,
  type ScenarioResult,
  type SelfContainedRun,
  type ServerMeasurement,
} from "./report";
import { readLifetimePeakRssBytes, readRssBytes, sampleRss } from "./rss";
import {
  isSelfContained,
  loadScenarios,
  type LoadScenario,
  type ScenarioContext,
  type SelfContainedScenario,
} from "./scenario";

const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
const WARMUP_SECONDS = 2;
const BUILD_TIMEOUT_MS = 10 * 60_000;
const CAPTURE_TIMEOUT_MS = 10_000;

const runStarted = performance.now();
function log(message: string): void {
  const elapsed = ((performance.now() - runStarted) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${elapsed}s] ${message}\n`);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function ensureBuild(rebuild: boolean): void {
  if (!rebuild && existsSync("build/server/index.js")) return;
  log("building the app (npm run build)");
  // stdout is reserved for the JSON report.
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", 2, 2], timeout: BUILD_TIMEOUT_MS });
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error("child process has no pid (it failed to spawn)");
  return child.pid;
}

async function measureServer(
  child: ChildProcess,
  url: string,
  requests: Request[],
  settings: LoadSettings,
  signal: AbortSignal,
): Promise<ServerMeasurement> {
  const sampler = sampleRss(pidOf(child));
  let measurement: Measurement;
  let peakRssBytes: number | null;
  try {
    measurement = await measureLoad({ url, requests, settings, signal });
  } finally {
    peakRssBytes = await sampler.stopAndReadPeakBytes();
  }
  return { ...measurement, peakRssMiB: toMiB(peakRssBytes) };
}

// The response a "same-size" baseline answers with: the app's own, decoded, with its type and encoding.
async function captureResponse(appUrl: string, request: Request): Promise<BaselineResponse> {
  const method = request.method ?? "GET";
  const target = request.path ?? "/";
  const response = await fetch(new URL(target, appUrl), {
    method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(CAPTURE_TIMEOUT_MS),
  });
  const body = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${target} answered ${response.status}: ${body.slice(0, 500)}`);
  }
  return {
    body,
    contentType: response.headers.get("content-type") ?? "application/octet-stream",
    contentEncoding: response.headers.get("content-encoding") ?? "identity",
  };
}

async function benchmarkScenario({
  scenario,
  context,
  server,
  settings,
  cleanup,
  signal,
}: {
  scenario: LoadScenario;
  context: ScenarioContext;
  server: RunningServer;
  settings: LoadSettings;
  cleanup: Cleanup;
  signal: AbortSignal;
}): Promise<ScenarioResult> {
  await scenario.prepare?.(context);
  const requests = scenario.requests(context);
  const [firstRequest] = requests;
  if (firstRequest === undefined) throw new Error("requests() returned no request");
  const baselineResponse =
    scenario.baseline === "same-size" ? await captureResponse(server.url, firstRequest) : TINY_RESPONSE;

  log(`${scenario.name} on ${context.provider}: app`);
  const app = await measureServer(server.process, server.url, requests, settings, signal);

  log(`${scenario.name} on ${context.provider}: ${scenario.baseline} baseline`);
  const baselineServer = await startBaselineServer(baselineResponse);
  const stopBaseline = cleanup.add("stop the baseline server", baselineServer.stop);
  try {
    const baseline = await measureServer(
      baselineServer.process,
      baselineServer.url,
      requests,
      settings,
      signal,
    );
    return {
      scenario: scenario.name,
      provider: context.provider,
      baselineKind: scenario.baseline,
      app,
      baseline,
      ratioToBaseline: ratio(app, baseline),
    };
  } finally {
    await stopBaseline();
  }
}

type Outcome = { results: ScenarioResult[]; problems: Problem[] };

async function benchmarkScenarios({
  scenarios,
  context,
  server,
  settings,
  cleanup,
  signal,
}: {
  scenarios: LoadScenario[];
  context: ScenarioContext;
  server: RunningServer;
  settings: LoadSettings;
  cleanup: Cleanup;
  signal: AbortSignal;
}): Promise<Outcome> {
  const { provider } = context;
  const serverOutput = recordOutputTail(server.process);
  const outcome: Outcome = { results: [], problems: [] };
  for (const scenario of scenarios) {
    signal.throwIfAborted();
    const problem = (message: string): Problem => ({ provider, scenario: scenario.name, message });
    if (hasExited(server.process)) {
      outcome.problems.push(problem("the app server is no longer running"));
      continue;
    }
    const problems: Problem[] = [];
    try {
      const result = await benchmarkScenario({ scenario, context, server, settings, cleanup, signal });
      outcome.results.push(result);
      problems.push(...findProblems(result.app).map((message) => problem(`app: ${message}`)));
      problems.push(...findProblems(result.baseline).map((message) => problem(`baseline: ${message}`)));
    } catch (error) {
      if (signal.aborted) throw error;
      problems.push(problem(errorMessage(error)));
    }
    if (problems.length > 0) {
      log(`${scenario.name} on ${provider} failed; the app server's last output:\n${serverOutput()}`);
    }
    outcome.problems.push(...problems);
  }
  return outcome;
}

async function benchmarkDatabase({
  provider,
  scenarios,
  options,
  cleanup,
  signal,
}: {
  provider: DatabaseProvider;
  scenarios: LoadScenario[];
  options: BenchOptions;
  cleanup: Cleanup;
  signal: AbortSignal;
}): Promise<Outcome & { database: DatabaseRun }> {
  signal.throwIfAborted();
  const database = await createThrowawayDatabase(provider);
  const dropDatabase = cleanup.add(`drop the ${provider} database`, database.drop);
  try {
    signal.throwIfAborted();
    log(`${provider}: migrating and seeding ${options.orders} orders for ${DEMO_SHOP}`);
    const { seeded, migrateAndSeedSeconds } = await migrateAndSeed({
      databaseUrl: database.url,
      shop: DEMO_SHOP,
      orders: options.orders,
    });
    log(
      `${provider}: seeded ${seeded.orders} orders, ${seeded.shipments} shipments, ${seeded.events} events, ` +
        `${seeded.supportRequests} support requests in ${migrateAndSeedSeconds.toFixed(1)} s (migration included)`,
    );

    signal.throwIfAborted();
    const port = await freePort();
    const serverStarted = performance.now();
    const server = await startAppServer({
      port,
      env: { PARCELWISE_DEMO: "1", SHOPIFY_APP_URL: `http://127.0.0.1:${port}`, DATABASE_URL: database.url },
    });
    const serverStartSeconds = (performance.now() - serverStarted) / 1000;
    const stopServer = cleanup.add(`stop the app server (${provider})`, () =>
      stopChildProcess(server.process),
    );
    try {
      const serverPid = pidOf(server.process);
      const serverIdleRssMiB = toMiB(await readRssBytes(serverPid));
      const outcome = await benchmarkScenarios({
        scenarios,
        context: { provider, databaseUrl: database.url, appUrl: server.url, shop: DEMO_SHOP, seeded },
        server,
        settings: {
          connections: options.connections,
          durationSeconds: options.durationSeconds,
          warmupSeconds: WARMUP_SECONDS,
        },
        cleanup,
        signal,
      });
      return {
        ...outcome,
        database: {
          provider,
          seeded,
          migrateAndSeedSeconds: Math.round(migrateAndSeedSeconds * 10) / 10,
          serverStartSeconds: Math.round(serverStartSeconds * 10) / 10,
          serverIdleRssMiB,
          serverLifetimePeakRssMiB: toMiB(await readLifetimePeakRssBytes(serverPid)),
        },
      };
    } finally {
      await stopServer();
    }
  } finally {
    await dropDatabase();
  }
}

async function runSelfContained({
  scenario,
  provider,
  options,
  cleanup,
  signal,
}: {
  scenario: SelfContainedScenario;
  provider: DatabaseProvider;
  options: BenchOptions;
  cleanup: Cleanup;
  signal: AbortSignal;
}): Promise<{ run: SelfContainedRun | null; problems: Problem[] }> {
  const problem = (message: string): Problem => ({ provider, scenario: scenario.name, message });
  const started = performance.now();
  log(`${scenario.name} on ${provider}: starting`);
  try {
    const outcome = await scenario.run({
      provider,
      options,
      cleanup,
      signal,
      log: (message) => log(`${scenario.name} on ${provider}: ${message}`),
    });
    const run: SelfContainedRun = {
      scenario: scenario.name,
      provider,
      wallSeconds: Math.round((performance.now() - started) / 100) / 10,
      summary: outcome.summary,
      details: outcome.details,
    };
    return { run, problems: outcome.problems.map(problem) };
  } catch (error) {
    if (signal.aborted) throw error;
    return { run: null, problems: [problem(errorMessage(error))] };
  }
}

async function main(): Promise<number> {
  const allScenarios = await loadScenarios();
  let options: BenchOptions;
  try {
    const parsed = parseBenchOptions(
      process.argv.slice(2),
      allScenarios.map((scenario) => scenario.name),
    );
    if (parsed === "help") {
      process.stderr.write(USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const scenarios = options.scenarios.flatMap(
    (name) => allScenarios.find((scenario) => scenario.name === name) ?? [],
  );
  const loadScenarioList = scenarios.filter((scenario) => !isSelfContained(scenario));
  const selfContainedList = scenarios.filter(isSelfContained);

  // The server, the migrations and relative SQLite paths all resolve against the project root.
  process.chdir(PROJECT_ROOT);
  const cleanup = new Cleanup();
  const signal = abortOnSignals(cleanup);
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const databases: DatabaseRun[] = [];
  const results: ScenarioResult[] = [];
  const runs: SelfContainedRun[] = [];
  const problems: Problem[] = [];
  try {
    ensureBuild(options.rebuild);
    for (const provider of options.databases) {
      // The shared demo database and server exist only for load scenarios.
      if (loadScenarioList.length > 0) {
        try {
          const outcome = await benchmarkDatabase({
            provider,
            scenarios: loadScenarioList,
            options,
            cleanup,
            signal,
          });
          databases.push(outcome.database);
          results.push(...outcome.results);
          problems.push(...outcome.problems);
        } catch (error) {
          if (signal.aborted) throw error;
          problems.push({ provider, message: errorMessage(error) });
        }
      }
      for (const scenario of selfContainedList) {
        signal.throwIfAborted();
        const outcome = await runSelfContained({ scenario, provider, options, cleanup, signal });
        if (outcome.run) runs.push(outcome.run);
        problems.push(...outcome.problems);
      }
    }
  } catch (error) {
    if (signal.reason instanceof Interrupted) return signal.reason.exitCode;
    throw error;
  } finally {
    await cleanup.runAll();
  }

  const report: BenchReport = {
    schemaVersion: 1,
    ok: problems.length === 0,
    startedAt,
    finishedAt: new Date().toISOString(),
    totalSeconds: Math.round((performance.now() - runStarted) / 100) / 10,
    machine,
    settings: {
      scenarios: options.scenarios,
      databases: options.databases,
      orders: options.orders,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: WARMUP_SECONDS,
      deliveries: options.deliveries,
      backfillOrders: options.backfillOrders,
      quick: options.quick,
    },
    scenarios: scenarios.map((scenario) => ({
      name: scenario.name,
      description: scenario.description,
      baseline: isSelfContained(scenario) ? null : scenario.baseline,
    })),
    databases,
    results,
    runs,
    problems,
  };
  process.stderr.write(`\n${renderTable(report)}`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await writeReport(report, options.out);
  log(`report written to ${options.out}`);
  return report.ok ? 0 : 1;
}

process.exitCode = await main();
