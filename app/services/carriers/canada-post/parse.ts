import type { TrackingResult } from "../carrier-adapter";
import { MalformedResponseError } from "../common/carrier-errors";
import { classify, type Classification } from "../common/code-table";
import { carrierErrorFromCodes, carrierErrorFromStatus } from "../common/error-codes";
import { endOfLocalDay, parseLocalDateTime, resolveLocalTime } from "../common/local-time";
import { eventLocation, normalizedEvent } from "../common/normalized-event";
import { canadianProvinceFromPostalCode } from "../common/time-zones";
import { isSuccessStatus, type ResponseContext } from "../common/response-context";
import { trackingResult } from "../common/tracking-result";
import { parseXml, validate } from "../common/validation";
import {
  CANADA_POST_ERROR_KINDS,
  CANADA_POST_EVENT_CODES,
  CANADA_POST_PROVINCES,
  CANADA_POST_TEXT_RULES,
  CANADA_POST_TIME_ZONES,
} from "./codes";
import {
  canadaPostMessagesSchema,
  canadaPostTrackingDetailSchema,
  type CanadaPostOccurrence,
  type CanadaPostTrackingDetail,
} from "./schema";

export function classifyCanadaPostEvent(identifier: string, description: string | null): Classification {
  return classify(
    { code: identifier, text: description },
    { codes: CANADA_POST_EVENT_CODES, textRules: CANADA_POST_TEXT_RULES, fallback: "in_transit" },
  );
}

function occurrenceEvent(occurrence: CanadaPostOccurrence) {
  const province = occurrence["event-province"]?.toUpperCase() ?? null;
  const location = eventLocation({
    city: occurrence["event-site"],
    region: province,
    country: province && CANADA_POST_PROVINCES.has(province) ? "CA" : null,
  });
  const local = parseLocalDateTime(`${occurrence["event-date"]}T${occurrence["event-time"]}`);
  if (!local) {
    throw new MalformedResponseError(
      "canada_post",
      `canada_post event has an unreadable time "${occurrence["event-date"]} ${occurrence["event-time"]}"`,
    );
  }
  const zone = occurrence["event-time-zone"]?.toUpperCase();
  const offsetMinutes =
    zone && Object.hasOwn(CANADA_POST_TIME_ZONES, zone) ? (CANADA_POST_TIME_ZONES[zone] ?? null) : null;
  return normalizedEvent("canada_post", {
    classification: classifyCanadaPostEvent(occurrence["event-identifier"], occurrence["event-description"]),
    time: resolveLocalTime(local, { offsetMinutes, place: location }),
    location,
    description: occurrence["event-description"],
    rawCode: occurrence["event-identifier"],
    rawText: occurrence["event-description"],
  });
}

function estimatedDelivery(detail: CanadaPostTrackingDetail): Date | null {
  const postalCode = detail["destination-postal-id"];
  const destination = { country: "CA", region: canadianProvinceFromPostalCode(postalCode), postalCode };
  return endOfLocalDay(detail["changed-expected-date"] ?? detail["expected-delivery-date"], destination);
}

// Canada Post answers with the element itself; fixtures sometimes wrap it.
function unwrap(xml: unknown): unknown {
  if (xml && typeof xml === "object" && "wrapper" in xml) return (xml as { wrapper: unknown }).wrapper;
  return xml;
}

/** A Canada Post tracking-detail (or messages) answer to the normalized result, or its typed error. */
export function parseCanadaPostResponse(body: string, context: ResponseContext = {}): TrackingResult {
  const xml = unwrap(parseXml("canada_post", body));
  const messages = canadaPostMessagesSchema.safeParse(xml);
  if (messages.success) {
    const errors = messages.data.messages.message.map(({ code, description }) => ({
      code,
      message: description ?? "",
    }));
    throw carrierErrorFromCodes("canada_post", errors, CANADA_POST_ERROR_KINDS, context.httpStatus);
  }
  if (!isSuccessStatus(context.httpStatus))
    throw carrierErrorFromStatus("canada_post", context.httpStatus ?? 0);

  const detail = validate("canada_post", canadaPostTrackingDetailSchema, xml)["tracking-detail"];
  return trackingResult({
    // Canada Post lists events newest first.
    events: [...detail["significant-events"].occurrence].reverse().map(occurrenceEvent),
    estimatedDeliveryAt: estimatedDelivery(detail),
  });
}
