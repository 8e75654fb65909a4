import type { HandOff, NormalizedEvent, TrackingResult } from "../carrier-adapter";
import { MalformedResponseError, TrackingNotFoundError } from "../common/carrier-errors";
import {
  classification,
  classify,
  lookupCode,
  matchTextRule,
  type Classification,
} from "../common/code-table";
import { carrierErrorFromCodes, carrierErrorFromStatus } from "../common/error-codes";
import {
  instantAtOffset,
  parseLocalDateTime,
  parseUtcOffset,
  resolveLocalTime,
  type ResolvedTime,
} from "../common/local-time";
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
  UPS_ACTIVITY_CODES,
  UPS_ERROR_KINDS,
  UPS_EXCEPTION_TEXT_RULES,
  UPS_HAND_OFF_NUMBER_TYPES,
  UPS_STATUS_TYPES,
} from "./codes";
import { upsErrorResponseSchema, upsTrackResponseSchema, type UpsActivity, type UpsPackage } from "./schema";

type UpsStatus = UpsActivity["status"];

export function classifyUpsStatus(status: UpsStatus): Classification {
  const byType = lookupCode(UPS_STATUS_TYPES, status?.type);
  if (status?.type === "X" && !lookupCode(UPS_ACTIVITY_CODES, status.code)) {
    const byText = matchTextRule(UPS_EXCEPTION_TEXT_RULES, status.description);
    if (byText) return classification(byText, false);
  }
  return classify(
    { code: status?.code, text: null },
    { codes: UPS_ACTIVITY_CODES, fallback: byType ?? "in_transit" },
  );
}

/** UPS times are "HHMMSS", sometimes without the leading zero ("74700"). */
function upsDateTime(date: string | undefined, time: string | undefined) {
  if (!date || !time || !/^\d{1,6}$/.test(time)) return null;
  return parseLocalDateTime(`${date}T${time.padStart(6, "0")}`);
}

function activityTime(activity: UpsActivity, place: ZoneHint): ResolvedTime | null {
  const local = upsDateTime(activity.date, activity.time);
  const gmt = upsDateTime(activity.gmtDate, activity.gmtTime);
  if (gmt) {
    const occurredAt = instantAtOffset(gmt, 0);
    const statedOffset = parseUtcOffset(activity.gmtOffset);
    const derivedOffset = local
      ? Math.round((instantAtOffset(local, 0).getTime() - occurredAt.getTime()) / 60_000)
      : null;
    return { occurredAt, utcOffsetMinutes: statedOffset ?? derivedOffset };
  }
  return local ? resolveLocalTime(local, { place }) : null;
}

function activityEvent(activity: UpsActivity): NormalizedEvent {
  const address = activity.location?.address;
  const location = eventLocation({
    city: address?.city,
    region: address?.stateProvince,
    postalCode: address?.postalCode,
    country: address?.countryCode ?? address?.country,
  });
  const time = activityTime(activity, location);
  if (!time)
    throw new MalformedResponseError(
      "ups",
      `ups activity has an impossible date ${activity.date} ${activity.time}`,
    );
  return normalizedEvent("ups", {
    classification: classifyUpsStatus(activity.status),
    time,
    location,
    description: activity.status?.description,
    rawCode: activity.status?.code ?? activity.status?.type,
    rawText: activity.status?.description,
  });
}

function destination(pkg: UpsPackage): ZoneHint | null {
  const entry = pkg.packageAddress.find((item) => item.type?.toUpperCase() === "DESTINATION");
  const address = entry?.address ?? pkg.activity[0]?.location?.address;
  return address
    ? { country: address.countryCode ?? address.country ?? null, region: address.stateProvince ?? null }
    : null;
}

const WINDOW_TYPES = new Set(["EDW", "CDW", "IDW", "CMT"]);

// Rescheduled beats scheduled; the window's end (or the end of the day) is the promise shoppers hold UPS to.
function estimatedDelivery(pkg: UpsPackage, place: ZoneHint | null): Date | null {
  const entry =
    pkg.deliveryDate.find((item) => item.type === "RDD") ??
    pkg.deliveryDate.find((item) => item.type === "SDD");
  const time =
    pkg.deliveryTime?.type && WINDOW_TYPES.has(pkg.deliveryTime.type) ? pkg.deliveryTime.endTime : "235900";
  const local = upsDateTime(entry?.date, time);
  return local ? resolveLocalTime(local, { place }).occurredAt : null;
}

function carrierDeliveredAt(pkg: UpsPackage, place: ZoneHint | null): Date | null {
  const entry = pkg.deliveryDate.find((item) => item.type === "DEL");
  const time = pkg.deliveryTime?.type === "DEL" ? pkg.deliveryTime.endTime : undefined;
  const local = upsDateTime(entry?.date, time);
  return local ? resolveLocalTime(local, { place }).occurredAt : null;
}

function handOff(pkg: UpsPackage): HandOff | null {
  for (const alternate of pkg.alternateTrackingNumber) {
    const carrier = alternate.type ? UPS_HAND_OFF_NUMBER_TYPES[alternate.type] : undefined;
    if (carrier && alternate.number) return { carrier, trackingNumber: alternate.number };
  }
  return null;
}

/** A UPS Track API body (success or error) to the normalized result, or the typed error it stands for. */
export function parseUpsResponse(body: string, context: ResponseContext = {}): TrackingResult {
  const json = parseJson("ups", body);
  const errorBody = upsErrorResponseSchema.safeParse(json);
  if (errorBody.success) {
    throw carrierErrorFromCodes("ups", errorBody.data.response.errors, UPS_ERROR_KINDS, context.httpStatus);
  }
  if (!isSuccessStatus(context.httpStatus)) throw carrierErrorFromStatus("ups", context.httpStatus ?? 0);

  const { trackingNumber } = context;
  const data = validate("ups", upsTrackResponseSchema, json);
  const shipment = matchingOrFirst(data.trackResponse.shipment, (item) =>
    sameTrackingNumber(item.inquiryNumber, trackingNumber),
  );
  const pkg =
    shipment &&
    matchingOrFirst(shipment.package, (item) => sameTrackingNumber(item.trackingNumber, trackingNumber));
  if (!shipment || !pkg) {
    const warning = shipment?.warnings[0];
    throw new TrackingNotFoundError(
      "ups",
      `ups has no package: ${warning?.code ?? ""} ${warning?.message ?? ""}`.trim(),
    );
  }

  const place = destination(pkg);
  // UPS lists activity newest first.
  const events = [...pkg.activity].reverse().map(activityEvent);
  return trackingResult({
    events,
    currentStatus: pkg.currentStatus ? classifyUpsStatus(pkg.currentStatus) : null,
    estimatedDeliveryAt: estimatedDelivery(pkg, place),
    carrierDeliveredAt: carrierDeliveredAt(pkg, place),
    handOff: handOff(pkg),
  });
}
