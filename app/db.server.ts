import { createPrismaClient, type Database } from "../prisma/client";
import { config } from "./config.server";

export type { Database };

declare global {
  // Survives Vite's module reloads in development, so each reload does not open another pool.
  var parcelwiseDatabase: Promise<Database> | undefined;
}

const prisma: Database = await (globalThis.parcelwiseDatabase ??= createPrismaClient(config().database));

export default prisma;
