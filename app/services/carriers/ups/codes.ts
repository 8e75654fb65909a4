import type { CarrierErrorKind } from "../common/carrier-errors";
import type { CodeTable, TextRule } from "../common/code-table";
import type { CarrierCode } from "../carrier-adapter";

/** Activity status codes (`status.code`) UPS uses on its scans. */
export const UPS_ACTIVITY_CODES: CodeTable = {
  MP: "label_created", // Shipper created a label, UPS has not received the package yet
  PU: "picked_up", // Pickup scan
  OR: "picked_up", // Origin scan
  AR: "arrived", // Arrival scan
  DS: "arrived", // Destination scan
  IP: "arrived", // Import scan
  DP: "departed", // Departure scan
  EP: "departed", // Export scan
  YP: "in_transit", // Processing at UPS facility
  OT: "out_for_delivery", // Out for delivery today
  FS: "delivered", // Delivered
  KB: "delivered", // Delivered
  SR: "customs", // Your package was released by the customs agency
  RS: "returned_to_sender", // Returned to shipper
  "48": "not_home", // The receiver was not available for delivery
};

/** Activity status types (`status.type`), which decide when the code above is unknown. */
export const UPS_STATUS_TYPES: CodeTable = {
  M: "label_created", // Manifest pickup (billing information received)
  P: "picked_up", // Pickup
  I: "in_transit", // In transit
  O: "out_for_delivery", // Out for delivery
  D: "delivered", // Delivered
  X: "carrier_failure", // Exception
  RS: "returned_to_sender", // Returned to shipper
  DO: "arrived", // Delivered origin CFS (freight)
  DD: "arrived", // Delivered destination CFS (freight)
  W: "in_transit", // Warehousing
};

/** For exceptions (type X) with an unknown code: UPS words the reason in the description. */
export const UPS_EXCEPTION_TEXT_RULES: readonly TextRule[] = [
  ["released by the customs", "customs"],
  ["customs", "customs_delay"],
  ["clearance", "customs_delay"],
  ["weather", "weather"],
  ["not available", "not_home"],
  ["not home", "not_home"],
  ["business was closed", "not_home"],
  ["refused", "refused"],
  ["incorrect", "address_problem"],
  ["address", "address_problem"],
  ["damage", "damaged"],
  ["returned to the sender", "returned_to_sender"],
  ["returning", "returned_to_sender"],
];

/** Alternate tracking numbers that mean another carrier delivers the last mile (SurePost, Mail Innovations). */
export const UPS_HAND_OFF_NUMBER_TYPES: Readonly<Record<string, CarrierCode>> = {
  USPS_PIC: "usps",
};

/** UPS error codes (`response.errors[].code`). */
export const UPS_ERROR_KINDS: Readonly<Record<string, CarrierErrorKind>> = {
  "250002": "auth_failed", // Invalid Authentication Information
  "250003": "auth_failed", // Invalid Access License number
  "10401": "auth_failed", // ClientId is Invalid
  TV1002: "not_found", // Invalid inquiry number
  TW0001: "not_found", // Tracking Information Not Found
};
