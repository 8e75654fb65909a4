import type { DataSeries } from "@shopify/polaris-viz";
import { formatMonth, formatWeek } from "../../lib/performance-format";
import { carrierLabel } from "../../lib/performance-labels";
import type { PerformanceFigures } from "../../models/delivery-stats/report-types";

// The report's rows as polaris-viz series. Rates become percentages so axes and tooltips read "83.3".

type Labelled = { label: string; figures: PerformanceFigures };
type Metric = { name: string; value: (figures: PerformanceFigures) => number | null };

export const ON_TIME: Metric = { name: "On-time rate", value: (f) => asPercent(f.onTimeRate) };
export const TRANSIT_MEDIAN: Metric = { name: "Median transit", value: (f) => f.transitDays.median };
export const TRANSIT_P90: Metric = { name: "9 in 10 within", value: (f) => f.transitDays.p90 };
export const ORDERS: Metric = { name: "Orders", value: (f) => f.orders };

export function seriesOf(rows: readonly Labelled[], metrics: readonly Metric[]): DataSeries[] {
  return metrics.map((metric) => ({
    name: metric.name,
    data: rows.map((row) => ({ key: row.label, value: metric.value(row.figures) })),
  }));
}

export const weeklyRows = (weekly: ReadonlyArray<{ week: string; figures: PerformanceFigures }>) =>
  weekly.map((row) => ({ label: formatWeek(row.week), figures: row.figures }));

export const monthlyRows = (monthly: ReadonlyArray<{ month: string; figures: PerformanceFigures }>) =>
  monthly.map((row) => ({ label: formatMonth(row.month), figures: row.figures }));

// Orders not shipped yet sit under no carrier: nothing of a carrier's to compare.
export const carrierRows = (byCarrier: ReadonlyArray<{ carrier: string; figures: PerformanceFigures }>) =>
  byCarrier
    .filter((row) => row.figures.shipments > 0)
    .map((row) => ({ label: carrierLabel(row.carrier), figures: row.figures }));

function asPercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

export const percentAxis = (value: string | number | null) => `${value ?? ""}%`;
export const daysAxis = (value: string | number | null) => `${value ?? ""} d`;
