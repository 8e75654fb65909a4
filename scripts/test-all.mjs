#!/usr/bin/env node
// `npm run test:all`: the whole suite, as CI runs it. Installs what is missing, then lint, typecheck, codegen
// and migration drift checks, build, theme check, the extensions' build, and vitest (unit, integration on SQLite and on PostgreSQL,
// end-to-end in Chromium). Plain Node on purpose: it runs before any dependency is installed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const failures = [];

function step(name, command, args, { optional = false } = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status === 0) {
    console.log(`✔ ${name} (${seconds} s)`);
    return true;
  }
  console.log(`✘ ${name} (exit ${status}, ${seconds} s)`);
  if (!optional) failures.push(name);
  return false;
}

if (!existsSync("node_modules/.bin/tsx") || !existsSync("node_modules/@parcelwise/prisma-postgresql")) {
  if (!step("npm install", "npm", ["install", "--no-audit", "--no-fund"])) process.exit(1);
}
// `npm install <package>` skips the project's own postinstall, which generates the Prisma clients.
if (!existsSync("node_modules/@parcelwise/prisma-postgresql")) {
  if (!step("generate Prisma clients", "node_modules/.bin/tsx", ["scripts/db.ts", "generate"]))
    process.exit(1);
}
if (!step("services (Chromium, PostgreSQL)", "bash", ["scripts/ensure-services.sh"])) process.exit(1);

step("lint (ESLint + Prettier)", "npm", ["run", "-s", "lint"]);
step("typecheck (tsc --noEmit)", "npm", ["run", "-s", "typecheck"]);
if (existsSync("../shared") && existsSync(".git")) {
  if (step("graphql-codegen", "npm", ["run", "-s", "graphql-codegen"])) {
    step("generated GraphQL types are committed and current", "git", [
      "diff",
      "--exit-code",
      "--stat",
      "app/types",
    ]);
  }
}
step("migrations match the schema (SQLite, PostgreSQL)", "node_modules/.bin/tsx", ["scripts/db.ts", "check"]);
const built = step("build", "npm", ["run", "-s", "build"]);
step("theme check", "npm", ["run", "-s", "theme-check"]);
// Shopify CLI bundles the UI extensions and checks the theme extension, offline.
process.env.SHOPIFY_CLI_NO_ANALYTICS = "1";
step("shopify app build (extensions)", "npm", ["run", "-s", "build:extensions"]);

mkdirSync("test-results/screenshots", { recursive: true });
rmSync("test-results/vitest.json", { force: true });
const vitestArgs = [
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
];
if (!built) vitestArgs.push("--project", "unit", "--project", "sqlite", "--project", "postgresql");
step("vitest (unit, SQLite, PostgreSQL, end-to-end)", "node_modules/.bin/vitest", vitestArgs);

let summary = "tests: 0 passed, 1 failed";
if (existsSync("test-results/vitest.json")) {
  const report = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
  summary = `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`;
}
if (failures.length) console.log(`\nFailed steps: ${failures.join(", ")}`);
console.log(`\n${summary}`);
process.exit(failures.length ? 1 : 0);
