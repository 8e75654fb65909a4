import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SeedSummary } from "../prisma/seed/demo-shop";
import { prepareDatabase } from "../scripts/lib/prepare-database";
import { adminQuery } from "../tests/setup/postgresql-template";
import { postgresUrlFor } from "../tests/setup/test-env";

export const DATABASE_PROVIDERS = ["sqlite", "postgresql"] as const;
export type DatabaseProvider = (typeof DATABASE_PROVIDERS)[number];

export type ThrowawayDatabase = { provider: DatabaseProvider; url: string; drop: () => Promise<void> };

// An empty database that exists only for this run: a file in a fresh temp directory, or a new PostgreSQL
// database on the local server (POSTGRES_URL, as for the tests).
export async function createThrowawayDatabase(provider: DatabaseProvider): Promise<ThrowawayDatabase> {
  if (provider === "sqlite") {
    const directory = await mkdtemp(path.join(os.tmpdir(), "parcelwise-bench-"));
    return {
      provider,
      url: `file:${path.join(directory, "parcelwise.db")}`,
      drop: () => rm(directory, { recursive: true, force: true }),
    };
  }
  const name = `parcelwise_bench_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    provider,
    url: postgresUrlFor(name),
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export type SeededDatabase = { seeded: SeedSummary; migrateAndSeedSeconds: number };

export async function migrateAndSeed({
  databaseUrl,
  shop,
  orders,
}: {
  databaseUrl: string;
  shop: string;
  orders: number;
}): Promise<SeededDatabase> {
  const started = performance.now();
  const results = await prepareDatabase({
    databaseUrl,
    shops: [{ shop, name: "Parcelwise Demo Store", orders }],
  });
  const seeded = results[shop];
  if (seeded === undefined || seeded === "kept") {
    throw new Error(`expected a fresh database to seed ${shop}, but prepareDatabase reported ${seeded}`);
  }
  return { seeded, migrateAndSeedSeconds: (performance.now() - started) / 1000 };
}
