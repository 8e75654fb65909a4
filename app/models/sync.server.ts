import prisma from "../db.server";
import type { AdminGraphql } from "../services/admin-graphql.server";
import { RECONCILE_INTERVAL_MS, stuckShipmentsJob } from "../services/jobs/job-handlers.server";
import { startBackfill } from "./backfill.server";
import { dataRetentionJob } from "./data-retention.server";
import { deliveryStatsJob } from "./delivery-stats/refresh.server";
import { enqueueJob } from "./jobs.server";

// After install (and reinstall): import recent history once, and keep repairing missed webhooks from then on.
export async function startSync({
  shop,
  admin,
  now = new Date(),
}: {
  shop: string;
  admin: AdminGraphql;
  now?: Date;
}) {
  const backfill = await startBackfill({ shop, admin, now });
  await prisma.$transaction(async (tx) => {
    await enqueueJob(tx, {
      shop,
      type: "reconcile",
      uniqueKey: "reconcile",
      runAt: new Date(now.getTime() + RECONCILE_INTERVAL_MS),
    });
    // Hourly from then on, the delivery watch: parcels likely lost, late, or silent for longer than is normal.
    await enqueueJob(tx, stuckShipmentsJob(shop, now));
    // Carrier performance rollups, kept current from then on (every 10 minutes).
    await enqueueJob(tx, deliveryStatsJob(shop, now));
    // Orders older than the shop's retention setting go, daily.
    await enqueueJob(tx, dataRetentionJob(shop, now));
  });
  return backfill;
}
