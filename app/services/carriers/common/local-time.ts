import { zoneOffsetMs, type WallClock } from "../../../lib/wall-clock";
import { timeZoneFor, type ZoneHint } from "./time-zones";

export type LocalDateTime = WallClock;

export interface ResolvedTime {
  occurredAt: Date;
  /** Only when the carrier stated the offset; an offset we inferred from the place stays null. */
  utcOffsetMinutes: number | null;
}

const LOCAL_PATTERN = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?)?$/;

/** "2024-11-22T13:58:00", "2024-11-22 13:58", "20210210" + "071356" joined by the caller, or a bare date. */
export function parseLocalDateTime(text: string | null | undefined): LocalDateTime | null {
  const match = text?.trim().match(LOCAL_PATTERN);
  if (!match) return null;
  const [, year, month, day, hour = "0", minute = "0", second = "0"] = match;
  const local = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  };
  return isValidLocal(local) ? local : null;
}

function isValidLocal(local: LocalDateTime): boolean {
  const probe = new Date(
    Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second),
  );
  return (
    probe.getUTCFullYear() === local.year &&
    probe.getUTCMonth() === local.month - 1 &&
    probe.getUTCDate() === local.day &&
    probe.getUTCHours() === local.hour &&
    probe.getUTCMinutes() === local.minute
  );
}

/** "-05:00", "+0530", "GMT-04:00", "UTC", "Z" to minutes east of UTC; null when unreadable. */
export function parseUtcOffset(text: string | null | undefined): number | null {
  const trimmed = text?.trim().toUpperCase();
  if (!trimmed) return null;
  if (trimmed === "Z" || trimmed === "UTC" || trimmed === "GMT") return 0;
  const match = trimmed.match(/^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/);
  if (!match) return null;
  const [, sign, hours, minutes = "0"] = match;
  const total = Number(hours) * 60 + Number(minutes);
  return sign === "-" ? -total : total;
}

function asUtcMs(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

export function instantAtOffset(local: LocalDateTime, offsetMinutes: number): Date {
  return new Date(asUtcMs(local) - offsetMinutes * 60_000);
}

function zoneOffsetMinutes(timeZone: string, atMs: number): number {
  return Math.round(zoneOffsetMs(atMs, timeZone) / 60_000);
}

/** The instant a wall-clock time in an IANA zone stands for (the earlier one when a DST change repeats it). */
export function instantInZone(local: LocalDateTime, timeZone: string): Date {
  const wallMs = asUtcMs(local);
  const firstGuess = wallMs - zoneOffsetMinutes(timeZone, wallMs) * 60_000;
  const corrected = wallMs - zoneOffsetMinutes(timeZone, firstGuess) * 60_000;
  return new Date(corrected);
}

/**
 * A scan's local time to its instant: with the carrier's stated offset when there is one, otherwise in the zone of
 * the scan's place, otherwise read as UTC (the place is unknown or spans several zones).
 */
export function resolveLocalTime(
  local: LocalDateTime,
  { offsetMinutes = null, place = null }: { offsetMinutes?: number | null; place?: ZoneHint | null },
): ResolvedTime {
  if (offsetMinutes !== null) {
    return { occurredAt: instantAtOffset(local, offsetMinutes), utcOffsetMinutes: offsetMinutes };
  }
  const zone = place ? timeZoneFor(place) : null;
  return {
    occurredAt: zone ? instantInZone(local, zone) : instantAtOffset(local, 0),
    utcOffsetMinutes: null,
  };
}

/** An ISO 8601 timestamp that carries its own offset ("…Z", "…-07:00"); null when it has none or is invalid. */
export function parseZonedTimestamp(text: string | null | undefined): ResolvedTime | null {
  const match = text?.trim().match(/^(.+?)(Z|[+-]\d{2}:?\d{2})$/i);
  if (!match) return null;
  const [, localText, offsetText] = match;
  const local = parseLocalDateTime(localText);
  const offset = parseUtcOffset(offsetText);
  if (!local || offset === null) return null;
  return { occurredAt: instantAtOffset(local, offset), utcOffsetMinutes: offset };
}

/** A timestamp with or without its own offset; without one, read in the zone of `place`. */
export function parseCarrierTimestamp(
  text: string | null | undefined,
  place: ZoneHint | null = null,
): ResolvedTime | null {
  const zoned = parseZonedTimestamp(text);
  if (zoned) return zoned;
  const local = parseLocalDateTime(text);
  return local ? resolveLocalTime(local, { place }) : null;
}

/**
 * A carrier's date-only delivery estimate: carriers that give a time for it use the end of the day
 * (DHL Express: "23:59 GMT-04:00"), so a bare date becomes 23:59 local at the destination.
 */
export function endOfLocalDay(dateText: string | null | undefined, place: ZoneHint | null): Date | null {
  const local = parseLocalDateTime(dateText);
  if (!local) return null;
  return resolveLocalTime({ ...local, hour: 23, minute: 59, second: 0 }, { place }).occurredAt;
}
