// Dates reach components as ISO strings. A fixed time zone (never the browser's) keeps the server render and
// the hydrated page identical.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string, withZoneName: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withZoneName}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en", {
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
      timeZoneName: withZoneName ? "short" : undefined,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const absolute = Math.abs(minutes);
  const hours = Math.floor(absolute / 60);
  const rest = absolute % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}

// `utcOffsetMinutes`: show the local time where something happened (a carrier scan) rather than in `timeZone`.
export function Timestamp({
  value,
  timeZone = "UTC",
  utcOffsetMinutes = null,
}: {
  value: string | Date | null | undefined;
  timeZone?: string;
  utcOffsetMinutes?: number | null;
}) {
  if (!value) return <>—</>;
  const instant = new Date(value);
  const text =
    utcOffsetMinutes === null
      ? formatterFor(timeZone, true).format(instant)
      : `${formatterFor("UTC", false).format(new Date(instant.getTime() + utcOffsetMinutes * 60_000))} ${offsetLabel(utcOffsetMinutes)}`;
  return <time dateTime={instant.toISOString()}>{text}</time>;
}
