import type { Prisma } from "@prisma/client";
import prisma from "../db.server";
import { raiseAttention } from "./attention-flags.server";
import { queueLikelyLostAlert } from "./notification-outbox.server";
import { getScanGapNorms, type ScanGapNorms } from "./scan-gap-norms.server";
import {
  INFERRED_REASONS,
  kindsBelow,
  resolvedAttention,
  watchedFinding,
  type AttentionFinding,
} from "./shipment-attention";
import { FINAL_STATUSES, type ShipmentStatus } from "./shipment-status";

// A parcel is likely lost when the carrier, having had it, has been silent for far longer than this shop's
// history says a parcel at that stage ever is, and it is past its window. Flagged with a Flow alert for the
// merchant in one transaction; cleared once the carrier scans it again.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PAGE_SIZE = 500;
const DEFAULT_TIME_BUDGET_MS = 2 * 60_000;

// The stuck threshold is the 95th percentile of the lane's silences (scan-gap-norms.server.ts); three times it
// is far out in the tail, where a parcel is much more likely missing than slow (a p95 of 4 days becomes 12).
export const LOST_SILENCE_MULTIPLE = 3;
// About a week without a scan is when carriers generally start a trace or accept a missing-parcel claim; and a
// fast lane's 24 h threshold times three would otherwise call a parcel lost after a long weekend.
export const LOST_MIN_SILENCE_DAYS = 7;

// Stages in which the carrier is moving the parcel. A parcel at a pickup point, after a failed attempt or with a
// reported exception waits for someone to act, where silence is expected; one never scanned is still with the
// merchant (late or stuck, owned by the merchant).
const LOST_CANDIDATE_STATUSES: ShipmentStatus[] = ["in_transit", "out_for_delivery", "delayed"];

const LIKELY_LOST: AttentionFinding = {
  kind: "lost",
  reason: INFERRED_REASONS.silentBeyondTail,
  owner: "carrier",
};

const LIKELY_LOST_STORED = {
  attention: LIKELY_LOST.kind,
  attentionReason: LIKELY_LOST.reason,
  attentionOwner: LIKELY_LOST.owner,
};

const FIELDS = {
  id: true,
  carrier: true,
  status: true,
  substatus: true,
  lastEventAt: true,
  windowEnd: true,
  shopifyFulfillmentStatus: true,
  attentionSince: true,
} satisfies Prisma.ShipmentSelect;

type LostCandidate = Prisma.ShipmentGetPayload<{ select: typeof FIELDS }>;

export type LostDetectionResult = {
  flagged: number;
  resolved: number;
  finished: boolean;
  failures: unknown[];
};

export async function detectLostShipments({
  shop,
  now,
  pageSize = PAGE_SIZE,
  deadline = Date.now() + DEFAULT_TIME_BUDGET_MS,
}: {
  shop: string;
  now: Date;
  pageSize?: number;
  deadline?: number;
}): Promise<LostDetectionResult> {
  const norms = await getScanGapNorms({ shop, now });
  const resolved = await resolveFoundShipments({ shop, now, norms, pageSize });
  let flagged = 0;
  const failures: unknown[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await prisma.shipment.findMany({
      where: {
        shop,
        status: { in: LOST_CANDIDATE_STATUSES },
        trackingNumber: { not: null },
        shippedAt: { not: null },
        lastEventAt: { lt: new Date(now.getTime() - LOST_MIN_SILENCE_DAYS * DAY_MS) },
        OR: [{ attention: null }, { attention: { in: kindsBelow("lost") } }],
        ...(afterId ? { id: { gt: afterId } } : {}),
      },
      orderBy: { id: "asc" },
      take: pageSize,
      select: FIELDS,
    });
    for (const shipment of page) {
      if (!isLikelyLost(shipment, norms, now)) continue;
      try {
        if (await flagLost({ shop, shipment, now })) flagged += 1;
      } catch (error) {
        failures.push(error);
      }
    }
    afterId = page.at(-1)?.id;
    if (page.length < pageSize || !afterId) return { flagged, resolved, finished: true, failures };
    if (Date.now() >= deadline) return { flagged, resolved, finished: false, failures };
  }
}

/** How long a parcel at this stage on this carrier must be silent before it is likely lost. */
function lostAfterMs(norms: ScanGapNorms, shipment: { carrier: string | null; status: string }): number {
  const { thresholdHours } = norms.thresholdFor(shipment);
  return Math.max(LOST_SILENCE_MULTIPLE * thresholdHours * HOUR_MS, LOST_MIN_SILENCE_DAYS * DAY_MS);
}

function isLikelyLost(shipment: LostCandidate, norms: ScanGapNorms, now: Date): boolean {
  if (!shipment.lastEventAt || shipment.shopifyFulfillmentStatus === "cancelled") return false;
  if (!LOST_CANDIDATE_STATUSES.includes(shipment.status as ShipmentStatus)) return false;
  // Still inside its window, a parcel is not given up on, however quiet the lane.
  if (shipment.windowEnd && shipment.windowEnd >= now) return false;
  return now.getTime() - shipment.lastEventAt.getTime() > lostAfterMs(norms, shipment);
}

async function flagLost({ shop, shipment, now }: { shop: string; shipment: LostCandidate; now: Date }) {
  return prisma.$transaction(async (tx) => {
    const flagged = await raiseAttention(tx, {
      shop,
      shipmentId: shipment.id,
      read: shipment,
      finding: LIKELY_LOST,
      now,
    });
    if (!flagged) return false;
    const daysSilent = Math.floor(
      (now.getTime() - (shipment.lastEventAt?.getTime() ?? now.getTime())) / DAY_MS,
    );
    await queueLikelyLostAlert(tx, { shop, shipmentId: shipment.id, daysSilent });
    return true;
  });
}

// Parcels flagged likely lost that the carrier scanned since, that reached a final status, or that no longer
// meet the rule (a late-uploaded scan, a window moved ahead). One found after its window is still late: it goes
// back to late without a new alert (the shopper and the merchant already heard it is late), so finding a parcel
// never announces the same delay twice.
async function resolveFoundShipments({
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
  const flaggedByWatch = { shop, attention: "lost", attentionReason: INFERRED_REASONS.silentBeyondTail };
  let resolved = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await prisma.shipment.findMany({
      where: { ...flaggedByWatch, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: "asc" },
      take: pageSize,
      select: FIELDS,
    });
    const found = page.filter(
      (shipment) =>
        FINAL_STATUSES.has(shipment.status as ShipmentStatus) ||
        (shipment.lastEventAt && shipment.attentionSince && shipment.lastEventAt > shipment.attentionSince) ||
        !isLikelyLost(shipment, norms, now),
    );
    for (const shipment of found) {
      const stillLate =
        !FINAL_STATUSES.has(shipment.status as ShipmentStatus) &&
        shipment.shopifyFulfillmentStatus !== "cancelled" &&
        shipment.windowEnd !== null &&
        shipment.windowEnd < now;
      const late = watchedFinding("late", INFERRED_REASONS.windowPassed, shipment);
      const { count } = await prisma.shipment.updateMany({
        where: { ...flaggedByWatch, id: shipment.id },
        data: stillLate
          ? { attention: late.kind, attentionReason: late.reason, attentionOwner: late.owner }
          : resolvedAttention(LIKELY_LOST_STORED, now),
      });
      resolved += count;
    }
    afterId = page.at(-1)?.id;
    if (page.length < pageSize || !afterId) return resolved;
  }
}
