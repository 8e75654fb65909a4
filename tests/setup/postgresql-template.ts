import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { POSTGRES_ADMIN_URL, postgresUrlFor } from "./test-env";

// One migrated PostgreSQL database per run; each test file gets its own database cloned from it.
export default async function setup(project: TestProject) {
  const template = `parcelwise_test_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${template}"`);
  migrateDatabase(postgresUrlFor(template));
  project.provide("databaseTemplate", { provider: "postgresql", url: postgresUrlFor(template) });
  return async () => {
    const { rows } = await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${template}%`,
    ]);
    for (const row of rows as Array<{ datname: string }>) {
      await adminQuery(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
  };
}

export async function adminQuery(sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}
