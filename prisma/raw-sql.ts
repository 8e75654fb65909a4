import { randomBytes } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";

// The few hot paths (webhook intake, applying queued webhooks, backfill inserts) talk to the database driver
// directly. Prisma 6's client engine compiles every query in wasm on the event loop, 0.2–0.8 ms each, which
// capped webhook intake near 60 deliveries/s; the same statements through the driver cost tens of µs.
// Everything else stays on Prisma. Statements are written once with `?` placeholders and quoted camelCase
// identifiers, exactly as Prisma's migrations name tables and columns.

export type Dialect = "sqlite" | "postgresql";
export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  readonly dialect: Dialect;
  all<T extends SqlRow = SqlRow>(sql: string, params?: unknown[]): Promise<T[]>;
  // Number of rows changed.
  run(sql: string, params?: unknown[]): Promise<number>;
}

export interface RawSql {
  readonly dialect: Dialect;
  transaction<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T>;
  // One statement, atomic on its own (not for use inside `transaction`). On SQLite, waiting for another
  // process's write lock never blocks the event loop: a web process keeps answering while a worker writes.
  statement<T extends SqlRow = SqlRow>(sql: string, params?: unknown[]): Promise<T[]>;
  // A read-only statement of committed data (never inside `transaction`). On SQLite it runs on its own
  // read-only, memory-mapped connection: WAL readers never wait for a writer, and the storefront lookups'
  // random page reads cost no system calls.
  read<T extends SqlRow = SqlRow>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

// Prisma's storage formats: SQLite keeps DateTime as ISO 8601 text with an explicit offset and booleans as 0/1;
// PostgreSQL's timestamp(3) columns hold UTC without a zone.
export function encodeValue(dialect: Dialect, value: unknown): unknown {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return dialect === "sqlite" ? iso.replace("Z", "+00:00") : iso.replace("T", " ").replace("Z", "");
  }
  if (typeof value === "boolean" && dialect === "sqlite") return value ? 1 : 0;
  return value ?? null;
}

export function decodeDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value);
  const text = String(value);
  // PostgreSQL's text form of a zone-less timestamp, and SQLite's CURRENT_TIMESTAMP default, are both UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

export function decodeBoolean(value: unknown): boolean {
  // 1n: Prisma's better-sqlite3 adapter turns safe integers on for the connection the driver shares.
  return value === true || value === 1 || value === 1n || value === "1" || value === "t";
}

// Time-ordered like Prisma's cuid() (rows created in one process sort by creation), 25 characters.
let lastMillis = 0;
let counter = 0;
export function newRowId(now = Date.now()): string {
  counter = now === lastMillis ? counter + 1 : 0;
  lastMillis = now;
  return `c${now.toString(36).padStart(9, "0")}${counter.toString(36).padStart(3, "0")}${randomBytes(8).toString("hex").slice(0, 12)}`;
}

export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

type InsertOptions = { onConflictDoNothing?: string[] };

// INSERT of one row from an object: undefined values are left to the column's default.
export async function insertRow(
  sql: SqlExecutor,
  table: string,
  row: SqlRow,
  options: InsertOptions = {},
): Promise<number> {
  const entries = Object.entries(row).filter(([, value]) => value !== undefined);
  const conflict = options.onConflictDoNothing
    ? ` ON CONFLICT (${options.onConflictDoNothing.map(quoteIdentifier).join(", ")}) DO NOTHING`
    : "";
  return sql.run(
    `INSERT INTO ${quoteIdentifier(table)} (${entries.map(([column]) => quoteIdentifier(column)).join(", ")}) VALUES (${entries.map(() => "?").join(", ")})${conflict}`,
    entries.map(([, value]) => value),
  );
}

// Multi-row INSERTs. Rows are grouped by the columns they set, so a column a row leaves out keeps its default.
const MAX_PARAMETERS = 30_000;
export async function insertRows(
  sql: SqlExecutor,
  table: string,
  rows: SqlRow[],
  options: InsertOptions = {},
): Promise<void> {
  const groups = new Map<string, { columns: string[]; rows: SqlRow[] }>();
  for (const row of rows) {
    const columns = Object.keys(row).filter((column) => row[column] !== undefined);
    const key = columns.join(",");
    const group = groups.get(key) ?? { columns, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  const conflict = options.onConflictDoNothing
    ? ` ON CONFLICT (${options.onConflictDoNothing.map(quoteIdentifier).join(", ")}) DO NOTHING`
    : "";
  for (const { columns, rows: groupRows } of groups.values()) {
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    for (let start = 0; start < groupRows.length; start += perStatement) {
      const chunk = groupRows.slice(start, start + perStatement);
      await sql.run(
        `INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(", ")}) VALUES ${chunk.map(() => tuple).join(", ")}${conflict}`,
        chunk.flatMap((row) => columns.map((column) => row[column])),
      );
    }
  }
}

// UPDATE of one row by id: undefined values are left as they are (Prisma's `data` semantics).
export async function updateRowById(sql: SqlExecutor, table: string, id: string, data: SqlRow) {
  const entries = Object.entries(data).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return 0;
  return sql.run(
    `UPDATE ${quoteIdentifier(table)} SET ${entries.map(([column]) => `${quoteIdentifier(column)} = ?`).join(", ")} WHERE "id" = ?`,
    [...entries.map(([, value]) => value), id],
  );
}

// Statements kept prepared per connection: the short, fixed ones. Multi-row statements vary with the row count
// and would pile up.
const isReusable = (text: string) => text.length < 2_000;

export const placeholders = (count: number) => Array.from({ length: count }, () => "?").join(", ");

// --- SQLite: the statements run on the connection Prisma's adapter owns, inside a Prisma transaction, so they
// share its write lock (BEGIN IMMEDIATE, prisma/client.ts) and its in-process mutex. A second connection in the
// same process would wait synchronously for a lock its own event loop holds.

// Prepared statements per connection, kept for the short fixed ones (isReusable).
function statementCache(connection: () => BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = connection().prepare(text);
      if (isReusable(text)) statements.set(text, statement);
    }
    return statement;
  };
  return Object.assign(prepare, { clear: () => statements.clear() });
}

