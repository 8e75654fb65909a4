import type { CarrierErrorKind } from "../common/carrier-errors";
import type { CodeTable, TextRule } from "../common/code-table";
import type { CarrierCode } from "../carrier-adapter";

/** Scan event types (`eventType`) and derived status codes (`derivedStatusCode`, `latestStatusDetail.code`). */
export const FEDEX_EVENT_CODES: CodeTable = {
  IN: "label_created", // Initiated
  OC: "label_created", // Shipment information sent to FedEx
  RP: "label_created", // Return label link emailed to return sender
  LP: "label_voided", // Return label link cancelled by shipment originator
  RD: "label_voided", // Return label link expired
  CA: "label_voided", // Shipment cancelled
  AP: "info_received", // At pickup
  EP: "info_received", // Enroute to pickup
  PU: "picked_up", // Picked up
  PX: "picked_up", // Picked up (see details)
  AR: "arrived", // Arrived at FedEx location
  AF: "arrived", // At local FedEx facility
  OF: "arrived", // At FedEx origin facility
  FD: "arrived", // At FedEx destination
  SF: "arrived", // At sort facility
  DP: "departed", // Departed
  LO: "departed", // Left origin
  IT: "in_transit", // In transit
  IX: "in_transit", // In transit (see details)
  AA: "in_transit", // At airport
  AO: "in_transit", // Shipment arriving on-time
  CH: "in_transit", // Location changed
  DR: "in_transit", // Vehicle furnished but not used
  DS: "in_transit", // Vehicle dispatched
  EA: "in_transit", // Enroute to airport
  ED: "in_transit", // Enroute to delivery
  EO: "in_transit", // Enroute to origin airport
  PF: "in_transit", // Plane in flight
  PL: "in_transit", // Plane landed
  PM: "in_transit", // In progress
  SP: "in_transit", // Split status
  TR: "in_transit", // Transfer
  RR: "in_transit", // Delivery option requested
  RM: "in_transit", // Delivery option modified
  RC: "in_transit", // Delivery option cancelled
  CC: "customs", // Cleared customs
  CP: "customs", // Clearance in progress
  CD: "customs_delay", // Clearance delay
  OX: "hand_off", // Shipment information sent to USPS
  AX: "hand_off", // At USPS facility
  AC: "hand_off", // At Canada Post facility
  OD: "out_for_delivery", // On FedEx vehicle for delivery
  DL: "delivered", // Delivered
  HL: "ready_for_pickup", // Hold at location
  HP: "ready_for_pickup", // Ready for recipient pickup
  DD: "carrier", // Delivery delay
  DY: "carrier", // Delay
  PD: "carrier", // Pickup delay
  DE: "carrier_failure", // Delivery exception
  SE: "carrier_failure", // Shipment exception
  RS: "returned_to_sender", // Return to shipper
};

/** Exception codes (`exceptionCode`) that say more than a DE/SE/DD/DY event does on its own. */
export const FEDEX_EXCEPTION_CODES: CodeTable = {
  "03": "address_problem", // Incorrect address
  "07": "refused", // Refused by recipient
  "08": "not_home", // Recipient not in / business closed
  "15": "not_home", // Customer not available or business closed
  A25: "customs", // Package available for clearance
};

export const FEDEX_EXCEPTION_TEXT_RULES: readonly TextRule[] = [
  ["weather", "weather"],
  ["customs", "customs_delay"],
  ["clearance", "customs_delay"],
  ["incorrect address", "address_problem"],
  ["address", "address_problem"],
  ["refused", "refused"],
  ["not available", "not_home"],
  ["business closed", "not_home"],
  ["damage", "damaged"],
];

/** `trackingNumberInfo.carrierCode` of services another carrier delivers (Ground Economy, formerly SmartPost). */
export const FEDEX_PARTNER_CARRIERS: Readonly<Record<string, CarrierCode>> = {
  FXSP: "usps",
};

export const FEDEX_ERROR_KINDS: Readonly<Record<string, CarrierErrorKind>> = {
  "TRACKING.TRACKINGNUMBER.NOTFOUND": "not_found",
  "TRACKING.TRACKINGNUMBER.EMPTY": "not_found",
  "TRACKING.TRACKINGNUMBER.INVALID": "not_found",
  "NOT.AUTHORIZED.ERROR": "auth_failed",
  "UNAUTHORIZED.ERROR": "auth_failed",
  "FORBIDDEN.ERROR": "auth_failed",
};
