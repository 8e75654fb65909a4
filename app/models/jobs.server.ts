import type { Prisma } from "@prisma/client";

type Transaction = Prisma.TransactionClient;

export type JobRequest = {
  shop: string;
  type: string;
  payload?: Record<string, unknown>;
  // One live job per key: enqueueing again while it waits just moves it earlier; after it ran, it runs again.
  uniqueKey: string;
  runAt?: Date;
};

// Written in the caller's transaction, so the work is queued if and only if the change that needs it commits.
export async function enqueueJob(tx: Transaction, request: JobRequest): Promise<void> {
  const runAt = request.runAt ?? new Date();
  const payload = JSON.stringify(request.payload ?? {});
  const existing = await tx.job.findUnique({
    where: { shop_uniqueKey: { shop: request.shop, uniqueKey: request.uniqueKey } },
    select: { id: true, status: true, runAt: true },
  });
  if (!existing) {
    await tx.job.create({
      data: { shop: request.shop, type: request.type, payload, uniqueKey: request.uniqueKey, runAt },
    });
    return;
  }
  if (existing.status === "queued") {
    if (runAt < existing.runAt) await tx.job.update({ where: { id: existing.id }, data: { runAt, payload } });
    return;
  }
  if (existing.status !== "running") {
    await tx.job.update({
      where: { id: existing.id },
      data: {
        status: "queued",
        runAt,
        payload,
        attempts: 0,
        lastError: null,
        lockedBy: null,
        lockedUntil: null,
      },
    });
  }
}
