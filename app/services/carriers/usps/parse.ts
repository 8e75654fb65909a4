import type { TrackingResult } from "../carrier-adapter";
import { MalformedResponseError } from "../common/carrier-errors";
import { classification, classify, matchTextRule, type Classification } from "../common/code-table";
import { carrierErrorFromCodes, carrierErrorFromStatus } from "../common/error-codes";
import {
  endOfLocalDay,
  parseCarrierTimestamp,
  parseLocalDateTime,
  parseUtcOffset,
  parseZonedTimestamp,
  resolveLocalTime,
  type ResolvedTime,
} from "../common/local-time";
import { eventLocation, normalizedEvent } from "../common/normalized-event";
import type { ZoneHint } from "../common/time-zones";
import { isSuccessStatus, type ResponseContext } from "../common/response-context";
import { trackingResult } from "../common/tracking-result";
import { parseJson, validate } from "../common/validation";
import {
  USPS_DELIVERED_TEXT_RULES,
  USPS_ERROR_KINDS,
  USPS_EVENT_CODES,
  USPS_EVENT_TEXT_RULES,
} from "./codes";
import {
  uspsApiErrorSchema,
  uspsOAuthErrorSchema,
  uspsTrackingResponseSchema,
  type UspsTrackingEvent,
  type UspsTrackingResponse,
} from "./schema";

export function classifyUspsEvent(
  code: string | null | undefined,
  eventType: string | null | undefined,
): Classification {
  const base = classify(
    { code, text: eventType },
    { codes: USPS_EVENT_CODES, textRules: USPS_EVENT_TEXT_RULES, fallback: "in_transit" },
  );
  if (base.substatus !== "delivered") return base;
  const kind = matchTextRule(USPS_DELIVERED_TEXT_RULES, eventType);
  return kind ? classification(kind, base.known) : base;
}

// GMTTimestamp is the instant (to the second); eventTimestamp is local wall-clock time at GMTOffset.
function eventTime(event: UspsTrackingEvent, place: ZoneHint): ResolvedTime | null {
  const offset = parseUtcOffset(event.GMTOffset);
  const gmt = parseZonedTimestamp(event.GMTTimestamp);
  if (gmt) return { occurredAt: gmt.occurredAt, utcOffsetMinutes: offset };
  const local = parseLocalDateTime(event.eventTimestamp);
  if (local) return resolveLocalTime(local, { offsetMinutes: offset, place });
  return parseCarrierTimestamp(event.eventTimestamp, place);
}

function trackingEvent(event: UspsTrackingEvent) {
  const location = eventLocation({
    city: event.eventCity,
    region: event.eventState,
    postalCode: event.eventZIP,
    // Domestic scans leave the country empty.
    country: event.eventCountry ?? (event.eventState ? "US" : null),
  });
  const time = eventTime(event, location);
  if (!time) {
    throw new MalformedResponseError(
      "usps",
      `usps event has an unreadable time "${event.eventTimestamp ?? ""}"`,
    );
  }
  return normalizedEvent("usps", {
    classification: classifyUspsEvent(event.eventCode, event.eventType),
    time,
    location,
    description: event.eventType,
    rawCode: event.eventCode,
    rawText: event.eventType,
  });
}

function estimatedDelivery(data: UspsTrackingResponse): Date | null {
  const destination = { country: "US", region: data.destinationState ?? null };
  return (
    parseCarrierTimestamp(data.expectedDeliveryTimeStamp, destination)?.occurredAt ??
    endOfLocalDay(data.expectedDeliveryDate, destination)
  );
}

/** A USPS Tracking v3 body (success or error) to the normalized result, or the typed error it stands for. */
export function parseUspsResponse(body: string, context: ResponseContext = {}): TrackingResult {
  const json = parseJson("usps", body);
  const apiError = uspsApiErrorSchema.safeParse(json);
  if (apiError.success) {
    const { code, message } = apiError.data.error;
    throw carrierErrorFromCodes("usps", [{ code, message }], USPS_ERROR_KINDS, context.httpStatus);
  }
  const oauthError = uspsOAuthErrorSchema.safeParse(json);
  if (oauthError.success) {
    const { error, error_description } = oauthError.data;
    throw carrierErrorFromCodes(
      "usps",
      [{ code: error, message: error_description }],
      USPS_ERROR_KINDS,
      context.httpStatus,
    );
  }
  if (!isSuccessStatus(context.httpStatus)) throw carrierErrorFromStatus("usps", context.httpStatus ?? 0);

  const data = validate("usps", uspsTrackingResponseSchema, json);
  const summary = data.status ?? data.statusCategory;
  return trackingResult({
    // USPS lists events newest first.
    events: [...data.trackingEvents].reverse().map(trackingEvent),
    currentStatus: summary ? classifyUspsEvent(null, summary) : null,
    estimatedDeliveryAt: estimatedDelivery(data),
  });
}
