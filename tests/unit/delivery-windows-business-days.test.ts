import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDayOffset,
  businessDayOnOrAfter,
  isBusinessDay,
} from "../../app/models/delivery-windows/business-days";
import {
  calendarDayOf,
  dayNumberAt,
  dayNumberOf,
  weekdayOf,
} from "../../app/models/delivery-windows/calendar-day";
import { HOLIDAY_YEARS, holidaysOf } from "../../app/models/delivery-windows/holidays";

const day = dayNumberOf;

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher), independent of the holiday table it checks.
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, dayOfMonth) / 86_400_000;
}

describe("calendar days", () => {
  it("round-trips and knows weekdays", () => {
    expect(calendarDayOf(day("2017-09-06"))).toBe("2017-09-06");
    expect(weekdayOf(day("2025-06-09"))).toBe(1); // a Monday
    expect(weekdayOf(day("2017-09-09"))).toBe(6); // a Saturday
  });

  it("takes the calendar day an instant shows in the given zone", () => {
    const lateEveningInSaoPaulo = new Date("2017-09-07T01:30:00Z");
    expect(calendarDayOf(dayNumberAt(lateEveningInSaoPaulo, "UTC"))).toBe("2017-09-07");
    expect(calendarDayOf(dayNumberAt(lateEveningInSaoPaulo, "America/Sao_Paulo"))).toBe("2017-09-06");
  });
});

describe("business days", () => {
  it("skips weekends everywhere and each country's holidays", () => {
    expect(isBusinessDay(day("2017-09-08"), "BR")).toBe(true);
    expect(isBusinessDay(day("2017-09-09"), "BR")).toBe(false);
    expect(isBusinessDay(day("2017-09-07"), "BR")).toBe(false); // Independence Day
    expect(isBusinessDay(day("2017-09-07"), "US")).toBe(true);
    expect(isBusinessDay(day("2026-07-03"), "US")).toBe(false); // 4 July on a Saturday, observed Friday
    expect(isBusinessDay(day("2017-09-07"), undefined)).toBe(true);
    expect(isBusinessDay(day("2017-09-07"), "br")).toBe(false);
  });

  it("counts the business days after the anchor up to and including the day", () => {
    expect(businessDayOffset(day("2017-09-08"), day("2017-09-11"), "BR")).toBe(1); // Friday → Monday
    expect(businessDayOffset(day("2017-09-08"), day("2017-09-09"), "BR")).toBe(0); // Saturday counts as Friday
    expect(businessDayOffset(day("2017-09-06"), day("2017-09-08"), "BR")).toBe(1); // across the 7 Sep holiday
    expect(businessDayOffset(day("2017-09-06"), day("2017-09-08"), "US")).toBe(2);
    expect(businessDayOffset(day("2017-09-11"), day("2017-09-08"), "BR")).toBe(-1);
    expect(addBusinessDays(day("2017-09-06"), 1, "BR")).toBe(day("2017-09-08"));
    expect(addBusinessDays(day("2017-09-09"), 0, "BR")).toBe(day("2017-09-09"));
    expect(addBusinessDays(day("2017-09-11"), -1, "BR")).toBe(day("2017-09-08"));
    expect(businessDayOnOrAfter(day("2017-09-07"), "BR")).toBe(day("2017-09-08"));
    expect(businessDayOnOrAfter(day("2017-09-09"), "BR")).toBe(day("2017-09-11"));
  });

  it("makes addBusinessDays and businessDayOffset inverses, from any anchor", () => {
    for (const country of ["BR", "US", undefined]) {
      for (let anchor = day("2017-02-20"); anchor < day("2017-03-06"); anchor++) {
        for (let offset = -25; offset <= 25; offset++) {
          const landed = addBusinessDays(anchor, offset, country);
          expect(businessDayOffset(anchor, landed, country)).toBe(offset);
          if (offset !== 0) expect(isBusinessDay(landed, country)).toBe(true);
        }
      }
    }
  });
});

describe("holiday tables", () => {
  it("place Brazil's movable days from Easter and list every national day each table year", () => {
    for (const year of HOLIDAY_YEARS) {
      const holidays = new Set(holidaysOf("BR").filter((holiday) => holiday.startsWith(`${year}-`)));
      const easter = easterSunday(year);
      for (const movable of [easter - 48, easter - 47, easter - 2, easter + 60])
        expect(holidays).toContain(calendarDayOf(movable));
      for (const fixed of ["01-01", "04-21", "05-01", "09-07", "10-12", "11-02", "11-15", "12-25"])
        expect(holidays).toContain(`${year}-${fixed}`);
      expect(holidays.has(`${year}-11-20`)).toBe(year >= 2024);
      expect(holidays.size).toBe(year >= 2024 ? 13 : 12);
    }
  });

  it("list US holidays as observed on weekdays, Thanksgiving on the fourth Thursday", () => {
    for (const year of HOLIDAY_YEARS) {
      const holidays = holidaysOf("US").filter((holiday) => holiday.startsWith(`${year}-`));
      for (const holiday of holidays) expect([1, 2, 3, 4, 5]).toContain(weekdayOf(day(holiday)));
      const thanksgiving = holidays.find((holiday) => holiday.startsWith(`${year}-11-2`));
      expect(thanksgiving && weekdayOf(day(thanksgiving))).toBe(4);
      expect(Number(thanksgiving?.slice(8))).toBeGreaterThanOrEqual(22);
      expect(Number(thanksgiving?.slice(8))).toBeLessThanOrEqual(28);
      expect(holidays.some((holiday) => holiday.startsWith(`${year}-06-1`))).toBe(year >= 2021);
    }
  });
});
