import { describe, expect, it } from "vitest";
import { nextSendTime, type QuietHours } from "../../app/lib/quiet-hours";

const NIGHT: QuietHours = { enabled: true, start: "21:00", end: "08:00" };
const LUNCH: QuietHours = { enabled: true, start: "13:00", end: "14:00" };

const at = (iso: string) => new Date(iso);
const send = (now: string, timeZone: string, quietHours: QuietHours = NIGHT) =>
  nextSendTime({ now: at(now), timeZone, quietHours }).toISOString();

const clocks = new Map<string, Intl.DateTimeFormat>();
function localClock(instant: Date, timeZone: string): string {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      hour: "2-digit",
      minute: "2-digit",
    });
    clocks.set(timeZone, clock);
  }
  return clock.format(instant);
}

describe("quiet hours that cross midnight (21:00–08:00)", () => {
  it("sends at once during the shopper's day", () => {
    // 15:00 in New York.
    expect(send("2026-06-10T19:00:00.000Z", "America/New_York")).toBe("2026-06-10T19:00:00.000Z");
  });

  it("holds an evening message until 08:00 the next morning, in the shopper's zone, not the server's", () => {
    // 23:30 in New York (EDT, UTC−4) → 08:00 EDT the next day.
    expect(send("2026-06-11T03:30:00.000Z", "America/New_York")).toBe("2026-06-11T12:00:00.000Z");
    // The same instant is 08:30 in Berlin: outside quiet hours there.
    expect(send("2026-06-11T06:30:00.000Z", "Europe/Berlin")).toBe("2026-06-11T06:30:00.000Z");
  });

  it("holds an early-morning message until 08:00 the same day", () => {
    // 03:00 in Tokyo → 08:00 Tokyo.
    expect(send("2026-06-10T18:00:00.000Z", "Asia/Tokyo")).toBe("2026-06-10T23:00:00.000Z");
  });

  it("treats the start minute as quiet and the end minute as open", () => {
    expect(send("2026-06-11T01:00:00.000Z", "America/New_York")).toBe("2026-06-11T12:00:00.000Z");
    expect(send("2026-06-11T12:00:00.000Z", "America/New_York")).toBe("2026-06-11T12:00:00.000Z");
    expect(send("2026-06-11T00:59:59.000Z", "America/New_York")).toBe("2026-06-11T00:59:59.000Z");
  });
});

describe("quiet hours within one day (13:00–14:00)", () => {
  it("holds a message sent during the window until it ends, and sends before and after it", () => {
    // Paris in summer is UTC+2.
    expect(send("2026-07-01T11:15:00.000Z", "Europe/Paris", LUNCH)).toBe("2026-07-01T12:00:00.000Z");
    expect(send("2026-07-01T10:59:00.000Z", "Europe/Paris", LUNCH)).toBe("2026-07-01T10:59:00.000Z");
    expect(send("2026-07-01T12:00:00.000Z", "Europe/Paris", LUNCH)).toBe("2026-07-01T12:00:00.000Z");
    // 23:00 is outside a lunchtime window.
    expect(send("2026-07-01T21:00:00.000Z", "Europe/Paris", LUNCH)).toBe("2026-07-01T21:00:00.000Z");
  });
});

describe("switched off", () => {
  it("sends at once at any hour when the merchant disabled quiet hours", () => {
    expect(send("2026-06-11T07:00:00.000Z", "America/New_York", { ...NIGHT, enabled: false })).toBe(
      "2026-06-11T07:00:00.000Z",
    );
  });

  it("treats an empty window (same start and end) as never quiet", () => {
    const empty = { enabled: true, start: "22:00", end: "22:00" };
    expect(send("2026-06-11T02:00:00.000Z", "America/New_York", empty)).toBe("2026-06-11T02:00:00.000Z");
  });
});

