import type { CarrierErrorKind } from "../common/carrier-errors";
import type { CodeTable, TextRule } from "../common/code-table";

/** Canada Post event identifiers (`event-identifier`). */
export const CANADA_POST_EVENT_CODES: CodeTable = {
  "0100": "in_transit", // Item processed at postal facility
  "0173": "address", // Customer addressing error found; attempting to correct. Possible delay
  "0174": "out_for_delivery", // Item out for delivery
  "1496": "delivered", // Item successfully delivered
  "20": "signed", // Signature image recorded for online viewing
};

/** Canada Post's descriptions are plain English; they decide for identifiers the table does not know. */
export const CANADA_POST_TEXT_RULES: readonly TextRule[] = [
  ["electronic information submitted", "label_created"],
  ["item accepted", "picked_up"],
  ["picked up by canada post", "picked_up"],
  ["out for delivery", "out_for_delivery"],
  ["delivered to your community mailbox", "mailbox"],
  ["delivered to parcel locker", "mailbox"],
  ["delivered to your safe place", "left_at_door"],
  ["delivered", "delivered"],
  ["available for pick", "ready_for_pickup"],
  ["ready for pick", "ready_for_pickup"],
  ["notice card left", "not_home"],
  ["attempted delivery", "not_home"],
  ["address", "address"],
  ["refused", "refused"],
  ["damage", "damaged"],
  ["return to sender", "returned_to_sender"],
  ["returned to sender", "returned_to_sender"],
  ["customs", "customs"],
  ["weather", "weather"],
  ["delay", "carrier"],
];

/** `event-time-zone` abbreviations to minutes east of UTC. */
export const CANADA_POST_TIME_ZONES: Readonly<Record<string, number>> = {
  NST: -210,
  NDT: -150,
  AST: -240,
  ADT: -180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  GMT: 0,
  UTC: 0,
};

export const CANADA_POST_PROVINCES: ReadonlySet<string> = new Set([
  "AB",
  "BC",
  "MB",
  "NB",
  "NL",
  "NS",
  "NT",
  "NU",
  "ON",
  "PE",
  "QC",
  "SK",
  "YT",
]);

/** `messages/message/code`. */
export const CANADA_POST_ERROR_KINDS: Readonly<Record<string, CarrierErrorKind>> = {
  E002: "auth_failed", // AAA Authentication Failure
  "004": "not_found", // No Pin History
};
