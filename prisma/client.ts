import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import type { DatabaseTarget } from "./database-url";

// Both providers' clients are generated from the one schema (scripts/db.ts) and expose the same API; the
// SQLite client's types stand for both.
export type Database = PrismaClient;

export async function createPrismaClient(target: DatabaseTarget): Promise<Database> {
  if (target.provider === "sqlite") {
    const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: target.url }) });
    // WAL lets the tracking page read while webhooks write; it is a property of the file, set once.
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    return client;
  }
  const { PrismaClient: PostgresClient } = await import("@parcelwise/prisma-postgresql");
  const schema = new URL(target.url).searchParams.get("schema") ?? undefined;
  return new PostgresClient({
    adapter: new PrismaPg({ connectionString: target.url }, { schema }),
  }) as unknown as Database;
}

// Each provider's generated client has its own error classes, so `instanceof` would only ever match one of
// them: compare Prisma's error code instead.
export function isUniqueConstraintViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
