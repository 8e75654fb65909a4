import type { HandOff, TrackingResult } from "../carrier-adapter";
import { MalformedResponseError } from "../common/carrier-errors";
import {
  classification,
  classify,
  lookupCode,
  matchTextRule,
  type Classification,
} from "../common/code-table";
import { carrierErrorFromCodes, carrierErrorFromStatus } from "../common/error-codes";
import { parseCarrierTimestamp } from "../common/local-time";
import { eventLocation, normalizedEvent } from "../common/normalized-event";
import type { ZoneHint } from "../common/time-zones";
import {
  isSuccessStatus,
  matchingOrFirst,
  sameTrackingNumber,
  type ResponseContext,
} from "../common/response-context";
import { trackingResult } from "../common/tracking-result";
import { parseJson, validate } from "../common/validation";
import {
  FEDEX_ERROR_KINDS,
  FEDEX_EVENT_CODES,
  FEDEX_EXCEPTION_CODES,
  FEDEX_EXCEPTION_TEXT_RULES,
  FEDEX_PARTNER_CARRIERS,
} from "./codes";
import {
  fedexDocumentResponseSchema,
  fedexErrorResponseSchema,
  fedexTrackResponseSchema,
  type FedexAddress,
  type FedexScanEvent,
  type FedexTrackResult,
} from "./schema";

const EXCEPTION_SUBSTATUSES = new Set(["carrier_failure", "carrier"]);

export function classifyFedexEvent(event: {
  eventType?: string;
  derivedStatusCode?: string;
  exceptionCode?: string;
  exceptionDescription?: string;
}): Classification {
  const code = lookupCode(FEDEX_EVENT_CODES, event.eventType) ? event.eventType : event.derivedStatusCode;
  const base = classify({ code, text: null }, { codes: FEDEX_EVENT_CODES, fallback: "in_transit" });
  if (!EXCEPTION_SUBSTATUSES.has(base.substatus)) return base;
  const reason =
    lookupCode(FEDEX_EXCEPTION_CODES, event.exceptionCode) ??
    matchTextRule(FEDEX_EXCEPTION_TEXT_RULES, event.exceptionDescription);
  return reason ? classification(reason) : base;
}

function placeOf(address: FedexAddress | undefined): ZoneHint | null {
  return address
    ? { country: address.countryCode ?? null, region: address.stateOrProvinceCode ?? null }
    : null;
}

function scanEvent(event: FedexScanEvent) {
  const address = event.scanLocation;
  const location = eventLocation({
    city: address?.city,
    region: address?.stateOrProvinceCode,
    postalCode: address?.postalCode,
    country: address?.countryCode,
  });
  const time = parseCarrierTimestamp(event.date, location);
  if (!time)
    throw new MalformedResponseError("fedex", `fedex scan event has an unreadable date "${event.date}"`);
  const description = [event.eventDescription, event.exceptionDescription].filter(Boolean).join(": ");
  return normalizedEvent("fedex", {
    classification: classifyFedexEvent(event),
    time,
    location,
    description,
    rawCode: event.eventType ?? event.derivedStatusCode,
    rawText: event.eventDescription,
  });
}

function dateOfType(result: FedexTrackResult, type: string, place: ZoneHint | null): Date | null {
  const entry = result.dateAndTimes.find((item) => item.type === type);
  return parseCarrierTimestamp(entry?.dateTime, place)?.occurredAt ?? null;
}

function estimatedDelivery(result: FedexTrackResult, place: ZoneHint | null): Date | null {
  const window = result.estimatedDeliveryTimeWindow?.window;
  return (
    dateOfType(result, "ESTIMATED_DELIVERY", place) ??
    parseCarrierTimestamp(window?.ends, place)?.occurredAt ??
    parseCarrierTimestamp(window?.begins, place)?.occurredAt ??
    dateOfType(result, "COMMITMENT", place)
  );
}

function handOff(result: FedexTrackResult): HandOff | null {
  const carrierCode = result.trackingNumberInfo?.carrierCode;
  const partner = carrierCode ? FEDEX_PARTNER_CARRIERS[carrierCode] : undefined;
  const number = result.additionalTrackingInfo?.packageIdentifiers?.find(
    (identifier) => identifier.type === "PARTNER_CARRIER_NUMBER",
  )?.value;
  return partner && number ? { carrier: partner, trackingNumber: number } : null;
}

function hasTrackingData(result: FedexTrackResult): boolean {
  return result.scanEvents.length > 0 || Boolean(result.latestStatusDetail?.code);
}

/** A FedEx Track API body (success or error) to the normalized result, or the typed error it stands for. */
export function parseFedexResponse(body: string, context: ResponseContext = {}): TrackingResult {
  const json = parseJson("fedex", body);
  const errorBody = fedexErrorResponseSchema.safeParse(json);
  if (errorBody.success) {
    throw carrierErrorFromCodes("fedex", errorBody.data.errors, FEDEX_ERROR_KINDS, context.httpStatus);
  }
  if (!isSuccessStatus(context.httpStatus)) throw carrierErrorFromStatus("fedex", context.httpStatus ?? 0);
  if (fedexDocumentResponseSchema.safeParse(json).success) {
    throw new MalformedResponseError(
      "fedex",
      "fedex answered with a proof-of-delivery document, not tracking data",
    );
  }

  const { trackingNumber } = context;
  const data = validate("fedex", fedexTrackResponseSchema, json);
  const complete = matchingOrFirst(
    data.output.completeTrackResults,
    (item) =>
      sameTrackingNumber(item.trackingNumber, trackingNumber) ||
      item.trackResults.some((result) =>
        sameTrackingNumber(result.trackingNumberInfo?.trackingNumber, trackingNumber),
      ),
  );
  const result = complete?.trackResults[0];
  if (!result) throw new MalformedResponseError("fedex", "fedex response has no track results");
  // FedEx's own examples carry an `error` next to full tracking data; only a result without data is an error.
  if (result.error && !hasTrackingData(result)) {
    throw carrierErrorFromCodes("fedex", [result.error], FEDEX_ERROR_KINDS, context.httpStatus);
  }

  const place =
    placeOf(result.destinationLocation?.locationContactAndAddress?.address) ??
    placeOf(result.recipientInformation?.address);
  const latest = result.latestStatusDetail;
  return trackingResult({
    // FedEx lists scans newest first.
    events: [...result.scanEvents].reverse().map(scanEvent),
    currentStatus: latest?.code
      ? classifyFedexEvent({ eventType: latest.code, derivedStatusCode: latest.derivedCode })
      : null,
    estimatedDeliveryAt: estimatedDelivery(result, place),
    carrierDeliveredAt: dateOfType(result, "ACTUAL_DELIVERY", place),
    handOff: handOff(result),
  });
}
