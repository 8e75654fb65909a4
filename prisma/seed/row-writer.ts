import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "../database-url";

type Row = Record<string, unknown>;

export interface RowWriter {
  // Inserts rows; with `ignoreExisting`, rows whose key already exists are skipped.
  insert(table: string, rows: Row[], options?: { ignoreExisting?: boolean }): Promise<void>;
  close(): Promise<void>;
}

// Seeding demo shops and benchmark volumes (up to a million shipments) through the ORM costs seconds per
// ten thousand rows; the drivers write the same rows, in Prisma's own storage formats, far faster.
export async function openRowWriter(target: DatabaseTarget): Promise<RowWriter> {
  return target.provider === "sqlite" ? sqliteWriter(target.file) : postgresWriter(target.url);
}

const quote = (name: string) => `"${name}"`;

function columnsOf(rows: Row[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

function sqliteWriter(file: string): RowWriter {
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  // Prisma's SQLite adapter stores DateTime as ISO 8601 text with an explicit offset, booleans as 0/1.
  const toSqlite = (value: unknown) =>
    value instanceof Date
      ? value.toISOString().replace("Z", "+00:00")
      : typeof value === "boolean"
        ? Number(value)
        : (value ?? null);
  return {
    async insert(table, rows, options = {}) {
      if (rows.length === 0) return;
      const columns = columnsOf(rows);
      const statement = db.prepare(
        `INSERT ${options.ignoreExisting ? "OR IGNORE " : ""}INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      );
      db.transaction((batch: Row[]) => {
        for (const row of batch) statement.run(columns.map((column) => toSqlite(row[column])));
      })(rows);
    },
    async close() {
      db.close();
    },
  };
}

const PG_MAX_PARAMETERS = 60_000;

async function postgresWriter(url: string): Promise<RowWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Prisma's PostgreSQL columns are timestamp(3) without time zone holding UTC.
  const toPostgres = (value: unknown) =>
    value instanceof Date ? value.toISOString().replace("T", " ").replace("Z", "") : (value ?? null);
  return {
    async insert(table, rows, options = {}) {
      if (rows.length === 0) return;
      const columns = columnsOf(rows);
      const rowsPerStatement = Math.max(1, Math.floor(PG_MAX_PARAMETERS / columns.length));
      await client.query("BEGIN");
      try {
        for (let start = 0; start < rows.length; start += rowsPerStatement) {
          const chunk = rows.slice(start, start + rowsPerStatement);
          const values: unknown[] = [];
          const tuples = chunk.map((row) => {
            const placeholders = columns.map((column) => {
              values.push(toPostgres(row[column]));
              return `$${values.length}`;
            });
            return `(${placeholders.join(", ")})`;
          });
          await client.query(
            `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES ${tuples.join(", ")}${options.ignoreExisting ? " ON CONFLICT DO NOTHING" : ""}`,
            values,
          );
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async close() {
      await client.end();
    },
  };
}
