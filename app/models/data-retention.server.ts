import prisma from "../db.server";
import type { JobHandler } from "../services/jobs/job-handlers.server";
import type { JobRequest } from "./jobs.server";

// The merchant's retention setting, applied: orders placed longer ago than ShopSettings.dataRetentionDays go,
// with everything that hangs off them (shipments, scans, windows, messages, notification choices, help
// requests). Carrier performance keeps its rollups (counts per lane and day, nothing about a person), so the
// analytics still cover the years the raw rows no longer do. Opt-outs stay: a STOP must outlive the order.

export const DATA_RETENTION_JOB_TYPE = "data_retention.purge";
const DAY_MS = 86_400_000;
const DEFAULT_RETENTION_DAYS = 365;
const BATCH = 500;
const TIME_BUDGET_MS = 60_000;

export function dataRetentionJob(shop: string, runAt: Date): JobRequest {
  return { shop, type: DATA_RETENTION_JOB_TYPE, uniqueKey: DATA_RETENTION_JOB_TYPE, runAt };
}

export async function purgeExpiredData({
  shop,
  now,
  timeBudgetMs = TIME_BUDGET_MS,
}: {
  shop: string;
  now: Date;
  timeBudgetMs?: number;
}): Promise<{ orders: number; finished: boolean }> {
  const deadline = Date.now() + timeBudgetMs;
  const settings = await prisma.shopSettings.findUnique({
    where: { shop },
    select: { dataRetentionDays: true },
  });
  const cutoff = new Date(now.getTime() - (settings?.dataRetentionDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS);
  let orders = 0;
  for (;;) {
    const batch = await prisma.order.findMany({
      where: { shop, orderedAt: { lt: cutoff } },
      select: { id: true },
      take: BATCH,
    });
    if (!batch.length) return { orders, finished: true };
    const ids = batch.map((order) => order.id);
    await prisma.$transaction([
      // Help requests outlive a deleted order otherwise (their link is set to null), with the shopper's address.
      prisma.supportRequest.deleteMany({ where: { shop, orderId: { in: ids } } }),
      prisma.order.deleteMany({ where: { shop, id: { in: ids } } }),
    ]);
    orders += ids.length;
    if (Date.now() >= deadline) return { orders, finished: false };
  }
}

// Daily; a run cut short by its budget carries on a minute later.
export const runDataRetentionJob: JobHandler = async ({ shop, now }) => {
  const { finished } = await purgeExpiredData({ shop, now });
  return { runAgainAt: new Date(now.getTime() + (finished ? DAY_MS : 60_000)) };
};
