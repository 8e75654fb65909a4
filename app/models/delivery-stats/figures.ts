import {
  distribution,
  round,
  TIME_TO_SHIP_COLUMNS,
  TIME_TO_SHIP_EDGES_HOURS,
  TRANSIT_COLUMNS,
  TRANSIT_EDGES_DAYS,
} from "./buckets";
import { emptySums, SUM_COLUMNS, type StatsSums } from "./day-rollup";
import type { PerformanceFigures } from "./report-types";

// Rollup sums → the figures a merchant reads. Pure.

export function addSums(target: StatsSums, source: Readonly<Record<string, unknown>>): StatsSums {
  for (const column of SUM_COLUMNS) target[column] += Number(source[column] ?? 0);
  return target;
}

export function sumAll(rows: Iterable<Readonly<Record<string, unknown>>>): StatsSums {
  const total = emptySums();
  for (const row of rows) addSums(total, row);
  return total;
}

const rate = (part: number, whole: number, places = 4) => (whole > 0 ? round(part / whole, places) : null);

export function figuresOf(sums: StatsSums): PerformanceFigures {
  const ttsCounts = TIME_TO_SHIP_COLUMNS.map((column) => sums[column]);
  const transitCounts = TRANSIT_COLUMNS.map((column) => sums[column]);
  const problemsTotal =
    sums.problemsCarrier +
    sums.problemsMerchant +
    sums.problemsShopper +
    sums.problemsCustoms +
    sums.problemsWeather;
  return {
    orders: sums.orders,
    shipments: sums.shipments,
    timeToShipHours: distribution(ttsCounts, TIME_TO_SHIP_EDGES_HOURS, sums.ttsHours),
    transitDays: distribution(transitCounts, TRANSIT_EDGES_DAYS, sums.transitDays),
    delivered: sums.delivered,
    promised: sums.promised,
    onTimeRate: rate(sums.onTime, sums.promised),
    insideWindowRate: rate(sums.insideWindow, sums.promised),
    averagePromiseErrorDays: sums.promised ? round(sums.promiseErrorDays / sums.promised, 2) : null,
    late: sums.late,
    exceptionRate: rate(sums.exceptions, sums.shipments),
    returnRate: rate(sums.returned, sums.shipments),
    lostRate: rate(sums.lost, sums.shipments),
    firstAttemptRate: rate(sums.firstAttempt, sums.delivered),
    scanLagHours: sums.scanLagCount ? round(sums.scanLagHours / sums.scanLagCount, 1) : null,
    helpRequestsPer100Orders: sums.orders ? round((sums.helpRequests / sums.orders) * 100, 1) : null,
    lookupsPer100Orders: sums.orders ? round((sums.lookups / sums.orders) * 100, 1) : null,
    problemsByOwner: {
      carrier: sums.problemsCarrier,
      merchant: sums.problemsMerchant,
      shopper: sums.problemsShopper,
      customs: sums.problemsCustoms,
      weather: sums.problemsWeather,
    },
    merchantControllableShare: rate(sums.problemsMerchant, problemsTotal),
  };
}
