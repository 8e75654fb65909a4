import type { CarrierErrorKind } from "../common/carrier-errors";
import type { CodeTable, TextRule } from "../common/code-table";

/** USPS tracking event codes (`eventCode`). */
export const USPS_EVENT_CODES: CodeTable = {
  MA: "info_received", // Pre-shipment info sent to USPS, USPS awaiting item
  GX: "label_created", // Shipping label created, USPS awaiting item
  "03": "picked_up", // USPS in possession of item (acceptance)
  OA: "picked_up", // Accepted at USPS origin facility
  "80": "picked_up", // Picked up by shipping partner
  "10": "arrived", // Arrived at USPS regional origin facility (processed)
  A1: "arrived", // Arrived at USPS regional facility
  "07": "arrived", // Arrived at post office (arrival at unit)
  "14": "arrived", // Arrived at pickup point
  "81": "arrived", // Arrived at shipping partner facility
  SF: "departed", // Departed post office
  T1: "departed", // Departed USPS regional facility
  "82": "departed", // Departed shipping partner facility
  TL: "in_transit", // In transit to next facility
  PC: "in_transit", // Sorting complete
  "06": "in_transit", // Forwarded
  "42": "hand_off", // USPS handoff to shipping partner
  OF: "out_for_delivery", // Out for delivery
  "01": "delivered", // Delivered (variants in the text, see USPS_DELIVERED_TEXT_RULES)
  "17": "collected", // Picked up at postal facility
  "43": "collected", // Picked up
  "16": "ready_for_pickup", // Available for pickup
  "02": "not_home", // Notice left (no authorized recipient available)
  "51": "not_home", // Notice left (business closed)
  "52": "not_home", // Notice left (receptacle full / item oversized)
  "53": "access_problem", // Receptacle blocked
  "54": "access_problem", // No access to delivery location
  "56": "access_problem", // No secure location available
  "08": "carrier", // Missent
  "15": "carrier", // Mis-shipped
  "04": "refused", // Refused
  "05": "address_problem", // Undeliverable as addressed
  "21": "address_problem", // No such number
  "22": "address_problem", // Insufficient address
  "23": "address_problem", // Moved, left no address
  "24": "address_problem", // Forward expired
  "25": "address_problem", // Addressee unknown
  "26": "address_problem", // Vacant
  "27": "not_delivered", // Unclaimed
  "28": "not_delivered", // Deceased
  "11": "lost", // Dead letter
  "09": "returned_to_sender", // Return to sender
  "29": "returned_to_sender", // Return to sender (not picked up)
};

/** Code 01 is every kind of delivery; the event type names which one. */
export const USPS_DELIVERED_TEXT_RULES: readonly TextRule[] = [
  ["parcel locker", "mailbox"],
  ["mailbox", "mailbox"],
  ["po box", "mailbox"],
  ["front door", "left_at_door"],
  ["porch", "left_at_door"],
  ["garage", "left_at_door"],
  ["left with individual", "signed"],
  ["neighbor", "neighbour"],
  ["picked up at post office", "collected"],
  ["picked up at postal facility", "collected"],
];

/** For codes the table does not know: USPS event types are short and plain. */
export const USPS_EVENT_TEXT_RULES: readonly TextRule[] = [
  ["delivered", "delivered"],
  ["out for delivery", "out_for_delivery"],
  ["available for pickup", "ready_for_pickup"],
  ["notice left", "not_home"],
  ["delivery attempted", "not_home"],
  ["return to sender", "returned_to_sender"],
  ["customs", "customs"],
  ["arrived", "arrived"],
  ["departed", "departed"],
  ["label created", "label_created"],
  ["pre-shipment", "info_received"],
];

/** `error.code` of USPS v3 error answers. */
export const USPS_ERROR_KINDS: Readonly<Record<string, CarrierErrorKind>> = {
  invalid_client: "auth_failed",
  invalid_token: "auth_failed",
  "401": "auth_failed",
  "403": "auth_failed",
  "404": "not_found",
};
