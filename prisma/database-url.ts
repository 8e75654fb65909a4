import path from "node:path";

export type DatabaseTarget =
  { provider: "sqlite"; url: string; file: string } | { provider: "postgresql"; url: string };

export const DEFAULT_DATABASE_URL = "file:./prisma/parcelwise.db";

// One parser for the app, the Prisma CLI config and the scripts, so "which database" is decided in one place.
// SQLite paths are resolved against the working directory (the project root for every npm script).
export function parseDatabaseUrl(url: string = DEFAULT_DATABASE_URL): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const file = path.resolve(url.slice("file:".length));
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(":")[0]}:…"`,
  );
}

export const SCHEMA_PATHS = {
  sqlite: "prisma/schema.prisma",
  postgresql: "prisma/postgresql/schema.prisma",
} as const;

export const MIGRATION_DIRS = {
  sqlite: "prisma/migrations/sqlite",
  postgresql: "prisma/migrations/postgresql",
} as const;
