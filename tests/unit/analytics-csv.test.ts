import { describe, expect, it } from "vitest";
import { laneLeaders } from "../../app/lib/lane-leaders";
import { parseCsv } from "../../app/models/delivery-windows/csv";
import type {
  CarrierPerformanceReport,
  PerformanceFigures,
} from "../../app/models/delivery-stats/report-types";
import {
  buildPerformanceCsv,
  CSV_TABLES,
  csvFilename,
  parseCsvTable,
} from "../../app/services/analytics-csv";

function figures(overrides: Partial<PerformanceFigures> = {}): PerformanceFigures {
  return {
    orders: 0,
    shipments: 0,
    timeToShipHours: { count: 0, median: null, p90: null, average: null },
    transitDays: { count: 0, median: null, p90: null, average: null },
    delivered: 0,
    promised: 0,
    onTimeRate: null,
    insideWindowRate: null,
    averagePromiseErrorDays: null,
    late: 0,
    exceptionRate: null,
    returnRate: null,
    lostRate: null,
    firstAttemptRate: null,
    scanLagHours: null,
    helpRequestsPer100Orders: null,
    lookupsPer100Orders: null,
    problemsByOwner: { carrier: 0, merchant: 0, shopper: 0, customs: 0, weather: 0 },
    merchantControllableShare: null,
    ...overrides,
  };
}

const ups = figures({
  orders: 12,
  shipments: 12,
  delivered: 10,
  promised: 9,
  late: 3,
  timeToShipHours: { count: 12, median: 24, p90: 48, average: 26.333333333 },
  transitDays: { count: 10, median: 2.5, p90: 4, average: 2.7 },
  onTimeRate: 2 / 3,
  insideWindowRate: 0.5556,
  averagePromiseErrorDays: 0.78,
  exceptionRate: 1 / 12,
  returnRate: 0,
  lostRate: 0,
  firstAttemptRate: 0.9,
  scanLagHours: 1.5,
  helpRequestsPer100Orders: 8.3,
  lookupsPer100Orders: 25,
  problemsByOwner: { carrier: 3, merchant: 1, shopper: 0, customs: 0, weather: 0 },
  merchantControllableShare: 0.25,
});
const fedex = figures({
  orders: 8,
  shipments: 8,
  delivered: 8,
  promised: 8,
  transitDays: { count: 8, median: 2, p90: 3, average: 2.1 },
  onTimeRate: 1,
});

const report: CarrierPerformanceReport = {
  filters: { from: "2026-08-01", to: "2026-10-29", carrier: null, service: null, destination: null },
  options: { carriers: ["fedex", "ups"], services: ["Ground"], destinations: ["US", "US-CA"] },
  totals: figures({ orders: 20 }),
  previous: figures(),
  previousRange: { from: "2026-05-03", to: "2026-07-31" },
  byCarrier: [
    { carrier: "ups", figures: ups },
    { carrier: "fedex", figures: fedex },
  ],
  byService: [
    { carrier: "ups", service: 'Ground, "Saver"', figures: ups },
    { carrier: "", service: "", figures: figures({ orders: 1, shipments: 1 }) },
  ],
  byDestination: [{ country: "US", region: "CA", figures: ups }],
  lanes: [
    {
      country: "US",
      region: "CA",
      carriers: [
        { carrier: "ups", figures: ups },
        { carrier: "fedex", figures: fedex },
      ],
    },
  ],
  weekly: [{ week: "2026-08-03", figures: ups }],
  monthly: [{ month: "2026-08", figures: fedex }],
  updatedAt: null,
};

const rowsOf = (table: (typeof CSV_TABLES)[number]) => {
  const [header = [], ...rows] = parseCsv(buildPerformanceCsv(report, table));
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
};

