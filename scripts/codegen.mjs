#!/usr/bin/env node
// Generates app/types/admin.types.d.ts and admin.generated.d.ts from the #graphql documents in app/, offline,
// against the Admin SDL in ../shared (see .graphqlrc.ts). Without ../shared it skips and exits 0, so a fresh
// clone still runs. Arguments are passed on to graphql-codegen (e.g. --watch).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sharedDir = path.resolve(projectRoot, "../shared");

if (!existsSync(sharedDir)) {
  console.log(`skipping codegen: ../shared not found (looked for ${sharedDir})`);
  process.exit(0);
}

const codegenBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@graphql-codegen/cli/package.json")),
  "cjs/bin.js",
);
const { status } = spawnSync(process.execPath, [codegenBin, ...process.argv.slice(2)], {
  cwd: projectRoot,
  stdio: "inherit",
});
process.exit(status ?? 1);
