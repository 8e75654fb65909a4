import { describe, expect, it } from "vitest";
import {
  describeChange,
  formatCount,
  formatDayRange,
  formatDays,
  formatHours,
  formatHoursAsDays,
  formatMonth,
  formatPer100,
  formatPercent,
  formatWeek,
} from "../../app/lib/performance-format";
import { carrierLabel, destinationLabel, destinationOptionLabel } from "../../app/lib/performance-labels";
import { matchingPreset, presetRange } from "../../app/lib/stats-date-range";

describe("figure formatting", () => {
  it("writes an em dash where there is nothing to judge", () => {
    for (const format of [
      formatCount,
      formatPercent,
      formatDays,
      formatHoursAsDays,
      formatHours,
      formatPer100,
    ]) {
      expect(format(null)).toBe("—");
    }
  });

  it("writes rates as percentages with one decimal", () => {
    expect(formatPercent(0.8333)).toBe("83.3%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(0)).toBe("0.0%");
    expect(formatPercent(0.00049)).toBe("0.0%");
  });

  it("writes durations in days with one decimal, time to ship from hours", () => {
    expect(formatDays(2.5)).toBe("2.5 days");
    expect(formatDays(3)).toBe("3.0 days");
    expect(formatDays(2.25)).toBe("2.3 days");
    expect(formatHoursAsDays(36)).toBe("1.5 days");
    expect(formatHoursAsDays(6)).toBe("0.3 days");
  });

  it("writes scan freshness in hours, in days past two days", () => {
    expect(formatHours(2.45)).toBe("2.5 h");
    expect(formatHours(47.9)).toBe("47.9 h");
    expect(formatHours(72)).toBe("3.0 days");
  });

  it("writes counts with thousands separators and per-100 figures with one decimal", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatPer100(12)).toBe("12.0");
    expect(formatPer100(3.14159)).toBe("3.1");
  });

  it("names weeks, months and ranges the same on the server and in the browser (UTC)", () => {
    expect(formatWeek("2026-08-03")).toBe("Aug 3");
    expect(formatMonth("2026-12")).toBe("Dec 2026");
    expect(formatDayRange({ from: "2026-08-01", to: "2026-10-29" })).toBe("Aug 1, 2026 – Oct 29, 2026");
    expect(formatDayRange({ from: "2026-08-01", to: "2026-08-01" })).toBe("Aug 1, 2026");
  });
});

describe("describeChange against the previous period", () => {
  it("reads counts in percent, without tone when neither way is better", () => {
    expect(describeChange(120, 100, "count", "neither")).toEqual({ text: "+20.0%", tone: undefined });
    expect(describeChange(75, 100, "count", "neither")).toEqual({ text: "−25.0%", tone: undefined });
    // From nothing there is no percentage.
    expect(describeChange(10, 0, "count", "neither")).toBeNull();
  });

  it("reads rates in percentage points, good or bad by direction", () => {
    expect(describeChange(0.9, 0.85, "rate", "higher")).toEqual({ text: "+5.0 pts", tone: "success" });
    expect(describeChange(0.85, 0.9, "rate", "higher")).toEqual({ text: "−5.0 pts", tone: "critical" });
    expect(describeChange(0.02, 0.05, "rate", "lower")).toEqual({ text: "−3.0 pts", tone: "success" });
    expect(describeChange(0.05, 0.02, "rate", "lower")).toEqual({ text: "+3.0 pts", tone: "critical" });
  });

  it("reads durations in days or hours and treats a rounding-size move as no change", () => {
    expect(describeChange(2.5, 3, "days", "lower")).toEqual({ text: "−0.5 days", tone: "success" });
    expect(describeChange(5, 2, "hours", "lower")).toEqual({ text: "+3.0 h", tone: "critical" });
    expect(describeChange(0.9004, 0.9, "rate", "higher")).toEqual({ text: "No change", tone: undefined });
    expect(describeChange(4.2, 4.2, "per100", "lower")).toEqual({ text: "No change", tone: undefined });
  });

  it("says nothing when either period has no figure", () => {
    expect(describeChange(null, 0.5, "rate", "higher")).toBeNull();
    expect(describeChange(0.5, null, "rate", "higher")).toBeNull();
  });
});

describe("labels", () => {
  it("names carriers, keeping unknown codes as they are", () => {
    expect(carrierLabel("dhl_express")).toBe("DHL Express");
    expect(carrierLabel("royal_mail")).toBe("royal_mail");
    expect(carrierLabel("")).toBe("Unknown carrier");
  });

  it("names destinations by country, with the region first", () => {
    expect(destinationLabel({ country: "US", region: "CA" })).toBe("CA, United States");
    expect(destinationLabel({ country: "DE", region: "" })).toBe("Germany");
    expect(destinationLabel({ country: "", region: "" })).toBe("Unknown country");
    expect(destinationOptionLabel("US-NY")).toBe("NY, United States");
    expect(destinationOptionLabel("CA")).toBe("Canada");
  });
});

describe("date-range presets", () => {
  it("spans the last N days, today included", () => {
    expect(presetRange(30, "2026-03-01")).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(presetRange(365, "2026-12-31")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });

  it("recognises a preset range and calls anything else custom", () => {
    expect(matchingPreset({ from: "2026-01-31", to: "2026-03-01" }, "2026-03-01")).toBe(30);
    expect(matchingPreset({ from: "2025-12-02", to: "2026-03-01" }, "2026-03-01")).toBe(90);
    expect(matchingPreset({ from: "2026-01-31", to: "2026-02-28" }, "2026-03-01")).toBeNull();
  });
});
