// Dates as the shopper reads them: their language's conventions, their clock.

const DAY: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short" };
const DAY_AND_TIME: Intl.DateTimeFormatOptions = { ...DAY, hour: "numeric", minute: "2-digit" };

// A bad zone in the shopper's record must not stop the message; UTC is wrong by hours at most.
export function usableTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

function calendarDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
}

export function formatDay(date: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { ...DAY, timeZone: usableTimeZone(timeZone) }).format(date);
}

export function formatDayAndTime(date: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { ...DAY_AND_TIME, timeZone: usableTimeZone(timeZone) }).format(
    date,
  );
}

export function formatWindow(window: { start: Date; end: Date }, locale: string, timeZone: string): string {
  const zone = usableTimeZone(timeZone);
  const [start, end] = window.start <= window.end ? [window.start, window.end] : [window.end, window.start];
  // Carriers often give windows as [start of day, start of the next day): the last day is the one before `end`.
  const lastMoment = end > start ? new Date(end.getTime() - 1) : end;
  const format = new Intl.DateTimeFormat(locale, { ...DAY, timeZone: zone });
  if (calendarDay(start, zone) === calendarDay(lastMoment, zone)) return format.format(start);
  return format.formatRange(start, lastMoment);
}
