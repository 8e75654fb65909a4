import type { Prisma } from "@prisma/client";
import prisma from "../db.server";
import type { JobHandler } from "../services/jobs/job-handlers.server";
import { raiseAttention } from "./attention-flags.server";
import { queueStuckShipmentAlerts } from "./notification-outbox.server";
import { getScanGapNorms, type ScanGapBasis, type ScanGapNorms } from "./scan-gap-norms.server";
import { INFERRED_REASONS, watchedFinding } from "./shipment-attention";
import { FINAL_STATUSES, SHIPMENT_STATUSES, type ShipmentStatus } from "./shipment-status";

// A parcel is stuck when it has been silent for longer than is normal for its carrier at its stage, in this
// shop's own history (scan-gap-norms.server.ts). Flagging it and queueing what tells the shopper and the
// merchant happen in one transaction, so a crash never leaves a flagged parcel nobody heard about (or the
// reverse), and a re-run never alerts twice.

export type StuckShipment = {
  shipmentId: string;
  orderId: string;
  lastScanAt: Date;
  hoursSilent: number;
  thresholdHours: number;
  basis: ScanGapBasis;
};

export type OnStuck = (tx: Prisma.TransactionClient, stuck: StuckShipment) => Promise<void>;

// `finished`: false when the run stopped at its time budget with parcels still to look at.
export type StuckDetectionResult = { flagged: number; resolved: number; finished: boolean };

const HOUR_MS = 3_600_000;
export const STUCK_CHECK_INTERVAL_MS = HOUR_MS;
const CONTINUE_AFTER_MS = 60_000;
const PAGE_SIZE = 500;
// Well inside the job lease (5 minutes): a first run over a large backlog, about 3 ms per newly stuck parcel,
// carries on in the next run instead of being claimed by a second worker mid-way.
const TIME_BUDGET_MS = 2 * 60_000;

const IN_FLIGHT_STATUSES = SHIPMENT_STATUSES.filter((status) => !FINAL_STATUSES.has(status));

const SHIPMENT_FIELDS = {
  id: true,
  orderId: true,
  carrier: true,
  status: true,
  substatus: true,
  trackingNumber: true,
  shippedAt: true,
  lastEventAt: true,
  shopifyFulfillmentStatus: true,
  attentionSince: true,
} satisfies Prisma.ShipmentSelect;

type ShipmentFields = Prisma.ShipmentGetPayload<{ select: typeof SHIPMENT_FIELDS }>;

export async function detectStuckShipments({
  shop,
  now,
  onStuck,
  pageSize = PAGE_SIZE,
  timeBudgetMs = TIME_BUDGET_MS,
}: {
  shop: string;
  now: Date;
  onStuck: OnStuck;
  pageSize?: number;
  timeBudgetMs?: number;
}): Promise<StuckDetectionResult> {
  const deadline = Date.now() + timeBudgetMs;
  const norms = await getScanGapNorms({ shop, now });
  // Resolving first lets a parcel that moved and then went silent again start a new stuck episode below.
  const resolved = await resolveStuckShipments({ shop, now, norms, pageSize });
  const { flagged, finished, failures } = await flagSilentShipments({
    shop,
    now,
    norms,
    onStuck,
    pageSize,
    deadline,
  });
  // One parcel whose alert cannot be queued must not keep the others from being flagged; it stays unflagged
  // (its transaction rolled back) and the failed job's retry tries it again.
  if (failures.length) {
    throw new AggregateError(
      failures,
      `${failures.length} stuck shipment(s) of ${shop} could not be flagged`,
    );
  }
  return { flagged, resolved, finished };
}

// Stuck detection alone, as a job. The hourly delivery watch (delivery-watch.server.ts) runs the same detection
// after likely lost and late; the outbox turns each newly stuck parcel into the shopper's "delayed" message and
// the merchant's Flow trigger.
export const runStuckShipmentsJob: JobHandler = async ({ shop, now }) => {
  const { finished } = await detectStuckShipments({ shop, now, onStuck: alertStuck(shop, now) });
  return { runAgainAt: new Date(now.getTime() + (finished ? STUCK_CHECK_INTERVAL_MS : CONTINUE_AFTER_MS)) };
};

export function alertStuck(shop: string, now: Date): OnStuck {
  return (tx, stuck) =>
    queueStuckShipmentAlerts(tx, {
      shop,
      shipmentId: stuck.shipmentId,
      becameStuckAt: new Date(stuck.lastScanAt.getTime() + stuck.thresholdHours * HOUR_MS),
      now,
    });
}

// Parcels already flagged drop out of the candidates, so a run cut short by its budget resumes where it stopped.
async function flagSilentShipments({
  shop,
  now,
  norms,
  onStuck,
  pageSize,
  deadline,
}: {
  shop: string;
  now: Date;
  norms: ScanGapNorms;
  onStuck: OnStuck;
  pageSize: number;
  deadline: number;
}): Promise<{ flagged: number; finished: boolean; failures: unknown[] }> {
  let flagged = 0;
  const failures: unknown[] = [];
  for (const status of IN_FLIGHT_STATUSES) {
    const silentSince = new Date(now.getTime() - norms.shortestThresholdHours(status) * HOUR_MS);
    for await (const page of silentShipments({ shop, status, silentSince, pageSize })) {
      for (const shipment of page) {
        const stuck = stuckShipment({ shipment, norms, now });
        if (!stuck) continue;
        try {
          if (await flagStuck({ shop, now, shipment, stuck, onStuck })) flagged += 1;
        } catch (error) {
          failures.push(error);
        }
      }
      if (Date.now() >= deadline) return { flagged, finished: false, failures };
    }
  }
  return { flagged, finished: true, failures };
}

