import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Request } from "autocannon";
import type { SeedSummary } from "../prisma/seed/demo-shop";
import type { DatabaseProvider } from "./databases";

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

// One file in bench/scenarios/ default-exports one of these; its name is the file name.
export type Scenario = {
  name: string;
  description: string;
  baseline: BaselineKind;
  // Runs once per database after the server is up and before any load, e.g. to insert extra rows.
  prepare?: (context: ScenarioContext) => Promise<void>;
  // Every connection cycles through these in order. For a "same-size" baseline the first request (its static
  // method, path, headers and body) is sent once to capture the response the baseline answers with.
  requests: (context: ScenarioContext) => Request[];
};

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
  const scenario = candidate as Partial<Scenario> | undefined;
  const problems = [
    scenario?.name === expectedName ? null : `name must be "${expectedName}" (the file name)`,
    typeof scenario?.description === "string" ? null : "description must be a string",
    scenario?.baseline === "tiny" || scenario?.baseline === "same-size"
      ? null
      : 'baseline must be "tiny" or "same-size"',
    typeof scenario?.requests === "function" ? null : "requests must be a function",
    scenario?.prepare === undefined || typeof scenario.prepare === "function"
      ? null
      : "prepare must be a function",
  ].filter((problem) => problem !== null);
  if (problems.length > 0) {
    throw new Error(
      `bench/scenarios/${expectedName}.ts must default-export a Scenario: ${problems.join("; ")}`,
    );
  }
  return scenario as Scenario;
}
