// Dates reach components as ISO strings; formatting in UTC keeps server and browser renders identical.
const dateFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

export function formatDay(value: string | Date | null | undefined): string {
  if (!value) return "—";
  return dateFormat.format(new Date(value));
}
