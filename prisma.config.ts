import { defineConfig } from "prisma/config";
import { MIGRATION_DIRS, SCHEMA_PATHS, parseDatabaseUrl } from "./prisma/database-url";
import { postgresMigrationAdapter, sqliteMigrationAdapter } from "./prisma/migration-adapters";

// The CLI migrates through the wasm schema engine over a driver adapter: the native engines cannot be
// downloaded here. DATABASE_URL picks the provider, its schema variant and its migrations.
const target = parseDatabaseUrl(process.env.DATABASE_URL);

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: SCHEMA_PATHS[target.provider],
  migrations: { path: MIGRATION_DIRS[target.provider] },
  adapter: async () =>
    target.provider === "postgresql"
      ? postgresMigrationAdapter(target.url)
      : sqliteMigrationAdapter(target.url),
});