function stuckShipment({
  shipment,
  norms,
  now,
}: {
  shipment: ShipmentFields;
  norms: ScanGapNorms;
  now: Date;
}): StuckShipment | null {
  const lastScanAt = shipment.lastEventAt ?? shipment.shippedAt;
  if (!isInFlight(shipment) || !lastScanAt) return null;
  const norm = norms.thresholdFor({ carrier: shipment.carrier, status: shipment.status });
  const silentMs = now.getTime() - lastScanAt.getTime();
  if (silentMs <= norm.thresholdHours * HOUR_MS) return null;
  return {
    shipmentId: shipment.id,
    orderId: shipment.orderId,
    lastScanAt,
    hoursSilent: Math.floor(silentMs / HOUR_MS),
    thresholdHours: norm.thresholdHours,
    basis: norm.basis,
  };
}

// A cancelled fulfillment will never be scanned again: silence there is expected, not news.
function isInFlight(shipment: ShipmentFields): boolean {
  return (
    !FINAL_STATUSES.has(shipment.status as ShipmentStatus) &&
    shipment.trackingNumber !== null &&
    shipment.shippedAt !== null &&
    shipment.shopifyFulfillmentStatus !== "cancelled"
  );
}

// Only parcels without a flag become stuck (stuck ranks lowest): one already late, in exception or lost has
// told the shopper about it, and never replacing another flag keeps two detectors from flipping a parcel back
// and forth.
async function flagStuck({
  shop,
  now,
  shipment,
  stuck,
  onStuck,
}: {
  shop: string;
  now: Date;
  shipment: ShipmentFields;
  stuck: StuckShipment;
  onStuck: OnStuck;
}): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const flagged = await raiseAttention(tx, {
      shop,
      shipmentId: shipment.id,
      read: shipment,
      finding: watchedFinding("stuck", INFERRED_REASONS.noRecentScan, shipment),
      now,
    });
    if (!flagged) return false;
    await onStuck(tx, stuck);
    return true;
  });
}

// Stuck parcels that got a scan since they were flagged, reached a final status, or are no longer silent for
// longer than their norm (a carrier uploading a late scan dated before the flag).
async function resolveStuckShipments({
  shop,
  now,
  norms,
  pageSize,
}: {
  shop: string;
  now: Date;
  norms: ScanGapNorms;
  pageSize: number;
}): Promise<number> {
  let resolved = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await prisma.shipment.findMany({
      where: { shop, attention: "stuck", ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: "asc" },
      take: pageSize,
      select: SHIPMENT_FIELDS,
    });
    const moved = page.filter(
      (shipment) =>
        (shipment.lastEventAt && shipment.attentionSince && shipment.lastEventAt > shipment.attentionSince) ||
        !stuckShipment({ shipment, norms, now }),
    );
    if (moved.length) {
      const { count } = await prisma.shipment.updateMany({
        where: { shop, attention: "stuck", id: { in: moved.map((shipment) => shipment.id) } },
        // The stuck finding's reason and owner stay, for the analytics (shipment-attention.ts).
        data: { attention: null, attentionResolvedAt: now },
      });
      resolved += count;
    }
    afterId = page.at(-1)?.id;
    if (page.length < pageSize || !afterId) return resolved;
  }
}

// In-flight, unflagged parcels of one status whose last sign of life is older than `silentSince`, oldest first,
// a page at a time. Scanned parcels walk the (shop, status, lastEventAt) index as a range, so the many parcels
// scanned recently are never read; parcels without any scan yet are judged from when they shipped.
async function* silentShipments({
  shop,
  status,
  silentSince,
  pageSize,
}: {
  shop: string;
  status: ShipmentStatus;
  silentSince: Date;
  pageSize: number;
}): AsyncGenerator<ShipmentFields[]> {
  const unflagged = {
    shop,
    status,
    attention: null,
    trackingNumber: { not: null },
    shippedAt: { not: null },
  } satisfies Prisma.ShipmentWhereInput;

  let after: { lastEventAt: Date; id: string } | null = null;
  for (;;) {
    const page: ShipmentFields[] = await prisma.shipment.findMany({
      where: {
        ...unflagged,
        lastEventAt: { lt: silentSince },
        ...(after
          ? {
              OR: [
                { lastEventAt: { gt: after.lastEventAt } },
                { lastEventAt: after.lastEventAt, id: { gt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ lastEventAt: "asc" }, { id: "asc" }],
      take: pageSize,
      select: SHIPMENT_FIELDS,
    });
    if (page.length) yield page;
    const last = page.at(-1);
    if (page.length < pageSize || !last?.lastEventAt) break;
    after = { lastEventAt: last.lastEventAt, id: last.id };
  }

  let afterId: string | undefined;
  for (;;) {
    const page: ShipmentFields[] = await prisma.shipment.findMany({
      where: {
        ...unflagged,
        lastEventAt: null,
        shippedAt: { lt: silentSince },
        ...(afterId ? { id: { gt: afterId } } : {}),
      },
      orderBy: { id: "asc" },
      take: pageSize,
      select: SHIPMENT_FIELDS,
    });
    if (page.length) yield page;
    afterId = page.at(-1)?.id;
    if (page.length < pageSize || !afterId) break;
  }
}
