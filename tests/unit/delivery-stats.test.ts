import { describe, expect, it } from "vitest";
import { histogramQuantile, TRANSIT_EDGES_DAYS } from "../../app/models/delivery-stats/buckets";
import { rollUpDay } from "../../app/models/delivery-stats/day-rollup";
import { figuresOf, sumAll } from "../../app/models/delivery-stats/figures";
import { parseStatsFilters, previousRange, trailingYear } from "../../app/models/delivery-stats/filters";
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
