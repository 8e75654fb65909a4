import { createPrismaClient } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";

// Installing a shop queues its recurring jobs (app/models/sync.server.ts); a seeded demo shop was never
// installed, so its Carrier performance rollup is queued here for the app's worker to build at once.
export async function scheduleDeliveryStats({ databaseUrl, shop }: { databaseUrl: string; shop: string }) {
  const db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  try {
    const uniqueKey = "delivery_stats.refresh";
    await db.job.upsert({
      where: { shop_uniqueKey: { shop, uniqueKey } },
      create: { shop, type: uniqueKey, uniqueKey, runAt: new Date() },
      update: { status: "queued", runAt: new Date(), attempts: 0, lastError: null },
    });
  } finally {
    await db.$disconnect();
  }
}
