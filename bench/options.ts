import path from "node:path";
import { parseArgs } from "node:util";
import { DATABASE_PROVIDERS, type DatabaseProvider } from "./databases";

export type BenchOptions = {
  scenarios: string[];
  databases: DatabaseProvider[];
  durationSeconds: number;
  connections: number;
  orders: number;
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
