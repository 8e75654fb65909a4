import { laneLeaders } from "../lib/lane-leaders";
import type {
  CarrierPerformanceReport,
  PerformanceFigures,
  StatsFilters,
} from "../models/delivery-stats/report-types";

// The Carrier performance page's tables as CSV files (RFC 4180: CRLF line ends, fields quoted when they hold
// a comma, quote or line break). Cells are for spreadsheets, not for reading: plain numbers, rates as
// decimals, hours and days as stored, an empty cell where there is nothing to judge.

export const CSV_TABLES = ["carriers", "services", "destinations", "lanes", "weekly", "monthly"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export function parseCsvTable(value: string | null): CsvTable | null {
  return CSV_TABLES.find((table) => table === value) ?? null;
}

type Cell = string | number | null;
type FigureColumn = { header: string; rate?: true; value: (figures: PerformanceFigures) => number | null };

const FIGURE_COLUMNS: FigureColumn[] = [
  { header: "orders", value: (f) => f.orders },
  { header: "shipments", value: (f) => f.shipments },
  { header: "delivered", value: (f) => f.delivered },
  { header: "time_to_ship_median_hours", value: (f) => f.timeToShipHours.median },
  { header: "time_to_ship_p90_hours", value: (f) => f.timeToShipHours.p90 },
  { header: "time_to_ship_average_hours", value: (f) => f.timeToShipHours.average },
  { header: "transit_median_days", value: (f) => f.transitDays.median },
  { header: "transit_p90_days", value: (f) => f.transitDays.p90 },
  { header: "transit_average_days", value: (f) => f.transitDays.average },
  { header: "promised", value: (f) => f.promised },
  { header: "on_time_rate", rate: true, value: (f) => f.onTimeRate },
  { header: "inside_window_rate", rate: true, value: (f) => f.insideWindowRate },
  { header: "average_promise_error_days", value: (f) => f.averagePromiseErrorDays },
  { header: "late", value: (f) => f.late },
  { header: "exception_rate", rate: true, value: (f) => f.exceptionRate },
  { header: "return_rate", rate: true, value: (f) => f.returnRate },
  { header: "lost_rate", rate: true, value: (f) => f.lostRate },
  { header: "first_attempt_rate", rate: true, value: (f) => f.firstAttemptRate },
  { header: "scan_lag_hours", value: (f) => f.scanLagHours },
  { header: "help_requests_per_100_orders", value: (f) => f.helpRequestsPer100Orders },
  { header: "lookups_per_100_orders", value: (f) => f.lookupsPer100Orders },
  { header: "problems_carrier", value: (f) => f.problemsByOwner.carrier },
  { header: "problems_merchant", value: (f) => f.problemsByOwner.merchant },
  { header: "problems_shopper", value: (f) => f.problemsByOwner.shopper },
  { header: "problems_customs", value: (f) => f.problemsByOwner.customs },
  { header: "problems_weather", value: (f) => f.problemsByOwner.weather },
  { header: "merchant_controllable_share", rate: true, value: (f) => f.merchantControllableShare },
];

type KeyedRow = { key: Cell[]; figures: PerformanceFigures; extra?: Cell[] };
type TableShape = { keyHeaders: string[]; extraHeaders?: string[]; rows: KeyedRow[] };

function tableShape(report: CarrierPerformanceReport, table: CsvTable): TableShape {
  switch (table) {
    case "carriers":
      return {
        keyHeaders: ["carrier"],
        rows: report.byCarrier.map((row) => ({ key: [row.carrier], figures: row.figures })),
      };
    case "services":
      return {
        keyHeaders: ["carrier", "service"],
        rows: report.byService.map((row) => ({ key: [row.carrier, row.service], figures: row.figures })),
      };
    case "destinations":
      return {
        keyHeaders: ["country", "region"],
        rows: report.byDestination.map((row) => ({ key: [row.country, row.region], figures: row.figures })),
      };
    case "lanes":
      return {
        keyHeaders: ["country", "region", "carrier"],
        extraHeaders: ["best_on_time", "fastest"],
        rows: report.lanes.flatMap((lane) => {
          const leaders = laneLeaders(lane.carriers);
          return lane.carriers.map((entry) => ({
            key: [lane.country, lane.region, entry.carrier],
            figures: entry.figures,
            extra: [
              leaders.bestOnTime.includes(entry.carrier) ? 1 : 0,
              leaders.fastest.includes(entry.carrier) ? 1 : 0,
            ],
          }));
        }),
      };
    case "weekly":
      return {
        keyHeaders: ["week_start"],
        rows: report.weekly.map((row) => ({ key: [row.week], figures: row.figures })),
      };
    case "monthly":
      return {
        keyHeaders: ["month"],
        rows: report.monthly.map((row) => ({ key: [row.month], figures: row.figures })),
      };
  }
}

export function buildPerformanceCsv(report: CarrierPerformanceReport, table: CsvTable): string {
  const shape = tableShape(report, table);
  const header = [...shape.keyHeaders, ...FIGURE_COLUMNS.map((column) => column.header)];
  const lines = [[...header, ...(shape.extraHeaders ?? [])].map(textCell)];
  for (const row of shape.rows) {
    lines.push([
      ...row.key.map(cell),
      ...FIGURE_COLUMNS.map((column) => numberCell(column.value(row.figures), column.rate)),
      ...(row.extra ?? []).map(cell),
    ]);
  }
  return lines.map((line) => line.join(",")).join("\r\n") + "\r\n";
}

export function csvFilename(table: CsvTable, filters: StatsFilters): string {
  const narrowedTo = [filters.carrier, filters.service, filters.destination]
    .filter((value): value is string => Boolean(value))
    .map((value) =>
      value
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, ""),
    );
  return [`carrier-performance-${table}`, filters.from, "to", filters.to, ...narrowedTo].join("-") + ".csv";
}

function cell(value: Cell): string {
  if (value === null) return "";
  return typeof value === "number" ? numberCell(value) : textCell(value);
}

function numberCell(value: number | null, rate?: true): string {
  if (value === null || !Number.isFinite(value)) return "";
  if (rate) return value.toFixed(4);
  // Sums of fractional hours and days carry float noise; four places is more than any figure means.
  return String(Math.round(value * 10_000) / 10_000);
}

function textCell(value: string): string {
  // A spreadsheet runs a cell starting with = + - @ as a formula: keep a typed-in carrier name inert.
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}
