import { describe, expect, it } from "vitest";
import { histogramQuantile, TRANSIT_EDGES_DAYS } from "../../app/models/delivery-stats/buckets";
import { rollUpDay } from "../../app/models/delivery-stats/day-rollup";
import { figuresOf, sumAll } from "../../app/models/delivery-stats/figures";
import { parseStatsFilters, previousRange, trailingYear } from "../../app/models/delivery-stats/filters";
import { spansFor, weekSpans } from "../../app/models/delivery-stats/periods";
import { weekStartOf } from "../../app/models/delivery-windows/calendar-day";

const TODAY = "2026-11-21";
const params = (query: string) => new URLSearchParams(query);

describe("histogram quantiles", () => {
  it("reads the upper edge of the bucket where the share is reached", () => {
    // 5 parcels within 2 days, 4 within 3 days, 1 within 10 days.
    const perEdge: Record<number, number> = { 2: 5, 3: 4, 10: 1 };
    const counts = TRANSIT_EDGES_DAYS.map((edge) => perEdge[edge] ?? 0).concat(0);
    expect(histogramQuantile(counts, TRANSIT_EDGES_DAYS, 0.5)).toBe(2);
    expect(histogramQuantile(counts, TRANSIT_EDGES_DAYS, 0.9)).toBe(3);
    expect(histogramQuantile(counts, TRANSIT_EDGES_DAYS, 0.95)).toBe(10);
  });

  it("has no figure without parcels, and reports the last edge for the open-ended tail", () => {
    expect(histogramQuantile(new Array(23).fill(0), TRANSIT_EDGES_DAYS, 0.5)).toBeNull();
    const tail = new Array(23).fill(0);
    tail[22] = 3;
    expect(histogramQuantile(tail, TRANSIT_EDGES_DAYS, 0.5)).toBe(60);
  });
});

describe("a day's rollup", () => {
  it("counts an order once, with its first shipment, and every shipment in its own lane", () => {
    const delivered = (carrier: string, days: number) => ({
      carrier,
      service: "Ground",
      status: "delivered",
      deliveredAt: new Date(Date.UTC(2026, 9, 1 + days, 12)),
      attention: null,
      attentionOwner: null,
      promise: null,
      events: [
        {
          status: "in_transit",
          substatus: null,
          occurredAt: new Date(Date.UTC(2026, 9, 1, 12)),
          createdAt: new Date(Date.UTC(2026, 9, 1, 13)),
          source: "carrier",
        },
      ],
    });
    const rows = rollUpDay([
      {
        orderedAt: new Date(Date.UTC(2026, 9, 1, 0)),
        destinationCountry: "US",
        destinationProvince: "CA",
        trackingLookups: 3,
        helpRequests: 1,
        shipments: [delivered("ups", 2), delivered("fedex", 4)],
      },
    ]);
    const ups = rows.find((row) => row.carrier === "ups");
    const fedex = rows.find((row) => row.carrier === "fedex");
    expect(ups).toMatchObject({ orders: 1, shipments: 1, lookups: 3, helpRequests: 1, ttsHours: 12 });
    expect(fedex).toMatchObject({ orders: 0, shipments: 1, lookups: 0 });
    const figures = figuresOf(sumAll(rows));
    expect(figures).toMatchObject({ orders: 1, shipments: 2, delivered: 2, scanLagHours: 1 });
    expect(figures.transitDays).toEqual({ count: 2, median: 2, p90: 4, average: 3 });
    expect(figures.onTimeRate).toBeNull();
  });
});

describe("the page's filters", () => {
  it("defaults to the last 90 days with nothing narrowed", () => {
    expect(parseStatsFilters(params(""), { today: TODAY })).toEqual({
      from: "2026-08-24",
      to: TODAY,
      carrier: null,
      service: null,
      destination: null,
    });
  });

  it("reads the URL, swaps a reversed range and ignores what it cannot read", () => {
    expect(
      parseStatsFilters(
        params("from=2026-10-31&to=2026-10-01&carrier=ups&service=Ground&destination=us-ca"),
        {
          today: TODAY,
        },
      ),
    ).toEqual({
      from: "2026-10-01",
      to: "2026-10-31",
      carrier: "ups",
      service: "Ground",
      destination: "US-CA",
    });
    expect(
      parseStatsFilters(params("from=2026-02-30&to=yesterday&carrier=%3Cscript%3E&destination=California"), {
        today: TODAY,
      }),
    ).toEqual({ from: "2026-08-24", to: TODAY, carrier: null, service: null, destination: null });
  });

  it("caps the range at three years", () => {
    expect(parseStatsFilters(params("from=2000-01-01&to=2026-11-21"), { today: TODAY }).from).toBe(
      "2023-11-20",
    );
  });

  it("compares with the period just before, and shows the twelve months up to the range's end", () => {
    expect(previousRange({ from: "2026-10-01", to: "2026-10-31" })).toEqual({
      from: "2026-08-31",
      to: "2026-09-30",
    });
    expect(trailingYear("2026-11-21")).toEqual({ from: "2025-12-01", to: "2026-11-21" });
    expect(weekStartOf("2026-11-21")).toBe("2026-11-16");
    expect(weekStartOf("2026-11-16")).toBe("2026-11-16");
  });
});

describe("reading a range as whole months, weeks and odd days", () => {
  it("takes whole months in the middle, whole weeks next to them and days at the ends", () => {
    // Wed 15 Oct 2025 → Fri 20 Nov 2026.
    expect(spansFor("2025-10-15", "2026-11-20")).toEqual([
      { grain: "day", from: "2025-10-15", to: "2025-10-19" },
      { grain: "week", from: "2025-10-20", to: "2025-10-20" }, // the week of Monday 20 October
      { grain: "day", from: "2025-10-27", to: "2025-10-31" },
      { grain: "month", from: "2025-11", to: "2026-10" },
      { grain: "day", from: "2026-11-01", to: "2026-11-01" },
      { grain: "week", from: "2026-11-02", to: "2026-11-09" }, // the weeks of Mondays 2 and 9 November
      { grain: "day", from: "2026-11-16", to: "2026-11-20" },
    ]);
  });

  it("covers every day exactly once, whatever the range", () => {
    const covered = (from: string, to: string) =>
      spansFor(from, to).flatMap((span) => {
        if (span.grain === "day") return daysBetween(span.from, span.to);
        if (span.grain === "week") return daysBetween(span.from, addDays(span.to, 6));
        return daysBetween(`${span.from}-01`, lastDayOf(span.to));
      });
    for (const [from, to] of [
      ["2026-11-21", "2026-11-21"],
      ["2026-02-01", "2026-02-28"],
      ["2026-01-31", "2026-03-01"],
      ["2026-08-24", "2026-11-21"],
      ["2023-11-20", "2026-11-21"],
    ] as const) {
      expect(covered(from, to), `${from}..${to}`).toEqual(daysBetween(from, to));
    }
  });

  it("splits a range's weeks into whole weeks and the partial ones at its ends", () => {
    expect(weekSpans("2026-11-04", "2026-11-21")).toEqual({
      weeks: { grain: "week", from: "2026-11-09", to: "2026-11-09" },
      days: [
        { grain: "day", from: "2026-11-04", to: "2026-11-08" },
        { grain: "day", from: "2026-11-16", to: "2026-11-21" },
      ],
    });
    expect(weekSpans("2026-11-17", "2026-11-19")).toEqual({
      weeks: null,
      days: [{ grain: "day", from: "2026-11-17", to: "2026-11-19" }],
    });
  });
});

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

function lastDayOf(month: string): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
}
