import {
  formatCount,
  formatDays,
  formatHoursAsDays,
  formatHours,
  formatPercent,
  formatPer100,
} from "../../lib/performance-format";
import type { PerformanceFigures } from "../../models/delivery-stats/report-types";

// The figures the page's tables can show, each with its heading and how it reads. The CSV export carries all
// of them unformatted (app/services/analytics-csv.ts).
export const FIGURE_COLUMNS = {
  orders: { heading: "Orders", format: (f: PerformanceFigures) => formatCount(f.orders) },
  shipments: { heading: "Shipments", format: (f: PerformanceFigures) => formatCount(f.shipments) },
  delivered: { heading: "Delivered", format: (f: PerformanceFigures) => formatCount(f.delivered) },
  onTime: { heading: "On time", format: (f: PerformanceFigures) => formatPercent(f.onTimeRate) },
  timeToShipMedian: {
    heading: "Time to ship (median)",
    format: (f: PerformanceFigures) => formatHoursAsDays(f.timeToShipHours.median),
  },
  transitMedian: {
    heading: "Transit (median)",
    format: (f: PerformanceFigures) => formatDays(f.transitDays.median),
  },
  transitP90: { heading: "Transit (p90)", format: (f: PerformanceFigures) => formatDays(f.transitDays.p90) },
  exceptions: { heading: "Exceptions", format: (f: PerformanceFigures) => formatPercent(f.exceptionRate) },
  returns: { heading: "Returned", format: (f: PerformanceFigures) => formatPercent(f.returnRate) },
  lost: { heading: "Lost", format: (f: PerformanceFigures) => formatPercent(f.lostRate) },
  firstAttempt: {
    heading: "First attempt",
    format: (f: PerformanceFigures) => formatPercent(f.firstAttemptRate),
  },
  scanLag: { heading: "Scan lag", format: (f: PerformanceFigures) => formatHours(f.scanLagHours) },
  helpRequests: {
    heading: "Help requests / 100",
    format: (f: PerformanceFigures) => formatPer100(f.helpRequestsPer100Orders),
  },
  lookups: {
    heading: "Lookups / 100",
    format: (f: PerformanceFigures) => formatPer100(f.lookupsPer100Orders),
  },
} as const;

export type FigureColumn = keyof typeof FIGURE_COLUMNS;

export const CARRIER_COLUMNS: FigureColumn[] = [
  "shipments",
  "delivered",
  "onTime",
  "transitMedian",
  "transitP90",
  "exceptions",
  "returns",
  "lost",
  "firstAttempt",
  "scanLag",
];
