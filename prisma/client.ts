import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import BetterSqlite3 from "better-sqlite3";
import type { DatabaseTarget } from "./database-url";
import { postgresRawSql, sqliteRawSql, type RawSql } from "./raw-sql";

// Both providers' clients are generated from the one schema (scripts/db.ts) and expose the same API; the
// SQLite client's types stand for both.
export type Database = PrismaClient;

// SQLite has one writer at a time, and the web server and `node worker.mjs` share the file. A transaction opened
// with a plain BEGIN starts as a reader; if another process commits before its first write, that write fails at
// once with "database is locked" (SQLITE_BUSY_SNAPSHOT: the busy timeout does not apply), and the work it was
// doing stays claimed until its lease ends. BEGIN IMMEDIATE takes the write lock up front and waits for it
// (better-sqlite3's 5 s busy timeout) instead. Within one process Prisma's adapter already runs one transaction
// at a time, so nothing else changes. The adapter has no option for this: its connection's `prepare` rewrites
// the one statement it opens transactions with.
class PrismaBetterSQLite3Immediate extends PrismaBetterSQLite3 {
  connection: BetterSqlite3.Database | null = null;

  override async connect() {
    const adapter = await super.connect();
    const connection = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    if (typeof connection?.prepare !== "function") {
      throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`");
    }
    const prepare = connection.prepare.bind(connection);
    connection.prepare = ((source: string) =>
      prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof connection.prepare;
    this.connection = connection;
    return adapter;
  }
}

const rawSqlByClient = new WeakMap<Database, RawSql>();
const READER_MMAP_BYTES = 512 * 1024 * 1024;

export async function createPrismaClient(target: DatabaseTarget): Promise<Database> {
  if (target.provider === "sqlite") {
    const adapter = new PrismaBetterSQLite3Immediate({ url: target.url });
    const client = new PrismaClient({ adapter });
    // WAL lets the tracking page read while webhooks write; it is a property of the file, set once.
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    rawSqlByClient.set(
      client,
      sqliteRawSql(
        () => {
          if (!adapter.connection) throw new Error("the SQLite adapter has not connected yet");
          return adapter.connection;
        },
        (work, options) => client.$transaction(() => work(), options),
        () => {
          const reader = new BetterSqlite3(target.file, { readonly: true, fileMustExist: true });
          // Mapped, not copied: lookups touch pages all over a large file (1,400 → 1,800 lookups/s at 200,000
          // shipments). The mapped pages are the OS's file cache, counted in this process's RSS; only processes
          // that serve lookups open this connection, so a worker's memory is unaffected.
          reader.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
          return reader;
        },
      ),
    );
    return client;
  }
  const { PrismaClient: PostgresClient } = await import("@parcelwise/prisma-postgresql");
  const schema = new URL(target.url).searchParams.get("schema") ?? undefined;
  const client = new PostgresClient({
    adapter: new PrismaPg({ connectionString: target.url }, { schema }),
  }) as unknown as Database;
  const raw = postgresRawSql(target.url);
  rawSqlByClient.set(client, raw);
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await Promise.all([disconnect(), raw.close()]);
  };
  return client;
}

// The driver-level access of the same database (prisma/raw-sql.ts), for the hot paths.
export function rawSqlFor(client: Database): RawSql {
  const raw = rawSqlByClient.get(client);
  if (!raw) throw new Error("this Prisma client was not created by createPrismaClient");
  return raw;
}

// Each provider's generated client has its own error classes, so `instanceof` would only ever match one of
// them: compare Prisma's error code instead.
export function isUniqueConstraintViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
