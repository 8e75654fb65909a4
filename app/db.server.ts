import { createPrismaClient, rawSqlFor, type Database } from "../prisma/client";
import { config } from "./config.server";

export type { Database };

declare global {
  // Survives Vite's module reloads in development, so each reload does not open another pool.
  var parcelwiseDatabase: Promise<Database> | undefined;
}

const prisma: Database = await (globalThis.parcelwiseDatabase ??= createPrismaClient(config().database));

export default prisma;

// The same database through its driver, for the few paths where Prisma's per-query cost matters (raw-sql.ts).
export const rawSql = rawSqlFor(prisma);