describe("daylight saving time", () => {
  it("New York spring-forward night: 08:00 the next morning is already daylight time", () => {
    // Sat 7 Mar 2026, 22:00 EST (UTC−5); clocks go forward at 02:00 on Sun 8 Mar. 08:00 EDT = 12:00Z.
    expect(send("2026-03-08T03:00:00.000Z", "America/New_York")).toBe("2026-03-08T12:00:00.000Z");
    // An hour after the jump (04:00 EDT).
    expect(send("2026-03-08T08:00:00.000Z", "America/New_York")).toBe("2026-03-08T12:00:00.000Z");
  });

  it("New York fall-back night: 08:00 the next morning is standard time", () => {
    // Sat 31 Oct 2026, 22:00 EDT (UTC−4); clocks go back at 02:00 on Sun 1 Nov. 08:00 EST = 13:00Z.
    expect(send("2026-11-01T02:00:00.000Z", "America/New_York")).toBe("2026-11-01T13:00:00.000Z");
    // During the repeated hour (01:30 EST, the second time round).
    expect(send("2026-11-01T06:30:00.000Z", "America/New_York")).toBe("2026-11-01T13:00:00.000Z");
  });

  it("a window ending inside the skipped hour ends when the clocks jump past it", () => {
    const untilHalfPastTwo = { enabled: true, start: "00:00", end: "02:30" };
    // 01:45 EST; 02:30 never happens that night: the clocks read 03:00 EDT at 07:00Z.
    expect(send("2026-03-08T06:45:00.000Z", "America/New_York", untilHalfPastTwo)).toBe(
      "2026-03-08T07:00:00.000Z",
    );
  });

  it("a window ending inside the repeated hour ends at its next 01:30, never in the past", () => {
    const untilHalfPastOne = { enabled: true, start: "00:00", end: "01:30" };
    // 01:10 EDT, the first time round → 01:30 EDT.
    expect(send("2026-11-01T05:10:00.000Z", "America/New_York", untilHalfPastOne)).toBe(
      "2026-11-01T05:30:00.000Z",
    );
    // 01:10 EST, the second time round: the shopper's clock says 01:10 again → 01:30 EST.
    expect(send("2026-11-01T06:10:00.000Z", "America/New_York", untilHalfPastOne)).toBe(
      "2026-11-01T06:30:00.000Z",
    );
  });

  it("Sydney: daylight time starts in October and ends in April (southern hemisphere)", () => {
    // Sat 3 Oct 2026, 22:00 AEST (UTC+10); clocks go forward on Sun 4 Oct. 08:00 AEDT (UTC+11) = 21:00Z on 3 Oct.
    expect(send("2026-10-03T12:00:00.000Z", "Australia/Sydney")).toBe("2026-10-03T21:00:00.000Z");
    // Sat 4 Apr 2026, 22:00 AEDT (UTC+11); clocks go back on Sun 5 Apr. 08:00 AEST (UTC+10) = 22:00Z on 4 Apr.
    expect(send("2026-04-04T11:00:00.000Z", "Australia/Sydney")).toBe("2026-04-04T22:00:00.000Z");
  });
});

describe("across a whole year, hour by hour", () => {
  const zones = [
    "America/New_York",
    "Australia/Sydney",
    // A half-hour daylight saving shift and a quarter-hour offset.
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Europe/London",
  ];
  const windows: QuietHours[] = [NIGHT, LUNCH, { enabled: true, start: "01:00", end: "03:00" }];

  it("never sends inside quiet hours, never earlier than now, and sends as soon as they end", () => {
    const year = Date.UTC(2026, 0, 1);
    const isQuietAt = (instant: Date, zone: string, window: QuietHours) => {
      const clock = localClock(instant, zone);
      return window.start < window.end
        ? clock >= window.start && clock < window.end
        : clock >= window.start || clock < window.end;
    };
    const wrong: string[] = [];
    for (const zone of zones) {
      for (const window of windows) {
        for (let hour = 0; hour < 365 * 24; hour += 1) {
          const now = new Date(year + hour * 3_600_000 + 7 * 60_000);
          const sendAt = nextSendTime({ now, timeZone: zone, quietHours: window });
          const held = sendAt.getTime() > now.getTime();
          const ok =
            sendAt.getTime() >= now.getTime() &&
            !isQuietAt(sendAt, zone, window) &&
            (!held || isQuietAt(new Date(sendAt.getTime() - 60_000), zone, window));
          if (!ok)
            wrong.push(
              `${zone} ${window.start}-${window.end}: ${now.toISOString()} → ${sendAt.toISOString()}`,
            );
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
