import type { Prisma } from "@prisma/client";
import prisma from "../db.server";
import { raiseAttention } from "./attention-flags.server";
import type { LateCause } from "./notification-milestones";
import { queueLateShipmentAlerts } from "./notification-outbox.server";
import { kindsBelow, neverScannedByCarrier, watchedFinding } from "./shipment-attention";
import { FINAL_STATUSES, SHIPMENT_STATUSES } from "./shipment-status";

// A parcel is late when the end of its window passes before it is delivered, or when its window is revised to
// end after the first one it was given (the promise "on time" is judged against). Flagging it and queueing the
// alert happen in one transaction (attention-flags.server.ts), so each late parcel alerts once.

type Transaction = Prisma.TransactionClient;

const PAGE_SIZE = 500;
const DEFAULT_TIME_BUDGET_MS = 2 * 60_000;

// A parcel waiting at a pickup point has arrived: collecting it is the shopper's part, not a broken promise.
const LATE_CANDIDATE_STATUSES = SHIPMENT_STATUSES.filter(
  (status) => !FINAL_STATUSES.has(status) && status !== "ready_for_pickup",
);

const CANDIDATE_FIELDS = {
  id: true,
  status: true,
  substatus: true,
  lastEventAt: true,
  windowEnd: true,
  shopifyFulfillmentStatus: true,
  estimates: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { isOriginal: true, latestAt: true, createdAt: true },
  },
} satisfies Prisma.ShipmentSelect;

type Candidate = Prisma.ShipmentGetPayload<{ select: typeof CANDIDATE_FIELDS }>;

export type LateShipment = { shipmentId: string; cause: LateCause; becameLateAt: Date };

export type LateDetectionResult = { flagged: number; finished: boolean; failures: unknown[] };

export async function detectLateShipments({
  shop,
  now,
  pageSize = PAGE_SIZE,
  deadline = Date.now() + DEFAULT_TIME_BUDGET_MS,
}: {
  shop: string;
  now: Date;
  pageSize?: number;
  deadline?: number;
}): Promise<LateDetectionResult> {
  let flagged = 0;
  const failures: unknown[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await prisma.shipment.findMany({
      where: {
        shop,
        status: { in: LATE_CANDIDATE_STATUSES },
        trackingNumber: { not: null },
        shippedAt: { not: null },
        windowEnd: { not: null },
        AND: [
          { OR: [{ attention: null }, { attention: { in: kindsBelow("late") } }] },
          { OR: [{ windowEnd: { lt: now } }, { estimates: { some: { shop, isOriginal: false } } }] },
        ],
        ...(afterId ? { id: { gt: afterId } } : {}),
      },
      orderBy: { id: "asc" },
      take: pageSize,
      select: CANDIDATE_FIELDS,
    });
    for (const shipment of page) {
      const late = lateShipment(shipment, now);
      if (!late) continue;
      try {
        if (await flagLate({ shop, shipment, late, now })) flagged += 1;
      } catch (error) {
        failures.push(error);
      }
    }
    afterId = page.at(-1)?.id;
    if (page.length < pageSize || !afterId) return { flagged, finished: true, failures };
    if (Date.now() >= deadline) return { flagged, finished: false, failures };
  }
}

function lateShipment(shipment: Candidate, now: Date): LateShipment | null {
  if (!shipment.windowEnd || shipment.shopifyFulfillmentStatus === "cancelled") return null;
  if (shipment.windowEnd < now) {
    return { shipmentId: shipment.id, cause: "window_passed", becameLateAt: shipment.windowEnd };
  }
  const promise = shipment.estimates.find((estimate) => estimate.isOriginal);
  if (!promise || shipment.windowEnd <= promise.latestAt) return null;
  const movedAt = shipment.estimates.find((estimate) => estimate.latestAt > promise.latestAt)?.createdAt;
  return { shipmentId: shipment.id, cause: "window_moved_past_promise", becameLateAt: movedAt ?? now };
}

async function flagLate({
  shop,
  shipment,
  late,
  now,
}: {
  shop: string;
  shipment: Candidate;
  late: LateShipment;
  now: Date;
}): Promise<boolean> {
  return prisma.$transaction((tx) => flagLateInTransaction(tx, { shop, shipment, late, now }));
}

/**
 * The window estimator's check, in the transaction that writes a revision: a window now ending after the
 * promise makes the parcel late, and the shopper hears it then rather than at the watcher's next run.
 */
export async function flagRevisionPastPromise(
  tx: Transaction,
  {
    shop,
    shipment,
    windowEnd,
    now,
  }: {
    shop: string;
    shipment: { id: string; status: string; substatus: string | null; lastEventAt: Date | null };
    windowEnd: Date;
    now: Date;
  },
): Promise<boolean> {
  const promise = await tx.deliveryEstimate.findFirst({
    where: { shop, shipmentId: shipment.id, isOriginal: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { latestAt: true },
  });
  if (!promise || windowEnd <= promise.latestAt) return false;
  const late: LateShipment = {
    shipmentId: shipment.id,
    cause: "window_moved_past_promise",
    becameLateAt: now,
  };
  return flagLateInTransaction(tx, { shop, shipment, late, now });
}

async function flagLateInTransaction(
  tx: Transaction,
  {
    shop,
    shipment,
    late,
    now,
  }: {
    shop: string;
    shipment: { id: string; status: string; substatus: string | null; lastEventAt: Date | null };
    late: LateShipment;
    now: Date;
  },
): Promise<boolean> {
  const flagged = await raiseAttention(tx, {
    shop,
    shipmentId: shipment.id,
    read: shipment,
    finding: watchedFinding("late", late.cause, shipment),
    now,
  });
  if (!flagged) return false;
  await queueLateShipmentAlerts(tx, {
    shop,
    shipmentId: shipment.id,
    cause: late.cause,
    neverScanned: neverScannedByCarrier(shipment),
    becameLateAt: late.becameLateAt,
    now,
  });
  return true;
}
