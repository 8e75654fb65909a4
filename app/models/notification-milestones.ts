import type { FlowTrigger, Milestone } from "./notification-rules";
import type { ShipmentStatus } from "./shipment-status";

// Which shopper-facing milestones a change of a shipment's derived state reaches. Pure: the three places that
// change a shipment (webhook ORM path, webhook driver path, carrier polls) and the delivery watch (stuck, late)
// all ask this module, in the transaction that writes the change.

export type MilestoneTrigger = {
  milestone: Milestone;
  // The specific situation, for the message ("not_home", "customs", "stuck", "window_moved"…).
  substatus: string | null;
  // When it happened (the scan's time), for the "too old to be news" rule.
  eventAt: Date;
  // The idempotency part: one message per key per shipment and channel, ever.
  key: string;
  // Announced to Shopify Flow as well.
  flow: FlowTrigger | null;
};

export type MilestoneState = {
  status: ShipmentStatus;
  substatus: string | null;
  lastEventAt: Date | null;
  carrierEstimatedAt?: Date | null;
  // The shipment's own predicted window. While it has one, that window is what the shopper was promised, and
  // the window estimator tells them when a revision ends after the promise (lateTrigger); the carrier's
  // estimate moving is then no news of its own.
  windowEnd?: Date | null;
};

// Substatuses that are worth a message while the parcel is simply moving: it reached the destination
// country's customs, or the local carrier took over (its tracking continues on the page).
const MEANINGFUL_IN_TRANSIT = new Set(["customs", "hand_off"]);
// Shopify-side corrections, not news for the shopper.
const SILENT_SUBSTATUSES = new Set(["fulfillment_cancelled", "label_voided"]);
// A later estimate by less than this is noise (carriers shift estimates by hours all the time).
const WINDOW_MOVE_THRESHOLD_MS = 12 * 60 * 60_000;

export function milestonesForChange({
  before,
  after,
  now,
}: {
  // null: Parcelwise sees this shipment for the first time in this change.
  before: MilestoneState | null;
  after: MilestoneState;
  now: Date;
}): MilestoneTrigger[] {
  const eventAt = after.lastEventAt ?? now;
  const trigger = (
    milestone: Milestone,
    substatus: string | null,
    key: string = milestone,
    flow: FlowTrigger | null = null,
  ): MilestoneTrigger => ({ milestone, substatus, eventAt, key, flow });

  // History, not news: a parcel first seen already delivered or returned (install, reconciliation).
  if (!before && (after.status === "delivered" || after.status === "returned")) return [];
  if (after.substatus && SILENT_SUBSTATUSES.has(after.substatus)) return [];

  const triggers: MilestoneTrigger[] = [];
  const statusChanged = !before || before.status !== after.status;
  const substatusChanged = statusChanged || before?.substatus !== after.substatus;
  switch (after.status) {
    case "pre_transit":
      if (statusChanged) triggers.push(trigger("shipped", after.substatus));
      break;
    case "in_transit":
      if (statusChanged && (!before || before.status === "pending" || before.status === "pre_transit"))
        triggers.push(trigger("shipped", after.substatus));
      if (substatusChanged && after.substatus && MEANINGFUL_IN_TRANSIT.has(after.substatus))
        triggers.push(trigger("in_transit_update", after.substatus, `in_transit_update:${after.substatus}`));
      break;
    case "out_for_delivery":
      if (statusChanged) triggers.push(trigger("out_for_delivery", after.substatus));
      break;
    case "ready_for_pickup":
      if (statusChanged) triggers.push(trigger("ready_for_pickup", after.substatus));
      break;
    case "delivered":
      if (statusChanged) triggers.push(trigger("delivered", after.substatus, "delivered", "delivered"));
      break;
    case "delayed":
      if (substatusChanged) {
        const reason = after.substatus ?? "carrier";
        triggers.push(trigger("delayed", after.substatus, `delayed:${reason}`, "delayed"));
      }
      break;
    case "attempted":
    case "exception":
    case "returned":
      if (substatusChanged) {
        const reason = after.substatus ?? after.status;
        triggers.push(
          trigger("exception", after.substatus ?? after.status, `exception:${reason}`, "exception"),
        );
      }
      break;
    case "pending":
      break;
  }
  if (before && windowMovedLater(before, after)) {
    triggers.push({
      milestone: "delayed",
      substatus: "window_moved",
      eventAt: now,
      key: "delayed:window_moved",
      flow: "delayed",
    });
  }
  return triggers;
}

function windowMovedLater(before: MilestoneState, after: MilestoneState): boolean {
  if (after.status === "delivered" || after.status === "returned") return false;
  if (after.windowEnd) return false;
  const previous = before.carrierEstimatedAt;
  const next = after.carrierEstimatedAt;
  if (!previous || !next) return false;
  return next.getTime() - previous.getTime() >= WINDOW_MOVE_THRESHOLD_MS;
}

// The stuck watcher's finding, in the same shape.
export function stuckTrigger(now: Date): MilestoneTrigger {
  return { milestone: "delayed", substatus: "stuck", eventAt: now, key: "delayed:stuck", flow: "stuck" };
}

export type LateCause = "window_passed" | "window_moved_past_promise";

// The late watcher's (and the window estimator's) finding. A window revised past the promise is the
// "window_moved" news, under the same key the carrier's moved estimate uses, so the shopper hears it once
// whichever noticed first. A parcel the carrier never scanned reads as waiting for its first scan.
export function lateTrigger({
  cause,
  neverScanned,
  becameLateAt,
}: {
  cause: LateCause;
  neverScanned: boolean;
  becameLateAt: Date;
}): MilestoneTrigger {
  if (cause === "window_moved_past_promise") {
    return {
      milestone: "delayed",
      substatus: "window_moved",
      eventAt: becameLateAt,
      key: "delayed:window_moved",
      flow: "delayed",
    };
  }
  return {
    milestone: "delayed",
    substatus: neverScanned ? "late_handoff" : "late",
    eventAt: becameLateAt,
    key: "delayed:late",
    flow: "delayed",
  };
}

// How far along a milestone is: a queued message for an earlier one is outdated once the parcel is past it.
export const MILESTONE_PROGRESS: Record<Milestone, number> = {
  order_confirmed: 0,
  shipped: 1,
  in_transit_update: 2,
  delayed: 2,
  exception: 2,
  out_for_delivery: 3,
  ready_for_pickup: 3,
  delivered: 4,
};
