import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../scripts/lib/migrate";

// One migrated SQLite file per run; each test file works on its own copy of it.
export default function setup(project: TestProject) {
  const directory = mkdtempSync(path.join(os.tmpdir(), "parcelwise-sqlite-"));
  const file = path.join(directory, "template.db");
  migrateDatabase(`file:${file}`);
  project.provide("databaseTemplate", { provider: "sqlite", file });
  return () => rmSync(directory, { recursive: true, force: true });
}
