/** Shopify's Admin GraphQL DateTime: UTC to the whole second, e.g. "2026-11-01T12:00:00Z". */
export function shopifyDateTime(date: Date | number | string): string {
  const ms = typeof date === "number" ? date : new Date(date).getTime();
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How REST webhook bodies write a time: the shop's local time with its offset, e.g. "2021-12-31T19:00:00-05:00". */
export function shopLocalTime(date: Date | number | string, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "longOffset",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(new Date(date)).map((part) => [part.type, part.value]),
  );
  // "GMT-05:00", or plain "GMT" where the offset is zero.
  const offset = (parts.timeZoneName ?? "GMT").replace("GMT", "") || "+00:00";
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
