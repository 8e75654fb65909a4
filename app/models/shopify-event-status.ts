import type { ShipmentStatus } from "./shipment-status";

export type NormalizedStatus = { status: ShipmentStatus; substatus: string | null };

// Shopify's FulfillmentEventStatus (GraphQL, upper case) and the same values in REST webhooks (lower case),
// also used by a fulfillment's shipment_status. Every value of both Admin schemas is here (tested).
export const SHOPIFY_EVENT_STATUS: Record<string, NormalizedStatus> = {
  LABEL_PURCHASED: { status: "pre_transit", substatus: "label_created" },
  LABEL_PRINTED: { status: "pre_transit", substatus: "label_created" },
  CONFIRMED: { status: "pre_transit", substatus: "info_received" },
  CARRIER_PICKED_UP: { status: "in_transit", substatus: "picked_up" },
  IN_TRANSIT: { status: "in_transit", substatus: null },
  DELAYED: { status: "delayed", substatus: "carrier" },
  OUT_FOR_DELIVERY: { status: "out_for_delivery", substatus: null },
  ATTEMPTED_DELIVERY: { status: "attempted", substatus: null },
  READY_FOR_PICKUP: { status: "ready_for_pickup", substatus: null },
  // The shopper collected the parcel (local pickup or a pickup point).
  PICKED_UP: { status: "delivered", substatus: "collected" },
  DELIVERED: { status: "delivered", substatus: null },
  FAILURE: { status: "exception", substatus: "carrier_failure" },
};

// A fulfillment's own summary (GraphQL displayStatus, REST shipment_status): the event statuses plus the
// states of a fulfillment that has no carrier scan yet. Every value of both Admin schemas is here (tested).
export const SHOPIFY_FULFILLMENT_DISPLAY_STATUS: Record<string, NormalizedStatus> = {
  ...SHOPIFY_EVENT_STATUS,
  SUBMITTED: { status: "pre_transit", substatus: "info_received" },
  FULFILLED: { status: "pre_transit", substatus: "label_created" },
  MARKED_AS_FULFILLED: { status: "pre_transit", substatus: "marked_fulfilled" },
  LABEL_VOIDED: { status: "pending", substatus: "label_voided" },
  CANCELED: { status: "exception", substatus: "fulfillment_cancelled" },
  NOT_DELIVERED: { status: "exception", substatus: "not_delivered" },
};

export function normalizeShopifyDisplayStatus(value: string | null | undefined): NormalizedStatus | null {
  if (!value) return null;
  return SHOPIFY_FULFILLMENT_DISPLAY_STATUS[value.toUpperCase()] ?? null;
}

export function normalizeShopifyEventStatus(value: string | null | undefined): NormalizedStatus | null {
  if (!value) return null;
  return SHOPIFY_EVENT_STATUS[value.toUpperCase()] ?? null;
}

// When two events carry the same time, the one further along the journey wins, so the order in which
// Shopify delivers them never changes the result.
export const STATUS_PROGRESS: Record<ShipmentStatus, number> = {
  pending: 0,
  pre_transit: 1,
  in_transit: 2,
  delayed: 3,
  out_for_delivery: 4,
  attempted: 5,
  ready_for_pickup: 5,
  exception: 6,
  delivered: 7,
  returned: 8,
};
