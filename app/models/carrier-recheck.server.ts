import { randomUUID } from "node:crypto";
import prisma from "../db.server";
import { refreshShipment, type RefreshOutcome } from "./carrier-refresh.server";
import { enqueueJob } from "./jobs.server";
import { refreshJob } from "./refresh-job";
import { FINAL_STATUSES } from "./shipment-status";
import { refreshSupportEscalations } from "./support.server";

// "Re-check carrier now" on the support view. The shipment's own polling job (one per shipment, its unique key)
// is claimed the way a worker claims it, run at once and handed back scheduled: a worker never polls the same
// parcel at the same moment, a click never adds a second job, and polling carries on from the answer.

// Long enough for the carrier's slowest answer; a crashed server's claim returns to the queue after it.
const CLAIM_LEASE_MS = 2 * 60_000;
// How long the merchant waits for the answer on the page; a slower carrier finishes in the background.
const ANSWER_WAIT_MS = 10_000;
const RETRY_AFTER_FAILURE_MS = 5 * 60_000;

export type RecheckResult =
  | {
      kind: "checked";
      outcome: RefreshOutcome;
      newEvents: number;
      checkedAt: Date;
      nextCheckAt: Date | null;
    }
  // A worker is polling this parcel right now, or the carrier is slow: the answer lands on the page shortly.
  | { kind: "in_progress" }
  // Delivered or returned: the carrier has nothing more to say, and polling has stopped.
  | { kind: "final"; status: string }
  | { kind: "failed"; message: string; retryAt: Date };

type Refresh = typeof refreshShipment;

export async function recheckShipmentNow({
  shop,
  shipmentId,
  now = new Date(),
  refresh = refreshShipment,
  answerWaitMs = ANSWER_WAIT_MS,
}: {
  shop: string;
  shipmentId: string;
  now?: Date;
  refresh?: Refresh;
  answerWaitMs?: number;
}): Promise<RecheckResult | null> {
  const shipment = await prisma.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: { id: true, status: true },
  });
  if (!shipment) return null;
  if (FINAL_STATUSES.has(shipment.status as never)) return { kind: "final", status: shipment.status };
  const job = refreshJob(shop, shipment.id);
  await prisma.$transaction((tx) => enqueueJob(tx, { ...job, runAt: now }));
  const holder = `recheck:${randomUUID()}`;
  const { count } = await prisma.job.updateMany({
    where: { shop, uniqueKey: job.uniqueKey, status: "queued" },
    data: {
      status: "running",
      lockedBy: holder,
      lockedUntil: new Date(now.getTime() + CLAIM_LEASE_MS),
      attempts: { increment: 1 },
      runs: { increment: 1 },
    },
  });
  if (count === 0) return { kind: "in_progress" };

  const run = checkAndHandBack({
    shop,
    shipmentId: shipment.id,
    uniqueKey: job.uniqueKey,
    holder,
    now,
    refresh,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<RecheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "in_progress" }), answerWaitMs);
  });
  try {
    return await Promise.race([run, slow]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkAndHandBack({
  shop,
  shipmentId,
  uniqueKey,
  holder,
  now,
  refresh,
}: {
  shop: string;
  shipmentId: string;
  uniqueKey: string;
  holder: string;
  now: Date;
  refresh: Refresh;
}): Promise<RecheckResult> {
  const release = { lockedBy: null, lockedUntil: null };
  try {
    const result = await refresh({ shop, shipmentId, now });
    await prisma.job.updateMany({
      where: { shop, uniqueKey, lockedBy: holder },
      data: result.nextCheckAt
        ? { ...release, status: "queued", runAt: result.nextCheckAt, attempts: 0, lastError: null }
        : { ...release, status: "done", attempts: 0, lastError: null },
    });
    // A poll with nothing new writes nothing; a person asked, so when is worth keeping.
    if (result.outcome === "unchanged")
      await prisma.shipment.updateMany({ where: { id: shipmentId, shop }, data: { lastCheckedAt: now } });
    if (result.outcome === "updated") await refreshSupportEscalations({ shop, shipmentId });
    return {
      kind: "checked",
      outcome: result.outcome,
      newEvents: result.newEvents,
      checkedAt: now,
      nextCheckAt: result.nextCheckAt,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryAt = new Date(now.getTime() + RETRY_AFTER_FAILURE_MS);
    await prisma.job.updateMany({
      where: { shop, uniqueKey, lockedBy: holder },
      data: { ...release, status: "queued", runAt: retryAt, lastError: message.slice(0, 1000) },
    });
    return { kind: "failed", message, retryAt };
  }
}
