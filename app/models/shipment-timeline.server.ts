import type { Prisma } from "@prisma/client";
import { milestonesForChange } from "./notification-milestones";
import { queueShipmentMilestones } from "./notification-outbox.server";
import { attentionAfterStateChange } from "./shipment-attention";
import { FINAL_STATUSES, isShipmentStatus, type ShipmentStatus } from "./shipment-status";
import { normalizeShopifyDisplayStatus, STATUS_PROGRESS } from "./shopify-event-status";

type Transaction = Prisma.TransactionClient;

type TimelineEvent = { status: string; substatus: string | null; occurredAt: Date; dedupeKey: string };

// The current state of a parcel is its latest scan; ties go to the status further along, then to the key,
// so the same set of events always gives the same answer whatever order they arrived in.
export function latestEvent<T extends TimelineEvent>(events: T[]): T | null {
  let latest: T | null = null;
  for (const event of events) {
    if (!latest || compareEvents(event, latest) > 0) latest = event;
  }
  return latest;
}

function progress(status: string): number {
  return isShipmentStatus(status) ? STATUS_PROGRESS[status] : 0;
}

function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return (
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    progress(a.status) - progress(b.status) ||
    (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0)
  );
}

export type ShipmentState = {
  status: ShipmentStatus;
  substatus: string | null;
  lastEventAt: Date | null;
  deliveredAt: Date | null;
};

// A shipment's state is derived, never accumulated: from its events, its tracking number and Shopify's
// fulfillment status. Webhooks, backfill and reconciliation all use this one function.
export function deriveShipmentState(input: {
  events: TimelineEvent[];
  trackingNumber: string | null;
  shopifyFulfillmentStatus: string | null;
  shopifyShipmentStatus: string | null;
  shopifyDeliveredAt: Date | null;
}): ShipmentState {
  const latest = latestEvent(input.events);
  const summary = normalizeShopifyDisplayStatus(input.shopifyShipmentStatus);
  let status: ShipmentStatus;
  let substatus: string | null;
  if (input.shopifyFulfillmentStatus === "cancelled") {
    status = "exception";
    substatus = "fulfillment_cancelled";
  } else if (latest && isShipmentStatus(latest.status)) {
    status = latest.status;
    substatus = latest.substatus;
  } else if (summary) {
    status = summary.status;
    substatus = summary.substatus;
  } else {
    status = input.trackingNumber ? "pre_transit" : "pending";
    substatus = null;
  }
  const times = input.events.map((event) => event.occurredAt.getTime());
  const delivered = latestEvent(input.events.filter((event) => event.status === "delivered"));
  return {
    status,
    substatus,
    lastEventAt: times.length ? new Date(Math.max(...times)) : null,
    deliveredAt: status === "delivered" ? (delivered?.occurredAt ?? input.shopifyDeliveredAt) : null,
  };
}

// `firstSeen`: the shipment was created in this same change, so what it shows is history rather than news
// (see notification-milestones.ts).
export async function recomputeShipmentStatus(
  tx: Transaction,
  {
    shop,
    shipmentId,
    firstSeen = false,
    now = new Date(),
  }: { shop: string; shipmentId: string; firstSeen?: boolean; now?: Date },
): Promise<void> {
  // One Prisma query for the shipment and its events, and an update that returns only the id: with Prisma's
  // client engine every query is compiled on the event loop and every returned row mapped, so on the webhook
  // path the number of queries and the width of their results are most of the cost.
  const shipment = await tx.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: {
      status: true,
      substatus: true,
      lastEventAt: true,
      carrierEstimatedAt: true,
      windowEnd: true,
      attention: true,
      attentionReason: true,
      attentionOwner: true,
      trackingNumber: true,
      shopifyFulfillmentStatus: true,
      shopifyShipmentStatus: true,
      shopifyDeliveredAt: true,
      events: {
        where: { shop },
        select: { status: true, substatus: true, occurredAt: true, dedupeKey: true },
      },
    },
  });
  if (!shipment) return;
  const state = deriveShipmentState(shipment);
  await tx.shipment.update({
    where: { id: shipmentId },
    data: {
      ...state,
      ...(FINAL_STATUSES.has(state.status) ? { nextCheckAt: null } : {}),
      ...attentionAfterStateChange(shipment, state, now),
    },
    select: { id: true },
  });
  const before =
    firstSeen || !isShipmentStatus(shipment.status) ? null : { ...shipment, status: shipment.status };
  const triggers = milestonesForChange({
    before,
    after: { ...state, carrierEstimatedAt: shipment.carrierEstimatedAt, windowEnd: shipment.windowEnd },
    now,
  });
  await queueShipmentMilestones(tx, { shop, shipmentId, triggers, now });
}
