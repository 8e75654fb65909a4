import { isAttentionOwner } from "../shipment-attention";
import { isSubstatus, SUBSTATUSES } from "../tracking-taxonomy";
import type { ProblemOwner } from "./report-types";

// What one shipment contributes to carrier performance, from what is stored about it. Pure: the day rollup
// (day-rollup.ts) loads the rows and sums these.

export type EventForStats = {
  status: string;
  substatus: string | null;
  occurredAt: Date;
  createdAt: Date;
  source: string;
};

export type ShipmentForStats = {
  status: string;
  deliveredAt: Date | null;
  attention: string | null;
  attentionOwner: string | null;
  events: EventForStats[];
  // The first window promised (DeliveryEstimate.isOriginal).
  promise: { earliestAt: Date; likelyAt: Date; latestAt: Date } | null;
};

export type ShipmentFacts = {
  timeToShipHours: number | null;
  transitDays: number | null;
  delivered: boolean;
  promised: boolean;
  onTime: boolean;
  insideWindow: boolean;
  promiseErrorDays: number;
  late: boolean;
  exception: boolean;
  returned: boolean;
  lost: boolean;
  problemOwner: ProblemOwner | null;
  firstAttempt: boolean;
  scanLagsHours: number[];
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
// A scan stored more than a week after it happened came with a catch-up read (a backfill or a number added
// late), not from the carrier being slow to publish it.
const CATCH_UP_LAG_MS = 7 * DAY_MS;

const IN_CARRIER_HANDS = new Set([
  "in_transit",
  "out_for_delivery",
  "delivered",
  "attempted",
  "delayed",
  "exception",
  "ready_for_pickup",
  "returned",
]);
const PROBLEM_STATUSES = new Set(["delayed", "exception", "attempted", "returned"]);

export function shipmentFacts(shipment: ShipmentForStats, orderedAt: Date): ShipmentFacts {
  const events = [...shipment.events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const firstScanAt = events.find((event) => IN_CARRIER_HANDS.has(event.status))?.occurredAt ?? null;
  const deliveredAt = shipment.status === "delivered" ? shipment.deliveredAt : null;
  const promise = shipment.promise;
  const delivered = deliveredAt !== null;
  const promised = deliveredAt !== null && promise !== null;
  const onTime = promised && deliveredAt.getTime() <= promise.latestAt.getTime();
  const insideWindow = promised && onTime && deliveredAt.getTime() >= promise.earliestAt.getTime();
  const substatuses = new Set(events.map((event) => event.substatus));
  const attemptedBeforeDelivery =
    deliveredAt !== null &&
    events.some((event) => event.status === "attempted" && event.occurredAt <= deliveredAt);

  return {
    timeToShipHours: firstScanAt ? Math.max(0, firstScanAt.getTime() - orderedAt.getTime()) / HOUR_MS : null,
    transitDays:
      firstScanAt && deliveredAt ? Math.max(0, deliveredAt.getTime() - firstScanAt.getTime()) / DAY_MS : null,
    delivered,
    promised,
    onTime,
    insideWindow,
    promiseErrorDays: deliveredAt && promise ? dayError(deliveredAt, promise.likelyAt) : 0,
    late: (promised && !onTime) || (!delivered && shipment.attention === "late"),
    exception: shipment.status === "exception" || events.some((event) => event.status === "exception"),
    returned: shipment.status === "returned" || substatuses.has("returned_to_sender"),
    lost: shipment.attention === "lost" || substatuses.has("lost"),
    problemOwner: problemOwner(shipment, events),
    firstAttempt: delivered && !attemptedBeforeDelivery,
    scanLagsHours: events
      .filter((event) => event.source === "carrier")
      .map((event) => event.createdAt.getTime() - event.occurredAt.getTime())
      .filter((lag) => lag >= 0 && lag <= CATCH_UP_LAG_MS)
      .map((lag) => lag / HOUR_MS),
  };
}

// Whole days between the day a parcel came and the day it was expected (`likelyAt` is that day's start).
function dayError(deliveredAt: Date, likelyAt: Date): number {
  const difference = deliveredAt.getTime() - likelyAt.getTime();
  return difference >= 0 ? Math.floor(difference / DAY_MS) : Math.ceil(-difference / DAY_MS);
}

// Who could have acted on the shipment's first problem: the detector's attribution when it flagged one,
// otherwise the first problem scan's reason (tracking-taxonomy.ts); a problem nobody named is the carrier's.
function problemOwner(shipment: ShipmentForStats, events: EventForStats[]): ProblemOwner | null {
  if (isAttentionOwner(shipment.attentionOwner)) return shipment.attentionOwner;
  const problems = events.filter((event) => PROBLEM_STATUSES.has(event.status));
  if (!problems.length && !shipment.attention && !PROBLEM_STATUSES.has(shipment.status)) return null;
  for (const event of problems) {
    if (!isSubstatus(event.substatus)) continue;
    const responsibility = SUBSTATUSES[event.substatus].responsibility;
    if (responsibility !== "none") return responsibility;
  }
  return "carrier";
}