type PrismaTransactionRunner = <T>(
  work: () => Promise<T>,
  options: { timeout: number; maxWait: number },
) => Promise<T>;

export function sqliteRawSql(
  connection: () => BetterSqlite3.Database,
  runInPrismaTransaction: PrismaTransactionRunner,
  openReader?: () => BetterSqlite3.Database,
): RawSql {
  const prepare = statementCache(connection);
  // `read`'s own read-only connection, opened on first use (see createPrismaClient).
  let reader: BetterSqlite3.Database | null = null;
  const prepareRead = openReader ? statementCache(() => (reader ??= openReader())) : prepare;
  const encode = (params: unknown[]) => params.map((value) => encodeValue("sqlite", value));
  const executor: SqlExecutor = {
    dialect: "sqlite",
    async all<T extends SqlRow>(text: string, params: unknown[] = []) {
      return prepare(text).all(...encode(params)) as T[];
    },
    async run(text: string, params: unknown[] = []) {
      const statement = prepare(text);
      if (statement.reader) {
        statement.all(...encode(params));
        return 0;
      }
      return statement.run(...encode(params)).changes;
    },
  };
  const statement = async <T extends SqlRow>(text: string, params: unknown[] = []): Promise<T[]> => {
    for (let waitMs = 1; ; waitMs = Math.min(waitMs * 2, 8)) {
      const db = connection();
      // A Prisma transaction of this process is open: wait for it in line with Prisma's own transactions
      // (polling for a gap would starve behind a busy worker's back-to-back transactions).
      if (db.inTransaction) {
        return runInPrismaTransaction(async () => prepare(text).all(...encode(params)) as T[], {
          timeout: 60_000,
          maxWait: 30_000,
        });
      }
      // Otherwise try without waiting; another process holding the write lock is waited for asynchronously.
      const busyTimeout = db.pragma("busy_timeout", { simple: true }) as number;
      db.pragma("busy_timeout = 0");
      try {
        return prepare(text).all(...encode(params)) as T[];
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
      } finally {
        db.pragma(`busy_timeout = ${busyTimeout}`);
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  };
  return {
    dialect: "sqlite",
    transaction: (work) => runInPrismaTransaction(() => work(executor), { timeout: 60_000, maxWait: 30_000 }),
    statement,
    async read<T extends SqlRow>(text: string, params: unknown[] = []) {
      return prepareRead(text).all(...encode(params)) as T[];
    },
    async close() {
      prepare.clear();
      if (prepareRead !== prepare) prepareRead.clear();
      reader?.close();
      reader = null;
    },
  };
}

// --- PostgreSQL: a small pool of its own; each transaction holds one connection.

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

export function postgresRawSql(connectionString: string, { max = 4 }: { max?: number } = {}): RawSql {
  const url = new URL(connectionString);
  const schema = url.searchParams.get("schema");
  url.searchParams.delete("schema");
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max,
    allowExitOnIdle: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // Timestamps come back as text (decodeDate reads them as UTC) instead of being read in the local zone.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === TIMESTAMP_WITHOUT_TIME_ZONE
          ? (value: string) => value
          : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // Named statements: each connection parses and plans a statement once, not on every call (that was most of
  // a simple statement's 0.8 ms).
  const prepared = new Map<string, { name: string; text: string }>();
  const toPostgres = (text: string): { name?: string; text: string } => {
    let statement = prepared.get(text);
    if (statement === undefined) {
      let index = 0;
      const numbered = text.replace(/\?/g, () => `$${(index += 1)}`);
      if (!isReusable(text)) return { text: numbered };
      statement = { name: `pw_${prepared.size}`, text: numbered };
      prepared.set(text, statement);
    }
    return statement;
  };
  const query = (client: pg.Pool | pg.PoolClient, text: string, params: unknown[]) =>
    client.query({ ...toPostgres(text), values: params.map((value) => encodeValue("postgresql", value)) });
  const executorFor = (client: pg.PoolClient): SqlExecutor => ({
    dialect: "postgresql",
    async all<T extends SqlRow>(text: string, params: unknown[] = []) {
      return (await query(client, text, params)).rows as T[];
    },
    async run(text: string, params: unknown[] = []) {
      return (await query(client, text, params)).rowCount ?? 0;
    },
  });
  return {
    dialect: "postgresql",
    async statement<T extends SqlRow>(text: string, params: unknown[] = []) {
      return (await query(pool, text, params)).rows as T[];
    },
    async read<T extends SqlRow>(text: string, params: unknown[] = []) {
      return (await query(pool, text, params)).rows as T[];
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(executorFor(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
