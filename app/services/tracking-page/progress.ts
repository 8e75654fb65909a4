import { shownDeliveryWindow, type ShownWindow } from "../../models/delivery-windows/shown-window";
import type { TrackedShipment } from "../../models/tracking-lookup.server";

// The five milestones every shopper understands. A parcel in trouble stays on the milestone it reached, marked
// as a problem, rather than jumping ahead or vanishing from the timeline.
export const MILESTONES = ["ordered", "packed", "shipped", "out_for_delivery", "delivered"] as const;
export type Milestone = (typeof MILESTONES)[number];

const MILESTONE_OF_STATUS: Record<string, number> = {
  pending: 0,
  pre_transit: 1,
  in_transit: 2,
  out_for_delivery: 3,
  ready_for_pickup: 3,
  attempted: 3,
  delivered: 4,
};

const PROBLEM_STATUSES = new Set(["delayed", "exception", "attempted", "returned"]);

export type ShipmentProgress = {
  // Index into MILESTONES of the milestone reached.
  reached: number;
  problem: boolean;
  late: boolean;
  delivered: boolean;
  window: ShownWindow;
};

export function shipmentProgress(shipment: TrackedShipment, now: Date): ShipmentProgress {
  const delivered = shipment.status === "delivered";
  const fromEvents = Math.max(-1, ...shipment.events.map((event) => MILESTONE_OF_STATUS[event.status] ?? -1));
  const fromStatus = MILESTONE_OF_STATUS[shipment.status] ?? -1;
  const shipped = shipment.shippedAt || shipment.trackingNumber ? 1 : 0;
  const reached = Math.max(fromStatus, fromEvents, shipped);
  const finished = delivered || shipment.status === "returned";
  const window = shownDeliveryWindow(shipment, now);
  const late =
    !finished && (shipment.attention === "late" || shipment.attention === "stuck" || window.kind === "late");
  return { reached, problem: PROBLEM_STATUSES.has(shipment.status), late, delivered, window };
}
