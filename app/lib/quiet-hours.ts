// When a message may go out: quiet hours are read on the shopper's wall clock, and a message that falls inside
// them is held until they end, not dropped (a "delivered" text at 08:00 is still news).

export type QuietHours = { enabled: boolean; start: string; end: string };

import { wallClock, zoneOffsetMs } from "./wall-clock";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function nextSendTime({
  now,
  timeZone,
  quietHours,
}: {
  now: Date;
  timeZone: string;
  quietHours: QuietHours;
}): Date {
  if (!quietHours.enabled) return now;
  const start = minutesOfDay(quietHours.start);
  const end = minutesOfDay(quietHours.end);
  const local = wallClock(now.getTime(), timeZone);
  const minute = local.hour * 60 + local.minute;
  if (!isQuiet(minute, start, end)) return now;
  // Still quiet at or after the end time means the window started this evening and ends tomorrow morning.
  const endsTomorrow = minute >= end;
  const endWallTime = Date.UTC(
    local.year,
    local.month - 1,
    local.day + (endsTomorrow ? 1 : 0),
    Math.floor(end / 60),
    end % 60,
  );
  return new Date(firstInstantShowing({ wallTime: endWallTime, timeZone, after: now.getTime() }));
}

function isQuiet(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function minutesOfDay(clock: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  if (!match) throw new RangeError(`Quiet hours must be HH:MM, got "${clock}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

// The first instant after `after` at which the zone's clocks read `wallTime` (a wall-clock time written as if it
// were UTC) or later. Around a DST change the offset before and after it give two candidates: in the autumn both
// can be valid (the hour repeats) and the earlier one still ahead wins; in the spring neither is (the time is
// skipped) and the answer is the moment the clocks jump past it.
function firstInstantShowing({
  wallTime,
  timeZone,
  after,
}: {
  wallTime: number;
  timeZone: string;
  after: number;
}): number {
  const offsetBefore = offsetAt(wallTime - DAY, timeZone);
  const offsetAfter = offsetAt(wallTime + DAY, timeZone);
  const candidates = [wallTime - offsetBefore, wallTime - offsetAfter]
    .filter((instant) => instant > after && wallTimeOf(instant, timeZone) === wallTime)
    .sort((a, b) => a - b);
  const [earliest] = candidates;
  if (earliest !== undefined) return earliest;
  return clockJump({
    from: wallTime - Math.max(offsetBefore, offsetAfter),
    to: wallTime - Math.min(offsetBefore, offsetAfter),
    offsetBefore,
    timeZone,
  });
}

// Offsets change on whole minutes, so a minute-wide bisection finds the exact instant.
function clockJump({
  from,
  to,
  offsetBefore,
  timeZone,
}: {
  from: number;
  to: number;
  offsetBefore: number;
  timeZone: string;
}): number {
  let low = from;
  let high = to;
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (offsetAt(middle, timeZone) === offsetBefore) low = middle;
    else high = middle;
  }
  return high;
}

const offsetAt = (instant: number, timeZone: string) => zoneOffsetMs(instant, timeZone);

function wallTimeOf(instant: number, timeZone: string): number {
  const { year, month, day, hour, minute, second } = wallClock(instant, timeZone);
  return Date.UTC(year, month - 1, day, hour, minute, second);
}
