// Carrier tools:  npm run -s carriers -- <command> [args...]
// Each command is its own file, scripts/carriers-<command>.ts, exporting `usage` (its argument synopsis)
// and `run(args)`, which returns the exit code; 2 means a usage error and prints the synopsis. Adding a
// file adds the command: nothing here needs to change.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface CarrierCommand {
  usage: string;
  run: (args: string[]) => number | Promise<number>;
}

const USAGE_ERROR = 2;
const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const COMMAND_FILE = /^carriers-([a-z]+)\.ts$/;

function commandNames(): string[] {
  return readdirSync(scriptsDir)
    .map((file) => COMMAND_FILE.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

function isCarrierCommand(module: unknown): module is CarrierCommand {
  if (typeof module !== "object" || module === null) return false;
  const candidate = module as Record<string, unknown>;
  return typeof candidate.usage === "string" && typeof candidate.run === "function";
}

async function loadCommand(name: string): Promise<CarrierCommand> {
  const file = path.join(scriptsDir, `carriers-${name}.ts`);
  const module: unknown = await import(pathToFileURL(file).href);
  if (!isCarrierCommand(module)) throw new Error(`${file} must export \`usage\` and \`run(args)\``);
  return module;
}

async function printUsage(names: string[]): Promise<void> {
  const commands = await Promise.all(names.map(loadCommand));
  const lines = commands.map((command) => `  npm run -s carriers -- ${command.usage}`);
  console.error(["usage:", ...lines].join("\n"));
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const names = commandNames();
  if (name === undefined || !names.includes(name)) {
    if (name !== undefined && !["-h", "--help", "help"].includes(name))
      console.error(`unknown command: ${name}`);
    await printUsage(names);
    return USAGE_ERROR;
  }
  const command = await loadCommand(name);
  const status = await command.run(args);
  if (status === USAGE_ERROR) console.error(`usage: npm run -s carriers -- ${command.usage}`);
  return status;
}

process.exitCode = await main(process.argv.slice(2));
