import type { ShipmentStatus } from "./shipment-status";

// Who can do something about a situation: what delivery analytics report as the merchant's controllable share.
export type Responsibility = "carrier" | "merchant" | "shopper" | "customs" | "weather" | "none";

export type Substatus = {
  status: ShipmentStatus;
  label: string; // what a shopper reads
  next: string; // what happens next
  action: string | null; // what the shopper can do, if anything
  responsibility: Responsibility;
};

// The one vocabulary every source is translated into: Shopify's FulfillmentEventStatus, each carrier's codes
// (app/services/carriers/*-codes.ts) and the merchant's manual updates. Plain language, no carrier jargon.
export const SUBSTATUSES = {
  info_received: {
    status: "pre_transit",
    label: "The carrier has the shipping details",
    next: "The parcel will be handed to the carrier soon.",
    action: null,
    responsibility: "none",
  },
  label_created: {
    status: "pre_transit",
    label: "Shipping label created",
    next: "The carrier will scan the parcel when they pick it up.",
    action: null,
    responsibility: "none",
  },
  marked_fulfilled: {
    status: "pre_transit",
    label: "Packed and ready to ship",
    next: "Tracking updates start when the carrier scans the parcel.",
    action: null,
    responsibility: "none",
  },
  picked_up: {
    status: "in_transit",
    label: "Picked up by the carrier",
    next: "The parcel is on its way to the carrier's network.",
    action: null,
    responsibility: "none",
  },
  departed: {
    status: "in_transit",
    label: "Left a carrier facility",
    next: "It moves on to the next facility on its route.",
    action: null,
    responsibility: "none",
  },
  arrived: {
    status: "in_transit",
    label: "Arrived at a carrier facility",
    next: "It will be sorted and sent on towards you.",
    action: null,
    responsibility: "none",
  },
  in_transit: {
    status: "in_transit",
    label: "On the way",
    next: "The carrier scans it again at the next facility.",
    action: null,
    responsibility: "none",
  },
  customs: {
    status: "in_transit",
    label: "Going through customs",
    next: "Customs usually releases parcels within a few days.",
    action: "If customs asks you for duties or documents, reply to them to avoid delays.",
    responsibility: "customs",
  },
  hand_off: {
    status: "in_transit",
    label: "Handed to the local delivery partner",
    next: "The local carrier will deliver it; its tracking continues here.",
    action: null,
    responsibility: "none",
  },
  out_for_delivery: {
    status: "out_for_delivery",
    label: "Out for delivery today",
    next: "The driver has it and will deliver it today.",
    action: "Keep an eye out, or make sure someone can receive it.",
    responsibility: "none",
  },
  signed: {
    status: "delivered",
    label: "Delivered and signed for",
    next: "Nothing more to do.",
    action: null,
    responsibility: "none",
  },
  left_at_door: {
    status: "delivered",
    label: "Delivered to your door",
    next: "Nothing more to do.",
    action: "If you can't find it, check around your entrance and with neighbours, then ask us for help.",
    responsibility: "none",
  },
  mailbox: {
    status: "delivered",
    label: "Delivered to your mailbox",
    next: "Nothing more to do.",
    action: null,
    responsibility: "none",
  },
  neighbour: {
    status: "delivered",
    label: "Left with a neighbour",
    next: "Your neighbour has it.",
    action: "Check the delivery note for which neighbour received it.",
    responsibility: "none",
  },
  collected: {
    status: "delivered",
    label: "Collected from the pickup point",
    next: "Nothing more to do.",
    action: null,
    responsibility: "none",
  },
  delivered: {
    status: "delivered",
    label: "Delivered",
    next: "Nothing more to do.",
    action: "If you haven't received it, ask us for help.",
    responsibility: "none",
  },
  ready_for_pickup: {
    status: "ready_for_pickup",
    label: "Ready for pickup",
    next: "It waits at the pickup point for a limited time before going back.",
    action: "Collect it with your ID and the tracking number.",
    responsibility: "shopper",
  },
  not_home: {
    status: "attempted",
    label: "Delivery attempted, nobody was home",
    next: "The carrier usually tries again on the next business day.",
    action: "Make sure someone can receive it, or arrange a new delivery with the carrier.",
    responsibility: "shopper",
  },
  access_problem: {
    status: "attempted",
    label: "The driver couldn't reach the address",
    next: "The carrier will try again.",
    action: "Check that your address, buzzer or gate code are correct.",
    responsibility: "shopper",
  },
  weather: {
    status: "delayed",
    label: "Delayed by weather",
    next: "It moves again as soon as conditions allow.",
    action: null,
    responsibility: "weather",
  },
  carrier: {
    status: "delayed",
    label: "Delayed in the carrier's network",
    next: "The carrier is working through the backlog; it should move within a day or two.",
    action: null,
    responsibility: "carrier",
  },
  customs_delay: {
    status: "delayed",
    label: "Held up in customs",
    next: "Customs is taking longer than usual.",
    action: "If customs contacted you, reply to release the parcel.",
    responsibility: "customs",
  },
  address: {
    status: "delayed",
    label: "Delayed: the address needs checking",
    next: "The carrier is trying to confirm the address.",
    action: "Contact us to confirm or correct your address.",
    responsibility: "shopper",
  },
  late_handoff: {
    status: "delayed",
    label: "Waiting for the carrier's first scan",
    next: "We're following up with the carrier.",
    action: null,
    responsibility: "merchant",
  },
  address_problem: {
    status: "exception",
    label: "There's a problem with the address",
    next: "The carrier can't deliver until the address is fixed.",
    action: "Contact us to correct your address.",
    responsibility: "shopper",
  },
  damaged: {
    status: "exception",
    label: "Damaged in transit",
    next: "We'll arrange a replacement or refund with you.",
    action: "Ask us for help from this page.",
    responsibility: "carrier",
  },
  lost: {
    status: "exception",
    label: "Lost by the carrier",
    next: "We're opening a claim with the carrier.",
    action: "Ask us for help from this page.",
    responsibility: "carrier",
  },
  refused: {
    status: "exception",
    label: "Refused at delivery",
    next: "The parcel goes back to us.",
    action: null,
    responsibility: "shopper",
  },
  carrier_failure: {
    status: "exception",
    label: "The carrier reported a problem",
    next: "We're checking with the carrier.",
    action: "Ask us for help if you need it sooner.",
    responsibility: "carrier",
  },
  not_delivered: {
    status: "exception",
    label: "Not delivered",
    next: "We're checking with the carrier.",
    action: "Ask us for help from this page.",
    responsibility: "carrier",
  },
  fulfillment_cancelled: {
    status: "exception",
    label: "This shipment was cancelled",
    next: "Another shipment may replace it.",
    action: null,
    responsibility: "merchant",
  },
  label_voided: {
    status: "pending",
    label: "Shipping label cancelled",
    next: "A new label will be created.",
    action: null,
    responsibility: "merchant",
  },
  returned_to_sender: {
    status: "returned",
    label: "Returned to sender",
    next: "We'll be in touch about a refund or reshipment.",
    action: null,
    responsibility: "carrier",
  },
} as const satisfies Record<string, Substatus>;

export type SubstatusCode = keyof typeof SUBSTATUSES;

export function isSubstatus(value: string | null | undefined): value is SubstatusCode {
  return Boolean(value) && Object.hasOwn(SUBSTATUSES, value as string);
}
