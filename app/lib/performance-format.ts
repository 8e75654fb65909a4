// How the Carrier performance page writes its figures. Fixed "en" formats in UTC keep the server's render and
// the browser's hydration identical.

export const NO_VALUE = "—";

const countFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const weekFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);

export function formatCount(value: number | null): string {
  return value === null ? NO_VALUE : countFormat.format(value);
}

// A share in [0, 1] as a percentage with one decimal: 0.8333 → "83.3%".
export function formatPercent(rate: number | null): string {
  return rate === null ? NO_VALUE : `${oneDecimal(rate * 100)}%`;
}

export function formatDays(days: number | null): string {
  return days === null ? NO_VALUE : `${oneDecimal(days)} days`;
}

// Time to ship is stored in hours but read by merchants in days, next to transit days.
export function formatHoursAsDays(hours: number | null): string {
  return hours === null ? NO_VALUE : formatDays(hours / 24);
}

// Scan freshness is usually hours; past two days, days read better.
export function formatHours(hours: number | null): string {
  if (hours === null) return NO_VALUE;
  return hours >= 48 ? formatDays(hours / 24) : `${oneDecimal(hours)} h`;
}

export function formatPer100(value: number | null): string {
  return value === null ? NO_VALUE : oneDecimal(value);
}

// "2026-08-03" (a Monday) → "Aug 3"; "2026-08" → "Aug 2026".
export function formatWeek(week: string): string {
  return weekFormat.format(new Date(`${week}T00:00:00Z`));
}

export function formatMonth(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

// "2026-08-01".."2026-10-29" → "Aug 1, 2026 – Oct 29, 2026".
export function formatDayRange({ from, to }: { from: string; to: string }): string {
  const day = (value: string) => dayFormat.format(new Date(`${value}T00:00:00Z`));
  return from === to ? day(from) : `${day(from)} – ${day(to)}`;
}

export type ChangeKind = "count" | "rate" | "days" | "hours" | "per100";
export type BetterWhen = "higher" | "lower" | "neither";
export type Change = { text: string; tone: "success" | "critical" | undefined };

// The change from the previous period as a merchant reads it: counts in percent, rates in percentage points,
// durations in days (hours for scan freshness), with a tone only when the direction is plainly good or bad.
export function describeChange(
  current: number | null,
  previous: number | null,
  kind: ChangeKind,
  betterWhen: BetterWhen,
): Change | null {
  if (current === null || previous === null) return null;
  const difference = kindDifference(current, previous, kind);
  if (difference === null) return null;
  const rounded = Number(oneDecimal(difference));
  if (rounded === 0) return { text: "No change", tone: undefined };
  const sign = rounded > 0 ? "+" : "−";
  const magnitude = oneDecimal(Math.abs(rounded));
  const improved = betterWhen === "higher" ? rounded > 0 : rounded < 0;
  return {
    text: `${sign}${magnitude}${KIND_UNITS[kind]}`,
    tone: betterWhen === "neither" ? undefined : improved ? "success" : "critical",
  };
}

const KIND_UNITS: Record<ChangeKind, string> = {
  count: "%",
  rate: " pts",
  days: " days",
  hours: " h",
  per100: "",
};

function kindDifference(current: number, previous: number, kind: ChangeKind): number | null {
  switch (kind) {
    case "count":
      // From nothing, any growth is infinite: no percentage to show.
      return previous === 0 ? null : ((current - previous) / previous) * 100;
    case "rate":
      return (current - previous) * 100;
    default:
      return current - previous;
  }
}
