import prisma from "../db.server";
import type { AdminGraphql } from "../services/admin-graphql.server";
import { orderFromGraphql } from "../services/shopify-snapshots";
import type { OrdersUpdatedSinceQuery } from "../types/admin.generated";
import { applyOrderSnapshot } from "./order-sync.server";
import { ORDERS_UPDATED_SINCE_QUERY } from "./sync-documents";

const MINUTE_MS = 60_000;
// Webhooks can be lost for good (Shopify stops retrying after 4 hours), so each pass re-reads what changed
// since the previous pass began, with an overlap for clock skew and slow commits.
const OVERLAP_MS = 10 * MINUTE_MS;
const FIRST_PASS_LOOKBACK_MS = 48 * 60 * MINUTE_MS;
// Each order selects up to 3 fulfillments × (3 tracking numbers + 10 events): 50 cost points, so a page of
// 15 requests 752 points, inside Shopify's 1,000-point single-query limit.
const PAGE_SIZE = 15;

export async function reconcileShop({
  shop,
  admin,
  now = new Date(),
  pageSize = PAGE_SIZE,
}: {
  shop: string;
  admin: AdminGraphql;
  now?: Date;
  pageSize?: number;
}) {
  const previous = await prisma.syncRun.findFirst({
    where: { shop, kind: "reconcile", status: "completed" },
    orderBy: { startedAt: "desc" },
  });
  const sinceAt = new Date(
    previous ? previous.startedAt.getTime() - OVERLAP_MS : now.getTime() - FIRST_PASS_LOOKBACK_MS,
  );
  const run = await prisma.syncRun.create({
    data: { shop, kind: "reconcile", status: "running", sinceAt, startedAt: now },
  });
  try {
    let after: string | null = null;
    do {
      const page: OrdersUpdatedSinceQuery = await admin.request<OrdersUpdatedSinceQuery>(
        ORDERS_UPDATED_SINCE_QUERY,
        {
          first: pageSize,
          after,
          query: `updated_at:>='${sinceAt.toISOString()}'`,
        },
      );
      const orders = page.orders.nodes.map((node) => orderFromGraphql(node));
      await prisma.$transaction(
        async (tx) => {
          for (const order of orders) await applyOrderSnapshot(tx, { shop, order });
          await tx.syncRun.update({
            where: { id: run.id },
            data: { ordersApplied: { increment: orders.length } },
          });
        },
        { timeout: 60_000 },
      );
      after = page.orders.pageInfo.hasNextPage ? (page.orders.pageInfo.endCursor ?? null) : null;
    } while (after);
    return prisma.syncRun.update({
      where: { id: run.id },
      data: { status: "completed", finishedAt: new Date() },
    });
  } catch (error) {
    await prisma.syncRun.update({
      where: { id: run.id },
      data: {
        status: "failed",
        error: error instanceof Error ? error.message : String(error),
        finishedAt: new Date(),
      },
    });
    throw error;
  }
}
