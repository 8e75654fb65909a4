import { wallClock } from "../../lib/wall-clock";

// A calendar day as "YYYY-MM-DD". Inside the predictor days are whole numbers (days since 1970-01-01), so
// differences between days are plain subtraction.
export type CalendarDay = string;

const DAY_MS = 86_400_000;
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumberOf(day: CalendarDay): number {
  const match = CALENDAR_DAY.exec(day);
  if (!match) throw new Error(`not a calendar day (YYYY-MM-DD): ${day}`);
  const [, year, month, dayOfMonth] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(dayOfMonth)) / DAY_MS;
}

export function calendarDayOf(dayNumber: number): CalendarDay {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The day a wall calendar in `timeZone` shows at `instant`. */
export function dayNumberAt(instant: Date, timeZone: string): number {
  const { year, month, day } = wallClock(instant.getTime(), timeZone);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The Monday of the week `day` is in. */
export function weekStartOf(day: CalendarDay): CalendarDay {
  const dayNumber = dayNumberOf(day);
  return calendarDayOf(dayNumber - ((weekdayOf(dayNumber) + 6) % 7));
}
