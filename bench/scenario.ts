import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Request } from "autocannon";
import type { SeedSummary } from "../prisma/seed/demo-shop";
import type { Cleanup } from "./cleanup";
import type { DatabaseProvider } from "./databases";
import type { BenchOptions } from "./options";

export type ScenarioContext = {
  provider: DatabaseProvider;
  databaseUrl: string;
  // The built server under test, already healthy.
  appUrl: string;
  shop: string;
  seeded: SeedSummary;
};

// What the app's numbers are divided by: a bare node:http server answering either a tiny fixed body, or the
// app's own response (captured once, same bytes and content encoding) so only the app's work is compared.
export type BaselineKind = "tiny" | "same-size";

// A load scenario: requests against the shared demo server and its seeded database, for --duration seconds.
export type LoadScenario = {
  kind?: "load";
  name: string;
  description: string;
  baseline: BaselineKind;
  // Runs once per database after the server is up and before any load, e.g. to insert extra rows.
  prepare?: (context: ScenarioContext) => Promise<void>;
  // Every connection cycles through these in order. For a "same-size" baseline the first request (its static
  // method, path, headers and body) is sent once to capture the response the baseline answers with.
  requests: (context: ScenarioContext) => Request[];
};

// What a self-contained scenario gets: it creates its own database, server (and stand-in) for `provider`,
// registers their teardown with `cleanup`, and stops when `signal` aborts.
export type RunContext = {
  provider: DatabaseProvider;
  options: BenchOptions;
  cleanup: Cleanup;
  signal: AbortSignal;
  log: (message: string) => void;
};

export type RunOutcome = {
  // The scenario's numbers, as they go into the report's `runs[]` (JSON-serialisable).
  details: Record<string, unknown>;
  // A few human-readable lines for the table on stderr.
  summary: string[];
  // Why the numbers cannot be trusted (failed requests, rows that do not match, a timeout); empty when fine.
  problems: string[];
};

// A scenario that needs its own setup (another server mode, volume or a stand-in) rather than the shared
// demo server, and measures something other than a fixed-duration load.
export type SelfContainedScenario = {
  kind: "self-contained";
  name: string;
  description: string;
  run: (context: RunContext) => Promise<RunOutcome>;
};

// One file in bench/scenarios/ default-exports one of these; its name is the file name.
export type Scenario = LoadScenario | SelfContainedScenario;

export function isSelfContained(scenario: Scenario): scenario is SelfContainedScenario {
  return scenario.kind === "self-contained";
}

const SCENARIOS_DIRECTORY = fileURLToPath(new URL("./scenarios/", import.meta.url));

// Discovered from the directory, so adding a scenario never touches a shared list.
export async function loadScenarios(): Promise<Scenario[]> {
  const files = (await readdir(SCENARIOS_DIRECTORY)).filter((file) => file.endsWith(".ts")).sort();
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const module: { default?: unknown } = await import(
      pathToFileURL(path.join(SCENARIOS_DIRECTORY, file)).href
    );
    scenarios.push(assertScenario(module.default, path.basename(file, ".ts")));
  }
  return scenarios;
}

function assertScenario(candidate: unknown, expectedName: string): Scenario {
  const scenario = candidate as
    | (Partial<Omit<LoadScenario, "kind"> & Omit<SelfContainedScenario, "kind">> & { kind?: unknown })
    | undefined;
  const common = [
    scenario?.name === expectedName ? null : `name must be "${expectedName}" (the file name)`,
    typeof scenario?.description === "string" ? null : "description must be a string",
  ];
  const specific =
    scenario?.kind === "self-contained"
      ? [typeof scenario.run === "function" ? null : "run must be a function"]
      : [
          scenario?.kind === undefined || scenario.kind === "load"
            ? null
            : 'kind must be "load" or "self-contained"',
          scenario?.baseline === "tiny" || scenario?.baseline === "same-size"
            ? null
            : 'baseline must be "tiny" or "same-size"',
          typeof scenario?.requests === "function" ? null : "requests must be a function",
          scenario?.prepare === undefined || typeof scenario.prepare === "function"
            ? null
            : "prepare must be a function",
        ];
  const problems = [...common, ...specific].filter((problem) => problem !== null);
  if (problems.length > 0) {
    throw new Error(
      `bench/scenarios/${expectedName}.ts must default-export a Scenario: ${problems.join("; ")}`,
    );
  }
  return scenario as Scenario;
}
