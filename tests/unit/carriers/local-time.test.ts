import { describe, expect, it } from "vitest";
import {
  endOfLocalDay,
  parseCarrierTimestamp,
  parseLocalDateTime,
  parseUtcOffset,
  resolveLocalTime,
} from "../../../app/services/carriers/common/local-time";
import { countryCode, timeZoneFor } from "../../../app/services/carriers/common/time-zones";

function local(text: string) {
  const parsed = parseLocalDateTime(text);
  if (!parsed) throw new Error(`unreadable ${text}`);
  return parsed;
}

describe("scan times to instants", () => {
  it("reads carrier offsets in their many spellings", () => {
    expect(parseUtcOffset("-05:00")).toBe(-300);
    expect(parseUtcOffset("+0530")).toBe(330);
    expect(parseUtcOffset("GMT-04:00")).toBe(-240);
    expect(parseUtcOffset("Z")).toBe(0);
    expect(parseUtcOffset("UTC")).toBe(0);
    expect(parseUtcOffset("")).toBeNull();
    expect(parseUtcOffset("EST")).toBeNull();
  });

  it("keeps a stated offset and returns the instant it implies", () => {
    const time = parseCarrierTimestamp("2018-02-02T12:01:00-07:00");
    expect(time?.occurredAt.toISOString()).toBe("2018-02-02T19:01:00.000Z");
    expect(time?.utcOffsetMinutes).toBe(-420);
  });

  it("reads an offset-less time in the zone of its place, without claiming an offset", () => {
    const winter = resolveLocalTime(local("2024-01-15T09:00:00"), { place: { country: "US", region: "CA" } });
    const summer = resolveLocalTime(local("2024-07-15T09:00:00"), { place: { country: "US", region: "CA" } });
    expect(winter.occurredAt.toISOString()).toBe("2024-01-15T17:00:00.000Z");
    expect(summer.occurredAt.toISOString()).toBe("2024-07-15T16:00:00.000Z");
    expect(summer.utcOffsetMinutes).toBeNull();
  });

  it("uses single-zone countries, Canadian postal codes, and falls back to UTC when the place is unknown", () => {
    expect(timeZoneFor({ country: "IT" })).toBe("Europe/Rome");
    expect(timeZoneFor({ country: "CA", postalCode: "V6B 1A1" })).toBe("America/Vancouver");
    expect(timeZoneFor({ country: "US" })).toBeNull();
    const unknown = resolveLocalTime(local("2024-07-15T09:00:00"), { place: { country: "US" } });
    expect(unknown.occurredAt.toISOString()).toBe("2024-07-15T09:00:00.000Z");
  });

  it("resolves times on both sides of a DST change, and the earlier of a repeated hour", () => {
    const newYork = { country: "US", region: "NY" };
    expect(resolveLocalTime(local("2024-03-10T01:30:00"), { place: newYork }).occurredAt.toISOString()).toBe(
      "2024-03-10T06:30:00.000Z",
    );
    expect(resolveLocalTime(local("2024-03-10T03:30:00"), { place: newYork }).occurredAt.toISOString()).toBe(
      "2024-03-10T07:30:00.000Z",
    );
    // 01:30 happens twice on 3 Nov 2024 in New York: first in EDT (05:30Z), then in EST (06:30Z).
    expect(resolveLocalTime(local("2024-11-03T01:30:00"), { place: newYork }).occurredAt.toISOString()).toBe(
      "2024-11-03T05:30:00.000Z",
    );
  });

  it("turns a date-only estimate into 23:59 at the destination", () => {
    expect(endOfLocalDay("2011-04-05", { country: "CA", region: "ON" })?.toISOString()).toBe(
      "2011-04-06T03:59:00.000Z",
    );
    expect(endOfLocalDay("not a date", null)).toBeNull();
  });

  it("rejects impossible dates instead of rolling them over", () => {
    expect(parseLocalDateTime("2021-02-30T10:00:00")).toBeNull();
    expect(parseLocalDateTime("20210210T071356")).toEqual({
      year: 2021,
      month: 2,
      day: 10,
      hour: 7,
      minute: 13,
      second: 56,
    });
  });

  it("recognises countries by code, alpha-3 and English name", () => {
    expect(countryCode("JAM")).toBe("JM");
    expect(countryCode("Spain")).toBe("ES");
    expect(countryCode("Hong Kong")).toBe("HK");
    expect(countryCode("Atlantis")).toBeNull();
  });
});
