import { calendarDayOf, dayNumberOf, type CalendarDay } from "../delivery-windows/calendar-day";
import type { StatsFilters } from "./report-types";

// The analytics page's filters from its URL. Anything unreadable falls back to the default (the last 90 days,
// every carrier, service and destination) instead of failing the page.

export const DEFAULT_RANGE_DAYS = 90;
const LONGEST_RANGE_DAYS = 3 * 366;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DESTINATION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
const NAME = /^[\w .&'/-]{1,64}$/u;

export function parseStatsFilters(
  searchParams: URLSearchParams,
  { today }: { today: CalendarDay },
): StatsFilters {
  const todayNumber = dayNumberOf(today);
  let to = dayParam(searchParams.get("to")) ?? todayNumber;
  let from = dayParam(searchParams.get("from")) ?? to - (DEFAULT_RANGE_DAYS - 1);
  if (from > to) [from, to] = [to, from];
  if (to - from >= LONGEST_RANGE_DAYS) from = to - (LONGEST_RANGE_DAYS - 1);
  return {
    from: calendarDayOf(from),
    to: calendarDayOf(to),
    carrier: nameParam(searchParams.get("carrier")),
    service: nameParam(searchParams.get("service")),
    destination: destinationParam(searchParams.get("destination")),
  };
}

function dayParam(value: string | null): number | null {
  if (!value || !DAY.test(value)) return null;
  const dayNumber = dayNumberOf(value);
  return calendarDayOf(dayNumber) === value ? dayNumber : null;
}

function nameParam(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed && NAME.test(trimmed) ? trimmed : null;
}

function destinationParam(value: string | null): string | null {
  const upper = value?.trim().toUpperCase();
  return upper && DESTINATION.test(upper) ? upper : null;
}

// The same-length period that ends the day before `from`.
export function previousRange(filters: Pick<StatsFilters, "from" | "to">): {
  from: CalendarDay;
  to: CalendarDay;
} {
  const from = dayNumberOf(filters.from);
  const length = dayNumberOf(filters.to) - from + 1;
  return { from: calendarDayOf(from - length), to: calendarDayOf(from - 1) };
}

// The twelve months up to the month of `to`: the peak-season view.
export function trailingYear(to: CalendarDay): { from: CalendarDay; to: CalendarDay } {
  const [year, month] = to.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 10);
  return { from: start, to };
}
