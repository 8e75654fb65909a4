import prisma from "../db.server";
import { readLines } from "../lib/read-lines";
import type { AdminGraphql } from "../services/admin-graphql.server";
import {
  eventFromGraphql,
  orderFromGraphql,
  type FulfillmentEventSnapshot,
  type OrderSnapshot,
} from "../services/shopify-snapshots";
import type { BackfillStartMutation, BulkOperationStatusQuery } from "../types/admin.generated";
import { enqueueJob } from "./jobs.server";
import { applyOrderBatch } from "./order-sync-batch.server";
import { BACKFILL_BULK_QUERY, BULK_OPERATION_RUN_QUERY, BULK_OPERATION_STATUS_QUERY } from "./sync-documents";

export const BACKFILL_DAYS = 60;
const LINES_PER_BATCH = 500;
const DAY_MS = 86_400_000;

export class BackfillError extends Error {}

export async function latestBackfill({ shop }: { shop: string }) {
  return prisma.syncRun.findFirst({ where: { shop, kind: "backfill" }, orderBy: { startedAt: "desc" } });
}

// Asks Shopify for every order of the last 60 days as one bulk operation; polling and import are jobs, so
// the request that starts it returns at once and a crash resumes where it stopped.
export async function startBackfill({
  shop,
  admin,
  now = new Date(),
  days = BACKFILL_DAYS,
}: {
  shop: string;
  admin: AdminGraphql;
  now?: Date;
  days?: number;
}) {
  const active = await prisma.syncRun.findFirst({
    where: { shop, kind: "backfill", status: { in: ["pending", "running"] } },
  });
  if (active) return active;
  const sinceAt = new Date(now.getTime() - days * DAY_MS);
  const run = await prisma.syncRun.create({ data: { shop, kind: "backfill", status: "pending", sinceAt } });
  const query = BACKFILL_BULK_QUERY.replace("#graphql", "").replace(
    "__FILTER__",
    `created_at:>='${sinceAt.toISOString()}'`,
  );
  try {
    const result = await admin.request<BackfillStartMutation>(BULK_OPERATION_RUN_QUERY, { query });
    const userErrors = result.bulkOperationRunQuery?.userErrors ?? [];
    const operation = result.bulkOperationRunQuery?.bulkOperation;
    if (userErrors.length || !operation) {
      throw new BackfillError(
        userErrors.map((error) => error.message).join("; ") || "Shopify did not start the export",
      );
    }
    return prisma.$transaction(async (tx) => {
      await enqueueJob(tx, {
        shop,
        type: "backfill.poll",
        uniqueKey: `backfill:${run.id}`,
        payload: { runId: run.id },
      });
      return tx.syncRun.update({
        where: { id: run.id },
        data: { status: "running", bulkOperationId: operation.id },
      });
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return prisma.syncRun.update({
      where: { id: run.id },
      data: { status: "failed", error: message, finishedAt: new Date() },
    });
  }
}

export type PollResult = "waiting" | "completed" | "failed";

// One look at the bulk operation; when it is done, imports its file. Returns "waiting" to be asked again.
export async function pollBackfill({
  shop,
  admin,
  runId,
  fetchFile = fetch,
}: {
  shop: string;
  admin: AdminGraphql;
  runId: string;
  fetchFile?: typeof fetch;
}): Promise<PollResult> {
  const run = await prisma.syncRun.findFirst({ where: { id: runId, shop, kind: "backfill" } });
  if (!run || run.status === "completed" || run.status === "failed")
    return run?.status === "completed" ? "completed" : "failed";
  if (!run.bulkOperationId) throw new BackfillError(`backfill ${runId} has no bulk operation`);
  const { node } = await admin.request<BulkOperationStatusQuery>(BULK_OPERATION_STATUS_QUERY, {
    id: run.bulkOperationId,
  });
  if (!node || !("status" in node))
    throw new BackfillError(`bulk operation ${run.bulkOperationId} not found`);
  const objectCount = Number(node.objectCount ?? 0);
  if (node.status === "CREATED" || node.status === "RUNNING") {
    await prisma.syncRun.update({ where: { id: run.id }, data: { objectCount } });
    return "waiting";
  }
  if (node.status !== "COMPLETED") {
    await prisma.syncRun.update({
      where: { id: run.id },
      data: {
        status: "failed",
        error: `bulk operation ${node.status}${node.errorCode ? ` (${node.errorCode})` : ""}`,
        finishedAt: new Date(),
      },
    });
    return "failed";
  }
  await prisma.syncRun.update({ where: { id: run.id }, data: { objectCount } });
  if (node.url) await importBulkFile({ shop, runId: run.id, url: node.url, fetchFile });
  await prisma.syncRun.update({
    where: { id: run.id },
    data: { status: "completed", finishedAt: new Date() },
  });
  return "completed";
}

// Streams the JSONL (never loaded whole) and applies it in batches. Each batch's new rows and the count of
// lines it covered commit together (its updates to known rows are idempotent and go just before), so a crash
// resumes after the last committed line without duplicates.
export async function importBulkFile({
  shop,
  runId,
  url,
  fetchFile = fetch,
}: {
  shop: string;
  runId: string;
  url: string;
  fetchFile?: typeof fetch;
}): Promise<void> {
  const run = await prisma.syncRun.findFirstOrThrow({ where: { id: runId, shop } });
  const response = await fetchFile(url);
  if (!response.ok || !response.body) throw new BackfillError(`bulk file answered ${response.status}`);
  let lineNumber = 0;
  let batch: BulkBatch = emptyBatch();
  for await (const line of readLines(response.body)) {
    lineNumber += 1;
    if (lineNumber <= run.processedLines || !line.trim()) continue;
    addLine(batch, JSON.parse(line) as Record<string, unknown>);
    if (batch.lines >= LINES_PER_BATCH) {
      await commitBatch(shop, runId, batch, lineNumber);
      batch = emptyBatch();
    }
  }
  if (batch.lines > 0) await commitBatch(shop, runId, batch, lineNumber);
}

type BulkBatch = { lines: number; orders: OrderSnapshot[]; events: FulfillmentEventSnapshot[] };

const emptyBatch = (): BulkBatch => ({ lines: 0, orders: [], events: [] });

function addLine(batch: BulkBatch, line: Record<string, unknown>) {
  batch.lines += 1;
  const id = String(line.id ?? "");
  if (id.startsWith("gid://shopify/Order/")) {
    batch.orders.push(orderFromGraphql(line));
  } else if (id.startsWith("gid://shopify/FulfillmentEvent/") && typeof line.__parentId === "string") {
    batch.events.push(eventFromGraphql(line as never, line.__parentId));
  }
}

async function commitBatch(shop: string, runId: string, batch: BulkBatch, lastLine: number) {
  await applyOrderBatch({
    shop,
    orders: batch.orders,
    events: batch.events,
    recordProgress: (sql) =>
      sql
        .run(
          `UPDATE "SyncRun" SET "processedLines" = ?, "ordersApplied" = "ordersApplied" + ?, "updatedAt" = ?
            WHERE "id" = ? AND "shop" = ?`,
          [lastLine, batch.orders.length, new Date(), runId, shop],
        )
        .then(() => undefined),
  });
}
