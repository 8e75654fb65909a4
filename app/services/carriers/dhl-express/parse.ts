import type { EventLocation, TrackingResult } from "../carrier-adapter";
import {
  carrierError,
  MalformedResponseError,
  TrackingNotFoundError,
  type CarrierError,
} from "../common/carrier-errors";
import { classification, classify, type Classification } from "../common/code-table";
import { carrierErrorFromStatus } from "../common/error-codes";
import { parseLocalDateTime, parseUtcOffset, resolveLocalTime } from "../common/local-time";
import { NO_LOCATION, eventLocation, normalizedEvent, textOrNull } from "../common/normalized-event";
import { countryCode } from "../common/time-zones";
import {
  isSuccessStatus,
  matchingOrFirst,
  sameTrackingNumber,
  type ResponseContext,
} from "../common/response-context";
import { trackingResult } from "../common/tracking-result";
import { parseXml, validate } from "../common/validation";
import { DHL_EXPRESS_CONDITIONS, DHL_EXPRESS_EVENT_CODES } from "./codes";
import {
  dhlExpressErrorResponseSchema,
  dhlExpressTrackingResponseSchema,
  type DhlExpressActionStatus,
  type DhlExpressAwbInfo,
  type DhlExpressShipmentEvent,
} from "./schema";

export function classifyDhlExpressEvent(code: string, signatory: string | null): Classification {
  const base = classify({ code, text: null }, { codes: DHL_EXPRESS_EVENT_CODES, fallback: "in_transit" });
  return base.substatus === "delivered" && textOrNull(signatory) ? classification("signed") : base;
}

/** Service areas read "Barcelona - Spain", "KINGSTON-JAM" or "SPRINGFIELD GARDENS,NY-USA". */
export function serviceAreaLocation(description: string | null): EventLocation {
  const text = textOrNull(description);
  if (!text) return NO_LOCATION;
  const cut = text.lastIndexOf("-");
  const country = cut > 0 ? countryCode(text.slice(cut + 1)) : null;
  if (!country) return eventLocation({ city: text });
  const [city, region] = text.slice(0, cut).split(",");
  return eventLocation({ city, region, country });
}

function shipmentEvent(event: DhlExpressShipmentEvent) {
  const location = serviceAreaLocation(event.ServiceArea?.Description ?? null);
  const local = parseLocalDateTime(`${event.Date}T${event.Time}`);
  if (!local) {
    throw new MalformedResponseError(
      "dhl_express",
      `dhl_express event has an unreadable time "${event.Date} ${event.Time}"`,
    );
  }
  // DHL Express gives the checkpoint's local time without its offset: the service area's zone decides.
  const time = resolveLocalTime(local, { place: location });
  return normalizedEvent("dhl_express", {
    classification: classifyDhlExpressEvent(event.ServiceEvent.EventCode, event.Signatory),
    time,
    location,
    description: event.ServiceEvent.Description,
    rawCode: event.ServiceEvent.EventCode,
    rawText: event.ServiceEvent.Description,
  });
}

function conditionError(status: DhlExpressActionStatus): CarrierError {
  const texts = [status.ActionStatus, ...status.Condition.map((condition) => condition.ConditionData ?? "")];
  const lower = texts.join(" ").toLowerCase();
  const rule = DHL_EXPRESS_CONDITIONS.find(({ phrase }) => lower.includes(phrase));
  const [first] = status.Condition;
  const detail = first
    ? `${first.ConditionCode ?? "?"}: ${textOrNull(first.ConditionData) ?? ""}`
    : status.ActionStatus;
  return carrierError(rule?.kind ?? "carrier_down", "dhl_express", `dhl_express error ${detail}`);
}

// "2021-05-08 03:59:00" (UTC) or "2021-05-07 23:59:00 GMT-04:00".
function estimatedDelivery(awb: DhlExpressAwbInfo): Date | null {
  const info = awb.ShipmentInfo;
  const utc = parseLocalDateTime(info?.EstDlvyDateUTC);
  if (utc) return resolveLocalTime(utc, { offsetMinutes: 0 }).occurredAt;
  const match = info?.EstDlvyDate?.match(/^(\S+ \S+)\s+(\S+)$/);
  const local = parseLocalDateTime(match?.[1]);
  const offset = parseUtcOffset(match?.[2]);
  return local && offset !== null ? resolveLocalTime(local, { offsetMinutes: offset }).occurredAt : null;
}

/** A DHL Express XML-PI tracking answer (or error answer) to the normalized result, or its typed error. */
export function parseDhlExpressResponse(body: string, context: ResponseContext = {}): TrackingResult {
  const xml = parseXml("dhl_express", body);
  const errorBody = dhlExpressErrorResponseSchema.safeParse(xml);
  if (errorBody.success) throw conditionError(errorBody.data.ShipmentTrackingErrorResponse.Response.Status);
  if (!isSuccessStatus(context.httpStatus))
    throw carrierErrorFromStatus("dhl_express", context.httpStatus ?? 0);

  const data = validate("dhl_express", dhlExpressTrackingResponseSchema, xml);
  const awb = matchingOrFirst(data.TrackingResponse.AWBInfo, (item) =>
    sameTrackingNumber(item.AWBNumber, context.trackingNumber),
  );
  if (!awb) throw new TrackingNotFoundError("dhl_express", "dhl_express returned no AWB");
  if (awb.Status.ActionStatus.toLowerCase() !== "success") throw conditionError(awb.Status);

  return trackingResult({
    // DHL Express lists checkpoints oldest first.
    events: (awb.ShipmentInfo?.ShipmentEvent ?? []).map(shipmentEvent),
    estimatedDeliveryAt: estimatedDelivery(awb),
  });
}
