// The normalized shipment statuses every source (Shopify, carriers) is mapped onto, with the plain-language
// label shoppers and merchants see. Later issues add substatuses and the per-source mappings as data.
export const SHIPMENT_STATUSES = [
  "pending",
  "pre_transit",
  "in_transit",
  "out_for_delivery",
  "delivered",
  "ready_for_pickup",
  "attempted",
  "delayed",
  "exception",
  "returned",
] as const;

export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const SHIPMENT_STATUS_LABELS: Record<ShipmentStatus, string> = {
  pending: "Ordered",
  pre_transit: "Packed",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  ready_for_pickup: "Ready for pickup",
  attempted: "Delivery attempted",
  delayed: "Delayed",
  exception: "Exception",
  returned: "Returned",
};

// Nothing more will happen to a parcel in these states: no polling, not "in flight".
export const FINAL_STATUSES: ReadonlySet<ShipmentStatus> = new Set(["delivered", "returned"]);

export const ATTENTION_KINDS = ["late", "stuck", "exception", "lost"] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export function isShipmentStatus(value: string): value is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(value);
}

export function statusLabel(value: string): string {
  return isShipmentStatus(value) ? SHIPMENT_STATUS_LABELS[value] : value;
}
