#!/usr/bin/env node
// `npm run demo` on a fresh clone: installs what is missing, builds, then runs the demo stack
// (scripts/demo-stack.ts). Plain Node on purpose: it runs before any dependency is installed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function run(command, args) {
  const { status } = spawnSync(command, args, { stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
}

if (!existsSync("node_modules/.bin/tsx") || !existsSync("node_modules/@parcelwise/prisma-postgresql")) {
  console.log("Installing dependencies (first run only)…");
  run("npm", ["install", "--no-audit", "--no-fund"]);
}
// `npm install <package>` skips the project's own postinstall, which generates the Prisma clients.
if (!existsSync("node_modules/@parcelwise/prisma-postgresql"))
  run("node_modules/.bin/tsx", ["scripts/db.ts", "generate"]);
console.log("Building the app…");
run("npm", ["run", "-s", "build"]);
run("node_modules/.bin/tsx", ["scripts/demo-stack.ts"]);
