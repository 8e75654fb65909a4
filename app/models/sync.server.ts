import prisma from "../db.server";
import type { AdminGraphql } from "../services/admin-graphql.server";
import { RECONCILE_INTERVAL_MS } from "../services/jobs/job-handlers.server";
import { startBackfill } from "./backfill.server";
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
  await prisma.$transaction((tx) =>
    enqueueJob(tx, {
      shop,
      type: "reconcile",
      uniqueKey: "reconcile",
      runAt: new Date(now.getTime() + RECONCILE_INTERVAL_MS),
    }),
  );
  return backfill;
}
