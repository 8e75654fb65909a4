import { dayNumberOf, type CalendarDay } from "./calendar-day";

// Days on which the national post does not deliver, besides weekends. One table per country, not per carrier:
// private carriers keep their own calendars (UPS and FedEx work on Columbus and Veterans Day), which can put a
// business-day count one day off around those dates. Years outside HOLIDAY_YEARS count weekends only.
//
// BR: national holidays plus Carnival Monday/Tuesday and Corpus Christi, optional days on which Correios does
// not deliver; Black Consciousness Day (20 Nov) is national from 2024 (Lei 14.759/2023). Brazil does not move
// holidays off weekends.
// US: federal holidays as observed (Saturday → Friday, Sunday → Monday), i.e. USPS closures; Juneteenth from
// 2021. 2027-12-31 is New Year's Day 2028 observed.
export const HOLIDAY_YEARS = [2016, 2017, 2018, 2025, 2026, 2027] as const;

const HOLIDAYS: Readonly<Record<string, readonly CalendarDay[]>> = {
  BR: [
    ...["2016-01-01", "2016-02-08", "2016-02-09", "2016-03-25", "2016-04-21", "2016-05-01", "2016-05-26"],
    ...["2016-09-07", "2016-10-12", "2016-11-02", "2016-11-15", "2016-12-25"],
    ...["2017-01-01", "2017-02-27", "2017-02-28", "2017-04-14", "2017-04-21", "2017-05-01", "2017-06-15"],
    ...["2017-09-07", "2017-10-12", "2017-11-02", "2017-11-15", "2017-12-25"],
    ...["2018-01-01", "2018-02-12", "2018-02-13", "2018-03-30", "2018-04-21", "2018-05-01", "2018-05-31"],
    ...["2018-09-07", "2018-10-12", "2018-11-02", "2018-11-15", "2018-12-25"],
    ...["2025-01-01", "2025-03-03", "2025-03-04", "2025-04-18", "2025-04-21", "2025-05-01", "2025-06-19"],
    ...["2025-09-07", "2025-10-12", "2025-11-02", "2025-11-15", "2025-11-20", "2025-12-25"],
    ...["2026-01-01", "2026-02-16", "2026-02-17", "2026-04-03", "2026-04-21", "2026-05-01", "2026-06-04"],
    ...["2026-09-07", "2026-10-12", "2026-11-02", "2026-11-15", "2026-11-20", "2026-12-25"],
    ...["2027-01-01", "2027-02-08", "2027-02-09", "2027-03-26", "2027-04-21", "2027-05-01", "2027-05-27"],
    ...["2027-09-07", "2027-10-12", "2027-11-02", "2027-11-15", "2027-11-20", "2027-12-25"],
  ],
  US: [
    ...["2016-01-01", "2016-01-18", "2016-02-15", "2016-05-30", "2016-07-04", "2016-09-05", "2016-10-10"],
    ...["2016-11-11", "2016-11-24", "2016-12-26"],
    ...["2017-01-02", "2017-01-16", "2017-02-20", "2017-05-29", "2017-07-04", "2017-09-04", "2017-10-09"],
    ...["2017-11-10", "2017-11-23", "2017-12-25"],
    ...["2018-01-01", "2018-01-15", "2018-02-19", "2018-05-28", "2018-07-04", "2018-09-03", "2018-10-08"],
    ...["2018-11-12", "2018-11-22", "2018-12-25"],
    ...["2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01"],
    ...["2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25"],
    ...["2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07"],
    ...["2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"],
    ...["2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06"],
    ...["2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31"],
  ],
};

const NO_HOLIDAYS: ReadonlySet<number> = new Set();
const holidaySets = new Map<string, ReadonlySet<number>>(
  Object.entries(HOLIDAYS).map(([country, days]) => [country, new Set(days.map(dayNumberOf))]),
);

export function holidayCountries(): string[] {
  return Object.keys(HOLIDAYS);
}

export function holidaysOf(country: string | undefined): readonly CalendarDay[] {
  return (country && HOLIDAYS[country.toUpperCase()]) || [];
}

export function holidayDayNumbers(country: string | undefined): ReadonlySet<number> {
  return (country && holidaySets.get(country.toUpperCase())) || NO_HOLIDAYS;
}
