#!/usr/bin/env node
// Runs Shopify theme-check (@shopify/theme-check-node) on every theme app extension
// (extensions/*/shopify.extension.toml with `type = "theme"`), or on the directories given as arguments.
// Exits 1 on any offence of any severity (error, warning or info), 2 if theme-check itself fails.
//
// Usage: node scripts/theme-check.mjs [--json] [--online] [extensions/<dir> ...]
//   --json    print offences as JSON instead of text
//   --online  let theme-check download the latest Liquid docs from GitHub. By default the docs bundled
//             with the installed @shopify/theme-check-node version are used (reproducible, works offline).
//
// There is no theme-check CLI binary in @shopify/theme-check-node (`shopify theme check` lives in the
// Shopify CLI), so this script drives its Node API. A `.theme-check.yml` inside an extension is honoured;
// without one, the `theme-check:theme-app-extension` preset applies (detected via *.extension.toml).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const asJson = args.includes("--json");
const online = args.includes("--online");
const unknownFlags = args.filter((arg) => arg.startsWith("--") && arg !== "--json" && arg !== "--online");
if (unknownFlags.length > 0) {
  console.error(`theme-check: unknown option(s): ${unknownFlags.join(" ")}`);
  process.exit(2);
}

if (!online && !process.env.SHOPIFY_TLD_ROOT) {
  // Point the docs "download" at a local path that does not exist: the docs manager then falls back to the
  // data files bundled with the package instead of fetching from raw.githubusercontent.com (which has no
  // timeout and can hang on firewalled CI runners).
  process.env.SHOPIFY_TLD_ROOT = path.join(tmpdir(), "parcelwise-theme-check-offline");
}

const SEVERITY = ["error", "warning", "info"];

function isThemeExtension(dir) {
  const toml = path.join(dir, "shopify.extension.toml");
  if (!existsSync(toml)) return false;
  return /^\s*type\s*=\s*["']theme["']\s*(#.*)?$/m.test(readFileSync(toml, "utf8"));
}

function discoverExtensions() {
  const extensionsDir = path.join(repoRoot, "extensions");
  if (!existsSync(extensionsDir)) return [];
  return readdirSync(extensionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(extensionsDir, entry.name))
    .filter(isThemeExtension)
    .sort();
}

const explicit = args.filter((arg) => !arg.startsWith("--")).map((arg) => path.resolve(arg));
for (const dir of explicit) {
  if (!isThemeExtension(dir)) {
    console.error(`theme-check: ${dir} has no shopify.extension.toml with type = "theme"`);
    process.exit(2);
  }
}
const targets = explicit.length > 0 ? explicit : discoverExtensions();
if (targets.length === 0) {
  console.log("theme-check: no theme app extensions found under extensions/");
  process.exit(0);
}

// Imported lazily so SHOPIFY_TLD_ROOT is in place first (it is read at call time, but be safe).
const { themeCheckRun } = await import("@shopify/theme-check-node");

const results = [];
let total = 0;
for (const dir of targets) {
  const relDir = path.relative(repoRoot, dir) || ".";
  let run;
  try {
    // The root must be absolute: with a relative root theme-check silently matches no files.
    run = await themeCheckRun(dir);
  } catch (error) {
    console.error(`theme-check: failed on ${relDir}:`, error);
    process.exit(2);
  }
  if (run.theme.length === 0) {
    console.error(`theme-check: ${relDir} contains no Liquid/JSON files to check`);
    process.exit(2);
  }
  const offenses = run.offenses
    .map((offense) => ({
      file: path.relative(repoRoot, fileURLToPath(offense.uri)),
      line: offense.start.line,
      column: offense.start.character + 1,
      severity: SEVERITY[offense.severity] ?? String(offense.severity),
      check: offense.check,
      message: offense.message,
    }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  total += offenses.length;
  results.push({ extension: relDir, files: run.theme.length, offenses });
}

if (asJson) {
  console.log(JSON.stringify(results, null, 2));
} else {
  for (const { extension, files, offenses } of results) {
    console.log(`${extension}: ${files} files, ${offenses.length} offence(s)`);
    for (const o of offenses) {
      console.log(`  ${o.file}:${o.line}:${o.column}  ${o.severity}  ${o.check}  ${o.message}`);
    }
  }
  console.log(total === 0 ? "theme-check: no offences" : `theme-check: ${total} offence(s)`);
}
process.exit(total === 0 ? 0 : 1);
