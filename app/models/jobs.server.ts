import type { Prisma } from "@prisma/client";
import { decodeDate, insertRow, newRowId, updateRowById, type SqlExecutor } from "../../prisma/raw-sql";

type Transaction = Prisma.TransactionClient;

export type JobRequest = {
  shop: string;
  type: string;
  payload?: Record<string, unknown>;
  // One live job per key: enqueueing again while it waits just moves it earlier; after it ran, it runs again.
  uniqueKey: string;
  runAt?: Date;
};

type ExistingJob = { id: string; status: string; runAt: Date };

type JobChange =
  | { kind: "create"; data: { shop: string; type: string; payload: string; uniqueKey: string; runAt: Date } }
  | { kind: "update"; id: string; data: Record<string, unknown> }
  | { kind: "none" };

// What enqueueing does to the job already under that key, if any: the one rule both writers below follow.
export function jobChange(existing: ExistingJob | null, request: JobRequest): JobChange {
  const runAt = request.runAt ?? new Date();
  const payload = JSON.stringify(request.payload ?? {});
  if (!existing) {
    return {
      kind: "create",
      data: { shop: request.shop, type: request.type, payload, uniqueKey: request.uniqueKey, runAt },
    };
  }
  if (existing.status === "queued") {
    return runAt < existing.runAt
      ? { kind: "update", id: existing.id, data: { runAt, payload } }
      : { kind: "none" };
  }
  if (existing.status === "running") return { kind: "none" };
  return {
    kind: "update",
    id: existing.id,
    data: {
      status: "queued",
      runAt,
      payload,
      attempts: 0,
      lastError: null,
      lockedBy: null,
      lockedUntil: null,
    },
  };
}

// Written in the caller's transaction, so the work is queued if and only if the change that needs it commits.
export async function enqueueJob(tx: Transaction, request: JobRequest): Promise<void> {
  const existing = await tx.job.findUnique({
    where: { shop_uniqueKey: { shop: request.shop, uniqueKey: request.uniqueKey } },
    select: { id: true, status: true, runAt: true },
  });
  const change = jobChange(existing, request);
  if (change.kind === "create") await tx.job.create({ data: change.data, select: { id: true } });
  if (change.kind === "update") {
    await tx.job.update({ where: { id: change.id }, data: change.data, select: { id: true } });
  }
}

// The same through the driver (prisma/raw-sql.ts), for the webhook apply path.
export async function enqueueJobSql(sql: SqlExecutor, request: JobRequest): Promise<void> {
  const [row] = await sql.all<{ id: string; status: string; runAt: unknown }>(
    `SELECT "id", "status", "runAt" FROM "Job" WHERE "shop" = ? AND "uniqueKey" = ?`,
    [request.shop, request.uniqueKey],
  );
  const existing = row ? { id: row.id, status: row.status, runAt: decodeDateOrEpoch(row.runAt) } : null;
  const change = jobChange(existing, request);
  const now = new Date();
  if (change.kind === "create") {
    await insertRow(sql, "Job", {
      id: newRowId(),
      ...change.data,
      status: "queued",
      attempts: 0,
      runs: 0,
      maxAttempts: 8,
      createdAt: now,
      updatedAt: now,
    });
  }
  if (change.kind === "update")
    await updateRowById(sql, "Job", change.id, { ...change.data, updatedAt: now });
}

function decodeDateOrEpoch(value: unknown): Date {
  return decodeDate(value) ?? new Date(0);
}
