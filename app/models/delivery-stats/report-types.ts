import type { Responsibility } from "../tracking-taxonomy";

// What the "Carrier performance" page shows: every figure is computed from DeliveryStatsDaily rows
// (report.server.ts), never from the shipments themselves.

// Days are YYYY-MM-DD order days in the shop's time zone, inclusive. `destination` is a country ("US") or a
// country and region ("US-CA").
export type StatsFilters = {
  from: string;
  to: string;
  carrier: string | null;
  service: string | null;
  destination: string | null;
};

export type ProblemOwner = Exclude<Responsibility, "none">;

export type Distribution = {
  count: number;
  // "Half arrived within", "nine in ten arrived within": the upper edge of the histogram bucket where the
  // share is reached (delivery-stats/buckets.ts), so a stated figure is never optimistic.
  median: number | null;
  p90: number | null;
  average: number | null;
};

// Rates are shares in [0, 1], null when nothing to judge (e.g. no delivered shipment had a promise).
export type PerformanceFigures = {
  orders: number;
  shipments: number;
  timeToShipHours: Distribution; // order → first carrier scan: the merchant's part
  transitDays: Distribution; // first carrier scan → delivered: the carrier's part
  delivered: number;
  promised: number; // delivered shipments that had a first promised window
  onTimeRate: number | null; // delivered by the end of the first promised window
  insideWindowRate: number | null; // delivered inside the first promised window
  averagePromiseErrorDays: number | null; // |delivered − most likely day|
  late: number;
  exceptionRate: number | null;
  returnRate: number | null;
  lostRate: number | null;
  firstAttemptRate: number | null; // delivered at the first attempt, of delivered
  scanLagHours: number | null; // average time between a carrier scan and Parcelwise knowing of it
  helpRequestsPer100Orders: number | null;
  lookupsPer100Orders: number | null;
  problemsByOwner: Record<ProblemOwner, number>;
  merchantControllableShare: number | null; // merchant's share of shipments with a problem
};

export type DestinationKey = { country: string; region: string };

export type CarrierPerformanceReport = {
  filters: StatsFilters;
  options: { carriers: string[]; services: string[]; destinations: string[] };
  totals: PerformanceFigures;
  // The same-length period just before `from`..`to`, for "vs previous period".
  previous: PerformanceFigures;
  previousRange: { from: string; to: string };
  byCarrier: Array<{ carrier: string; figures: PerformanceFigures }>;
  byService: Array<{ carrier: string; service: string; figures: PerformanceFigures }>;
  byDestination: Array<DestinationKey & { figures: PerformanceFigures }>;
  // Carrier vs carrier where both deliver: destinations served by two or more carriers in the range.
  lanes: Array<DestinationKey & { carriers: Array<{ carrier: string; figures: PerformanceFigures }> }>;
  weekly: Array<{ week: string; figures: PerformanceFigures }>; // week starts (Monday), oldest first
  // Peak-season view: the twelve months up to `to`, oldest first, whatever the range.
  monthly: Array<{ month: string; figures: PerformanceFigures }>;
  // When the rollup last took changes in; null before its first run.
  updatedAt: string | null;
};
