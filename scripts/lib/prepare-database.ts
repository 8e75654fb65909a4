import { createPrismaClient } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { seedShop, type SeedSummary } from "../../prisma/seed/demo-shop";
import { migrateDatabase } from "./migrate";

export const DEMO_CUSTOMER_HASH_KEY = "parcelwise-demo-customer-hash-key-0123456789";

// Migrates DATABASE_URL with the real `prisma migrate deploy` and seeds each shop that has no orders yet.
export async function prepareDatabase({
  databaseUrl,
  shops,
  customerHashKey = DEMO_CUSTOMER_HASH_KEY,
}: {
  databaseUrl: string;
  shops: Array<{ shop: string; name?: string; orders: number; seed?: number; offlineAccessToken?: string }>;
  customerHashKey?: string;
}): Promise<Record<string, SeedSummary | "kept">> {
  migrateDatabase(databaseUrl);
  const target = parseDatabaseUrl(databaseUrl);
  const db = await createPrismaClient(target);
  try {
    const results: Record<string, SeedSummary | "kept"> = {};
    for (const shop of shops) {
      const existing = await db.order.count({ where: { shop: shop.shop } });
      results[shop.shop] = existing > 0 ? "kept" : await seedShop(target, { ...shop, customerHashKey });
      // The session Shopify's token exchange would have stored at install, so background jobs can call the
      // (stand-in) Admin API for this shop.
      if (shop.offlineAccessToken) {
        await db.session.upsert({
          where: { id: `offline_${shop.shop}` },
          create: {
            id: `offline_${shop.shop}`,
            shop: shop.shop,
            state: "",
            isOnline: false,
            accessToken: shop.offlineAccessToken,
          },
          update: { accessToken: shop.offlineAccessToken },
        });
      }
    }
    // Rows written in bulk leave the planners without statistics (PostgreSQL's autovacuum would gather them
    // minutes later; SQLite never does by itself), and their first plans for the hot lookups are scans.
    if (Object.values(results).some((result) => result !== "kept")) await db.$executeRawUnsafe("ANALYZE");
    return results;
  } finally {
    await db.$disconnect();
  }
}
