import type { CarrierErrorKind } from "../common/carrier-errors";
import type { CodeTable, TextRule } from "../common/code-table";
import type { CarrierCode } from "../carrier-adapter";

/** The Unified API's high-level `statusCode`, the only code it gives per event. */
export const DHL_STATUS_CODES: CodeTable = {
  "pre-transit": "info_received",
  transit: "in_transit",
  delivered: "delivered",
  failure: "carrier_failure",
  unknown: "in_transit",
};

/** "transit" covers everything from the first scan to the doorstep; the event's text says where it is. */
export const DHL_TRANSIT_TEXT_RULES: readonly TextRule[] = [
  ["out for delivery", "out_for_delivery"],
  ["delivery vehicle", "out_for_delivery"],
  ["with delivery courier", "out_for_delivery"],
  ["ready for pickup", "ready_for_pickup"],
  ["available for pickup", "ready_for_pickup"],
  ["ready for collection", "ready_for_pickup"],
  ["customs", "customs"],
  ["clearance", "customs"],
  ["handed over to", "hand_off"],
  ["picked up", "picked_up"],
  ["arrived", "arrived"],
  ["departed", "departed"],
];

/** "failure" is every kind of problem; the event's text names it. */
export const DHL_FAILURE_TEXT_RULES: readonly TextRule[] = [
  ["not at home", "not_home"],
  ["recipient not", "not_home"],
  ["address", "address_problem"],
  ["refused", "refused"],
  ["damage", "damaged"],
  ["returned", "returned_to_sender"],
  ["weather", "weather"],
  ["customs", "customs_delay"],
];

/** `details.provider.destinationProvider` values that are carriers Parcelwise tracks itself. */
export const DHL_DESTINATION_PROVIDERS: Readonly<Record<string, CarrierCode>> = {
  express: "dhl_express",
};

/** Unified API problem details carry no codes of their own; the HTTP status is in the body. */
export const DHL_ERROR_KINDS: Readonly<Record<string, CarrierErrorKind>> = {
  "401": "auth_failed",
  "403": "auth_failed",
  "404": "not_found",
  "429": "rate_limited",
};
