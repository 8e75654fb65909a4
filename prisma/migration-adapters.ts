// Driver adapters for the Prisma CLI's wasm schema engine (engine: "js"), with the small shims it needs.
// Only migrations use these; the app's runtime client uses the stock adapters (app/db.server.ts).
// See ../shared/notes/prisma-offline.md for the upstream bugs behind each shim.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

// Bug 1: the schema engine sends whole multi-statement migration scripts through executeRaw, while
// better-sqlite3 prepares one statement at a time. A parameterless executeRaw that fails is retried as a script.
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property !== "executeRaw") return Reflect.get(target, property, receiver);
      return async (query: Parameters<SqlDriverAdapter["executeRaw"]>[0]) => {
        try {
          return await target.executeRaw(query);
        } catch (error) {
          if (query.args.length > 0) throw error;
          await target.executeScript(query.sql);
          return 0;
        }
      };
    },
  });
}

export function sqliteMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSQLite3({ url });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => withScriptFallback(await inner.connect()),
    connectToShadowDb: async () => withScriptFallback(await inner.connectToShadowDb()),
  };
}

// The CLI never ends the pool it is given, so idle connections must not keep the process alive.
const TEXT_OID = 25;
const NAME_OID = 19;
const CHAR_OID = 18;

// Bug 3: catalog queries return `name`, `"char"` and information_schema domain columns, which adapter-pg cannot
// describe ("Column type 'name' could not be deserialized"). This pool reports them as their base type, with
// name/char as text.
class CatalogFriendlyPool extends pg.Pool {
  private typeMap: Promise<Map<number, number>> | undefined;

  private loadTypeMap(): Promise<Map<number, number>> {
    this.typeMap ??= super
      .query(
        `select t.oid::int as oid, t.typbasetype::int as base from pg_type t
         join pg_namespace n on n.oid = t.typnamespace
         where n.nspname = 'information_schema' and t.typtype = 'd'`,
      )
      .then((result) => {
        const map = new Map<number, number>([
          [NAME_OID, TEXT_OID],
          [CHAR_OID, TEXT_OID],
        ]);
        for (const row of result.rows as Array<{ oid: number; base: number }>) {
          map.set(row.oid, map.get(row.base) ?? row.base);
        }
        return map;
      });
    return this.typeMap;
  }

  // adapter-pg only uses the promise form of query(config).
  override query(...args: unknown[]): never {
    const run = async () => {
      const typeMap = await this.loadTypeMap();
      const result = await (super.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args);
      for (const field of result.fields ?? []) {
        field.dataTypeID = typeMap.get(field.dataTypeID) ?? field.dataTypeID;
      }
      return result;
    };
    return run() as never;
  }
}

export function postgresMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const schema = new URL(url).searchParams.get("schema") ?? undefined;
  const factory = new PrismaPg(new CatalogFriendlyPool({ connectionString: url, allowExitOnIdle: true }), {
    schema,
    disposeExternalPool: true,
  });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    // adapter-pg's own shadow database uses a plain pool; this one keeps the type mapping.
    connectToShadowDb: async () => {
      const shadowName = `parcelwise_shadow_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${shadowName}"`);
      await admin.end();
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${shadowName}`;
      const shadowPool = new CatalogFriendlyPool({
        connectionString: shadowUrl.toString(),
        max: 1,
        allowExitOnIdle: true,
      });
      const adapter = await new PrismaPg(shadowPool).connect();
      return new Proxy(adapter, {
        get(target, property, receiver) {
          if (property !== "dispose") return Reflect.get(target, property, receiver);
          return async () => {
            await target.dispose();
            await shadowPool.end().catch(() => undefined);
            const cleanup = new pg.Client({ connectionString: url });
            await cleanup.connect();
            await cleanup.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
            await cleanup.end();
          };
        },
      });
    },
  };
}
