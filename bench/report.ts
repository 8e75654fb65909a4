import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SeedSummary } from "../prisma/seed/demo-shop";
import type { DatabaseProvider } from "./databases";
import type { MachineInfo } from "./machine";
import type { Measurement } from "./measure";
import type { BaselineKind } from "./scenario";

export type ServerMeasurement = Measurement & { peakRssMiB: number | null };

export type ScenarioResult = {
  scenario: string;
  provider: DatabaseProvider;
  baselineKind: BaselineKind;
  app: ServerMeasurement;
  baseline: ServerMeasurement;
  // app requests/s divided by baseline requests/s: 1 would mean the app costs nothing over node:http.
  ratioToBaseline: number | null;
};

export type DatabaseRun = {
  provider: DatabaseProvider;
  seeded: SeedSummary;
  migrateAndSeedSeconds: number;
  serverStartSeconds: number;
  serverIdleRssMiB: number | null;
  serverLifetimePeakRssMiB: number | null;
};

// One self-contained scenario on one database: its own setup, numbers and checks (see bench/scenario.ts).
export type SelfContainedRun = {
  scenario: string;
  provider: DatabaseProvider;
  // From the scenario's start to its end, setup and teardown included.
  wallSeconds: number;
  summary: string[];
  details: Record<string, unknown>;
};

export type Problem = { provider?: DatabaseProvider; scenario?: string; message: string };

export type BenchReport = {
  schemaVersion: 1;
  ok: boolean;
  startedAt: string;
  finishedAt: string;
  // The whole run, builds and database setup included.
  totalSeconds: number;
  machine: MachineInfo;
  settings: {
    scenarios: string[];
    databases: DatabaseProvider[];
    orders: number;
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    deliveries: number | null;
    backfillOrders: number[] | null;
    quick: boolean;
  };
  scenarios: Array<{ name: string; description: string; baseline: BaselineKind | null }>;
  databases: DatabaseRun[];
  results: ScenarioResult[];
  runs: SelfContainedRun[];
  problems: Problem[];
};

export function toMiB(bytes: number | null): number | null {
  return bytes === null ? null : Math.round((bytes / 1024 / 1024) * 10) / 10;
}

export function ratio(app: Measurement, baseline: Measurement): number | null {
  // Significant figures rather than decimals: a page can be a thousandth of the baseline.
  return baseline.requestsPerSecond > 0
    ? Number((app.requestsPerSecond / baseline.requestsPerSecond).toPrecision(3))
    : null;
}

export async function writeReport(report: BenchReport, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

const COLUMNS = [
  ["scenario", 18],
  ["db", 11],
  ["app rps", 9],
  ["base rps", 9],
  ["ratio", 8],
  ["p50 ms", 7],
  ["p90 ms", 7],
  ["p99 ms", 7],
  ["failed", 7],
  ["KiB/resp", 9],
  ["peak RSS MiB", 13],
] as const;

export function renderTable(report: BenchReport): string {
  const row = (cells: Array<string | number | null>) =>
    COLUMNS.map(([, width], index) => {
      const cell = String(cells[index] ?? "–");
      return index < 2 ? cell.padEnd(width) : cell.padStart(width);
    }).join(" ");
  const lines = [
    `Parcelwise bench · ${report.machine.cpus} CPUs · node ${report.machine.node} · ${report.settings.connections} connections × ${report.settings.durationSeconds} s (after ${report.settings.warmupSeconds} s warm-up) · ${report.totalSeconds.toFixed(0)} s in all`,
    ...report.databases.map(
      (database) =>
        `${database.provider}: ${database.seeded.orders} orders, ${database.seeded.shipments} shipments, ${database.seeded.events} events; migrated + seeded in ${database.migrateAndSeedSeconds.toFixed(1)} s; server peak RSS ${database.serverLifetimePeakRssMiB ?? "–"} MiB`,
    ),
  ];
  if (report.results.length > 0) lines.push("", row(COLUMNS.map(([title]) => title)));
  lines.push(
    ...report.results.map((result) =>
      row([
        result.scenario,
        result.provider,
        Math.round(result.app.requestsPerSecond),
        Math.round(result.baseline.requestsPerSecond),
        result.ratioToBaseline,
        result.app.latencyMs.p50,
        result.app.latencyMs.p90,
        result.app.latencyMs.p99,
        result.app.non2xx + result.app.errors,
        (result.app.bytesPerResponse / 1024).toFixed(1),
        result.app.peakRssMiB,
      ]),
    ),
  );
  for (const run of report.runs) {
    lines.push("", `${run.scenario} on ${run.provider} (${run.wallSeconds.toFixed(1)} s, setup included):`);
    lines.push(...run.summary.map((line) => `  ${line}`));
  }
  if (report.problems.length > 0) {
    lines.push("", "Problems:");
    for (const problem of report.problems) {
      const where = [problem.scenario, problem.provider].filter(Boolean).join(" on ");
      lines.push(`  ${where ? `${where}: ` : ""}${problem.message}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