describe("buildPerformanceCsv", () => {
  it("writes one row per carrier with every figure unformatted, rates to four places", () => {
    const [first, second] = rowsOf("carriers");
    expect(first).toMatchObject({
      carrier: "ups",
      orders: "12",
      delivered: "10",
      time_to_ship_median_hours: "24",
      time_to_ship_p90_hours: "48",
      time_to_ship_average_hours: "26.3333",
      transit_median_days: "2.5",
      transit_p90_days: "4",
      on_time_rate: "0.6667",
      inside_window_rate: "0.5556",
      average_promise_error_days: "0.78",
      exception_rate: "0.0833",
      return_rate: "0.0000",
      first_attempt_rate: "0.9000",
      scan_lag_hours: "1.5",
      help_requests_per_100_orders: "8.3",
      lookups_per_100_orders: "25",
      problems_carrier: "3",
      problems_merchant: "1",
      merchant_controllable_share: "0.2500",
    });
    expect(second).toMatchObject({ carrier: "fedex", on_time_rate: "1.0000" });
  });

  it("leaves a cell empty where there is nothing to judge", () => {
    const [, unknown] = rowsOf("services");
    expect(unknown).toMatchObject({
      carrier: "",
      service: "",
      orders: "1",
      on_time_rate: "",
      transit_median_days: "",
      scan_lag_hours: "",
    });
  });

  it("quotes fields holding commas and quotes (RFC 4180) with CRLF line ends", () => {
    const csv = buildPerformanceCsv(report, "services");
    expect(csv).toContain('\r\nups,"Ground, ""Saver""",12,');
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(4);
    expect(rowsOf("services")[0]?.service).toBe('Ground, "Saver"');
  });

  it("keeps a typed-in name from running as a spreadsheet formula", () => {
    const csv = buildPerformanceCsv(
      { ...report, byCarrier: [{ carrier: "=HYPERLINK(1)", figures: ups }] },
      "carriers",
    );
    expect(csv.split("\r\n")[1]?.startsWith("'=HYPERLINK(1),12,")).toBe(true);
  });

  it("keys each table by its own columns, the same figure columns after them", () => {
    const headerOf = (table: (typeof CSV_TABLES)[number]) =>
      parseCsv(buildPerformanceCsv(report, table))[0]?.slice(0, 4);
    expect(headerOf("carriers")).toEqual(["carrier", "orders", "shipments", "delivered"]);
    expect(headerOf("services")).toEqual(["carrier", "service", "orders", "shipments"]);
    expect(headerOf("destinations")).toEqual(["country", "region", "orders", "shipments"]);
    expect(headerOf("lanes")).toEqual(["country", "region", "carrier", "orders"]);
    expect(headerOf("weekly")).toEqual(["week_start", "orders", "shipments", "delivered"]);
    expect(headerOf("monthly")).toEqual(["month", "orders", "shipments", "delivered"]);
    expect(rowsOf("weekly")[0]?.week_start).toBe("2026-08-03");
    expect(rowsOf("monthly")[0]?.month).toBe("2026-08");
  });

  it("marks the lane's best on-time and fastest carrier", () => {
    expect(rowsOf("lanes")).toEqual([
      expect.objectContaining({
        country: "US",
        region: "CA",
        carrier: "ups",
        best_on_time: "0",
        fastest: "0",
      }),
      expect.objectContaining({
        country: "US",
        region: "CA",
        carrier: "fedex",
        best_on_time: "1",
        fastest: "1",
      }),
    ]);
  });

  it("writes just the header when a table has no rows", () => {
    const csv = buildPerformanceCsv({ ...report, weekly: [] }, "weekly");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1);
  });
});

describe("CSV table names and file names", () => {
  it("accepts only the page's tables", () => {
    expect(parseCsvTable("lanes")).toBe("lanes");
    expect(parseCsvTable("users")).toBeNull();
    expect(parseCsvTable(null)).toBeNull();
  });

  it("names the file after the table, range and filters, safe for a header", () => {
    expect(csvFilename("carriers", report.filters)).toBe(
      "carrier-performance-carriers-2026-08-01-to-2026-10-29.csv",
    );
    expect(
      csvFilename("lanes", {
        ...report.filters,
        carrier: "dhl_express",
        service: 'Next "Day" Air',
        destination: "US-CA",
      }),
    ).toBe("carrier-performance-lanes-2026-08-01-to-2026-10-29-dhl-express-next-day-air-us-ca.csv");
  });
});

describe("laneLeaders", () => {
  const entry = (carrier: string, overrides: Partial<PerformanceFigures>) => ({
    carrier,
    figures: figures(overrides),
  });
  const transit = (median: number, p90: number) => ({ count: 5, median, p90, average: null });

  it("picks the best on-time rate and the fastest median transit", () => {
    expect(
      laneLeaders([
        entry("ups", { onTimeRate: 0.8, transitDays: transit(3, 5) }),
        entry("fedex", { onTimeRate: 0.95, transitDays: transit(3.5, 4) }),
        entry("usps", { onTimeRate: 0.7, transitDays: transit(2.5, 6) }),
      ]),
    ).toEqual({ bestOnTime: ["fedex"], fastest: ["usps"] });
  });

  it("breaks a tie on the median with the p90", () => {
    expect(
      laneLeaders([
        entry("ups", { transitDays: transit(3, 5) }),
        entry("fedex", { transitDays: transit(3, 4) }),
      ]).fastest,
    ).toEqual(["fedex"]);
  });

  it("names no winner when every carrier scores the same or only one can be judged", () => {
    expect(laneLeaders([entry("ups", { onTimeRate: 0.9 }), entry("fedex", { onTimeRate: 0.9 })])).toEqual({
      bestOnTime: [],
      fastest: [],
    });
    expect(
      laneLeaders([entry("ups", { onTimeRate: 0.9 }), entry("fedex", { onTimeRate: null })]).bestOnTime,
    ).toEqual([]);
  });

  it("shares the lead between carriers tied at the top", () => {
    expect(
      laneLeaders([
        entry("ups", { onTimeRate: 0.9 }),
        entry("fedex", { onTimeRate: 0.9 }),
        entry("usps", { onTimeRate: 0.5 }),
      ]).bestOnTime,
    ).toEqual(["ups", "fedex"]);
  });
});
