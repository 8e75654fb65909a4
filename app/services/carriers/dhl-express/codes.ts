import type { CarrierErrorKind } from "../common/carrier-errors";
import type { CodeTable } from "../common/code-table";

/** Checkpoint codes (`ServiceEvent/EventCode`) of DHL Express XML tracking. */
export const DHL_EXPRESS_EVENT_CODES: CodeTable = {
  SA: "picked_up", // Shipment acceptance
  PU: "picked_up", // Shipment picked up
  PL: "in_transit", // Processed at location
  RW: "in_transit", // Re-weighed
  SM: "in_transit", // Scheduled for movement
  TR: "in_transit", // Record of transfer
  SC: "in_transit", // Service changed
  AD: "in_transit", // Agreed delivery
  PO: "departed", // Departing origin
  DF: "departed", // Departed facility
  AF: "arrived", // Arrived at facility
  AR: "arrived", // Arrived at delivery facility
  CI: "arrived", // Facility check-in
  CR: "customs", // Clearance release
  IC: "customs", // In clearance processing
  BN: "customs", // Customer broker notified
  CD: "customs_delay", // Clearance delay
  TP: "hand_off", // Forwarded to third party
  WC: "out_for_delivery", // With delivery courier
  OK: "delivered", // Shipment delivered (signed when a signatory is named)
  NH: "not_home", // Not home
  CA: "not_home", // Closed on arrival
  BA: "address_problem", // Bad address
  CM: "address_problem", // Consignee moved
  RD: "refused", // Refused delivery
  DM: "damaged", // Damaged
  MC: "carrier", // Miscode
  MD: "carrier", // Missed delivery cycle
  MS: "carrier", // Missorted
  OH: "carrier", // On hold
  SS: "carrier", // Shipment stopped
  TD: "carrier", // Transport delay
  RT: "returned_to_sender", // Returned to shipper
};

export interface ConditionRule {
  /** Lower-case phrase of the condition's text (DHL's condition codes are shared by unrelated errors). */
  phrase: string;
  kind: CarrierErrorKind;
}

/** Error responses and failed AWB lookups: the condition text says what went wrong. */
export const DHL_EXPRESS_CONDITIONS: readonly ConditionRule[] = [
  { phrase: "password", kind: "auth_failed" },
  { phrase: "siteid", kind: "auth_failed" },
  { phrase: "login", kind: "auth_failed" },
  { phrase: "authenticat", kind: "auth_failed" },
  { phrase: "no shipments found", kind: "not_found" },
  { phrase: "awbnumber", kind: "not_found" },
];
