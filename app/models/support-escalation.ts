import type { Escalation } from "./support-labels";

// When a help request needs more than an answer. Pure, so the shopper's request, the hourly delivery watch and
// a manual carrier check all decide the same way.
//
// - delivered_not_received: the carrier called the parcel delivered before the shopper asked where it is. A
//   request made while it was still moving and answered by the delivery is not one.
// - stuck_beyond_tail: the parcel is silent for longer than its lane's usual longest gap (stuck), or far
//   beyond it (likely lost); it clears when the parcel moves again.

const NOT_RECEIVED_REASONS = new Set(["missing", "late"]);

export type EscalationFacts = {
  reason: string;
  requestedAt: Date;
  shipment: {
    status: string;
    deliveredAt: Date | null;
    attention: string | null;
    attentionResolvedAt: Date | null;
  } | null;
};

export function escalationFor({ reason, requestedAt, shipment }: EscalationFacts): Escalation | null {
  if (!shipment) return null;
  const deliveredBeforeAsking =
    shipment.status === "delivered" &&
    (!shipment.deliveredAt || shipment.deliveredAt.getTime() <= requestedAt.getTime());
  if (deliveredBeforeAsking && NOT_RECEIVED_REASONS.has(reason)) return "delivered_not_received";
  const silent = shipment.attention === "stuck" || shipment.attention === "lost";
  if (silent && !shipment.attentionResolvedAt) return "stuck_beyond_tail";
  return null;
}
