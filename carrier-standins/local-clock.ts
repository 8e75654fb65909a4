/** An instant as a carrier's local scan clock shows it in a zone. */
export interface LocalClockTime {
  /** "2024-11-22" */
  date: string;
  /** "13:58:00" */
  time: string;
  offsetMinutes: number;
  /** "-05:00" */
  offset: string;
  /** "EST", where the runtime knows one (Canadian and US zones), else "GMT-5". */
  abbreviation: string;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

export function localClockTime(instant: Date, timeZone: string): LocalClockTime {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const wall = Date.UTC(
    Number(part("year")),
    Number(part("month")) - 1,
    Number(part("day")),
    Number(part("hour")),
    Number(part("minute")),
    Number(part("second")),
  );
  const offsetMinutes = Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  return {
    date: `${part("year")}-${part("month")}-${part("day")}`,
    time: `${part("hour")}:${part("minute")}:${part("second")}`,
    offsetMinutes,
    offset: formatOffset(offsetMinutes),
    abbreviation: part("timeZoneName"),
  };
}

/** "2024-11-22T18:58:40Z" without milliseconds, as carriers write UTC. */
export function utcSeconds(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}
