import path from "node:path";
import { parseArgs } from "node:util";
import { DATABASE_PROVIDERS, type DatabaseProvider } from "./databases";

export type BenchOptions = {
  scenarios: string[];
  databases: DatabaseProvider[];
  durationSeconds: number;
  connections: number;
  orders: number;
  // Self-contained scenarios; null: the scenario's own default.
  deliveries: number | null;
  backfillOrders: number[] | null;
  // Without --scenario (and without --full) every scenario runs in its lighter form, so that a plain
  // `npm run bench` stays within about six minutes; naming scenarios runs them in full.
  quick: boolean;
  out: string;
  rebuild: boolean;
};

export class UsageError extends Error {}

export const USAGE = `Usage: npm run bench -- [options]   (or: npx tsx bench/run.ts [options])

  --scenario a,b     scenarios to run (default: all in bench/scenarios/)
  --db sqlite|postgresql|both     databases to run against (default: both)
  --duration 6       measured seconds per load run, after a 2 s warm-up (default: 6)
  --connections 20   concurrent connections (default: 20)
  --orders 20000     orders seeded into the demo shop (default: 20000)
  --deliveries N     webhooks: deliveries measured per database (default: 20 s at the warm-up's rate)
  --backfill-orders 10000,50000   backfill: stand-in order counts, one backfill each (default: 10000,50000)
  --full             with no --scenario, run every scenario in full (default: lighter webhooks and backfill)
  --out bench/results/latest.json   where to write the JSON report (also printed to stdout)
  --rebuild          run \`npm run build\` even if build/ exists
  --help
`;

export function parseBenchOptions(args: string[], knownScenarios: string[]): BenchOptions | "help" {
  const { values } = parseStrictly(args);
  if (values.help) return "help";
  return {
    scenarios: parseScenarios(values.scenario, knownScenarios),
    databases: parseDatabases(values.db),
    durationSeconds: parseBoundedInteger("--duration", values.duration, 1, 600),
    connections: parseBoundedInteger("--connections", values.connections, 1, 1_000),
    orders: parseBoundedInteger("--orders", values.orders, 1, 1_000_000),
    deliveries:
      values.deliveries === undefined
        ? null
        : parseBoundedInteger("--deliveries", values.deliveries, 100, 1_000_000),
    backfillOrders:
      values["backfill-orders"] === undefined
        ? null
        : values["backfill-orders"]
            .split(",")
            .map((count) => parseBoundedInteger("--backfill-orders", count.trim(), 1, 1_000_000)),
    quick: values.scenario === undefined && !values.full,
    out: path.resolve(values.out),
    rebuild: values.rebuild,
  };
}

function parseStrictly(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: "string" },
        db: { type: "string", default: "both" },
        duration: { type: "string", default: "6" },
        connections: { type: "string", default: "20" },
        orders: { type: "string", default: "20000" },
        deliveries: { type: "string" },
        "backfill-orders": { type: "string" },
        full: { type: "boolean", default: false },
        out: { type: "string", default: "bench/results/latest.json" },
        rebuild: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseScenarios(list: string | undefined, knownScenarios: string[]): string[] {
  if (list === undefined) return knownScenarios;
  const requested = list.split(",").map((name) => name.trim());
  const unknown = requested.filter((name) => !knownScenarios.includes(name));
  if (unknown.length > 0 || requested.length === 0) {
    throw new UsageError(`unknown scenario ${unknown.join(", ")}; known: ${knownScenarios.join(", ")}`);
  }
  return requested;
}

function parseDatabases(value: string): DatabaseProvider[] {
  if (value === "both") return [...DATABASE_PROVIDERS];
  const provider = DATABASE_PROVIDERS.find((candidate) => candidate === value);
  if (provider === undefined) throw new UsageError(`--db must be sqlite, postgresql or both (got ${value})`);
  return [provider];
}

function parseBoundedInteger(flag: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got ${value})`);
  }
  return number;
}
