import { calendarDayOf, dayNumberOf, weekdayOf, type CalendarDay } from "../delivery-windows/calendar-day";

// A day range as the fewest stored rollup periods: its whole months, then the whole weeks left at either end,
// then the days left over. Each span is inclusive, in its grain's own period keys.
export type Grain = "day" | "week" | "month";
export type PeriodSpan = { grain: Grain; from: string; to: string };

export function spansFor(from: CalendarDay, to: CalendarDay): PeriodSpan[] {
  const first = dayNumberOf(from);
  const last = dayNumberOf(to);
  const monthsFrom = isMonthStart(first) ? first : nextMonthStart(first);
  const monthsTo = isMonthEnd(last) ? last : monthStart(last) - 1;
  if (monthsFrom > monthsTo) return weeksAndDays(first, last);
  return [
    ...weeksAndDays(first, monthsFrom - 1),
    { grain: "month", from: calendarDayOf(monthsFrom).slice(0, 7), to: calendarDayOf(monthsTo).slice(0, 7) },
    ...weeksAndDays(monthsTo + 1, last),
  ];
}

// The weeks a range touches: the whole ones (stored per week) and the partial ones at its ends (their days).
export function weekSpans(
  from: CalendarDay,
  to: CalendarDay,
): { weeks: PeriodSpan | null; days: PeriodSpan[] } {
  const first = dayNumberOf(from);
  const last = dayNumberOf(to);
  const { weeksFrom, weeksTo } = wholeWeeks(first, last);
  if (weeksFrom > weeksTo) return { weeks: null, days: [daySpan(first, last)] };
  return {
    weeks: { grain: "week", from: calendarDayOf(weeksFrom), to: calendarDayOf(weeksTo - 6) },
    days: [daySpan(first, weeksFrom - 1), daySpan(weeksTo + 1, last)].filter((span) => span.from <= span.to),
  };
}

function weeksAndDays(first: number, last: number): PeriodSpan[] {
  if (first > last) return [];
  const { weeksFrom, weeksTo } = wholeWeeks(first, last);
  if (weeksFrom > weeksTo) return [daySpan(first, last)];
  return [
    ...(first < weeksFrom ? [daySpan(first, weeksFrom - 1)] : []),
    { grain: "week" as const, from: calendarDayOf(weeksFrom), to: calendarDayOf(weeksTo - 6) },
    ...(weeksTo < last ? [daySpan(weeksTo + 1, last)] : []),
  ];
}

// From the first Monday on or after `first` to the last Sunday on or before `last`.
function wholeWeeks(first: number, last: number) {
  const weeksFrom = first + ((8 - weekdayOf(first)) % 7);
  const weeksTo = last - (weekdayOf(last) % 7);
  return { weeksFrom, weeksTo };
}

const daySpan = (first: number, last: number): PeriodSpan => ({
  grain: "day",
  from: calendarDayOf(first),
  to: calendarDayOf(last),
});

function monthStart(dayNumber: number): number {
  return dayNumberOf(`${calendarDayOf(dayNumber).slice(0, 7)}-01`);
}

function nextMonthStart(dayNumber: number): number {
  const [year, month] = calendarDayOf(dayNumber).split("-").map(Number) as [number, number];
  return Date.UTC(year, month, 1) / 86_400_000;
}

const isMonthStart = (dayNumber: number) => calendarDayOf(dayNumber).endsWith("-01");
const isMonthEnd = (dayNumber: number) => isMonthStart(dayNumber + 1);
