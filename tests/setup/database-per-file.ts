import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { adminQuery } from "./postgresql-template";
import { TEST_ENV, postgresUrlFor } from "./test-env";

// Runs before each integration test file: a fresh database cloned from the migrated template, and the
// environment the app's config expects. App modules imported by the test file then connect to it.
const template = inject("databaseTemplate");
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

Object.assign(process.env, TEST_ENV);
globalThis.parcelwiseDatabase = undefined;

if (template.provider === "sqlite") {
  const file = template.file.replace(/template\.db$/, `file_${suffix}.db`);
  copyFileSync(template.file, file);
  process.env.DATABASE_URL = `file:${file}`;
} else {
  const templateName = path.basename(new URL(template.url).pathname);
  const database = `${templateName}_${suffix}`;
  await adminQuery(`CREATE DATABASE "${database}" TEMPLATE "${templateName}"`);
  process.env.DATABASE_URL = postgresUrlFor(database);
}

afterAll(async () => {
  const database = await globalThis.parcelwiseDatabase;
  await database?.$disconnect();
  globalThis.parcelwiseDatabase = undefined;
});
