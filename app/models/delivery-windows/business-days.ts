import { weekdayOf } from "./calendar-day";
import { holidayDayNumbers } from "./holidays";

// Transit is counted in the destination's business days, so an order placed on a Friday and one placed on a
// Monday share one distribution. A delivery on a weekend or holiday counts as the nearest business day towards
// the anchor (Saturday after a Friday anchor → offset 0).

const SUNDAY = 0;
const SATURDAY = 6;

export function isBusinessDay(dayNumber: number, country: string | undefined): boolean {
  const weekday = weekdayOf(dayNumber);
  return weekday !== SUNDAY && weekday !== SATURDAY && !holidayDayNumbers(country).has(dayNumber);
}

/**
 * Signed business days from `anchor` to `day`: for a later day, the business days in (anchor, day]; for an
 * earlier one, minus the business days in [day, anchor). Inverse of addBusinessDays on business days.
 */
export function businessDayOffset(anchor: number, day: number, country: string | undefined): number {
  let count = 0;
  if (day >= anchor) {
    for (let current = anchor + 1; current <= day; current++) if (isBusinessDay(current, country)) count++;
    return count;
  }
  for (let current = day; current < anchor; current++) if (isBusinessDay(current, country)) count--;
  return count;
}

/** The `offset`-th business day after `anchor` (before it when negative); `anchor` itself for 0. */
export function addBusinessDays(anchor: number, offset: number, country: string | undefined): number {
  let day = anchor;
  let remaining = Math.abs(offset);
  const step = offset < 0 ? -1 : 1;
  while (remaining > 0) {
    day += step;
    if (isBusinessDay(day, country)) remaining--;
  }
  return day;
}

export function businessDayOnOrAfter(day: number, country: string | undefined): number {
  let current = day;
  while (!isBusinessDay(current, country)) current++;
  return current;
}
