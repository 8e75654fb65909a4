import { rawSql } from "../db.server";
import type { ShipmentStatus } from "./shipment-status";

// How long a parcel can go without a scan before the silence is unusual, learned from the shop's own history:
// a regional carrier that scans daily and a postal service that is silent for days across a border are
// judged by their own habits, not by one fixed "stuck after X days" rule.

export type ScanGapBasis = "shop_history" | "shop_stage" | "default";

export type ScanGapNorm = {
  thresholdHours: number;
  basis: ScanGapBasis;
  // Gaps behind the threshold; with the "default" basis, the gaps the shop has so far for that stage (fewer
  // than MIN_SAMPLES), so the admin can say how much history is still missing.
  samples: number;
};

// The silences the shop's history shows, per carrier and stage (carrier null: all carriers together), in whole
// hours rounded up.
export type LearnedScanGap = { carrier: string | null; stage: string; samples: number; p95Hours: number };

export type ScanGapNorms = {
  computedAt: Date;
  learned: LearnedScanGap[];
  thresholdFor(shipment: { carrier: string | null; status: string }): ScanGapNorm;
  // The shortest threshold any parcel at this stage can have, whatever its carrier.
  shortestThresholdHours(status: string): number;
};

type InFlightStatus = Exclude<ShipmentStatus, "delivered" | "returned">;

export const MIN_SAMPLES = 30;
export const HISTORY_DAYS = 180;
// Nearest-rank percentile of the gaps: 95 silences in 100 end before it.
export const GAP_PERCENTILE = 95;
// A lane that scans every few hours must not page anyone over a quiet Sunday.
export const FLOOR_HOURS = 24;
// History polluted by lost parcels must not teach that weeks of silence are normal; three weeks still
// covers the longest routinely silent legs (economy international post through customs).
export const CEILING_HOURS = 21 * 24;

// Until a shop has enough history. Each covers the slow end of normal for that stage, including a weekend
// without scans:
// - pending / pre_transit, 72 h: labels are printed ahead of pickup; one printed on Friday afternoon is
//   often first scanned on Monday morning.
// - in_transit, 96 h: line-haul and cross-border legs go 2–3 days between hub scans; a weekend or holiday
//   on top makes 4 days.
// - out_for_delivery, 30 h: a van's day ends with a delivered or attempted scan, uploaded that evening at the
//   latest; a whole day and night without one means the parcel did not come back with the driver.
// - attempted / ready_for_pickup, 96 h: the next attempt or the move to a pickup point takes 1–2 business
//   days, and pickup points hold parcels 5–7 days: after 4 silent days the shopper should hear from us before
//   the parcel goes back to the sender.
// - delayed / exception, 120 h: carriers go quiet while they sort out an address or a weather backlog, and
//   the shopper already heard about the problem itself; only a long silence on top of it is news.
export const DEFAULT_THRESHOLD_HOURS: Record<InFlightStatus, number> = {
  pending: 72,
  pre_transit: 72,
  in_transit: 96,
  out_for_delivery: 30,
  attempted: 96,
  ready_for_pickup: 96,
  delayed: 120,
  exception: 120,
};

const HOUR_MS = 3_600_000;
const CACHE_MS = HOUR_MS;

export function defaultThresholdHours(status: string): number {
  return Object.hasOwn(DEFAULT_THRESHOLD_HOURS, status)
    ? DEFAULT_THRESHOLD_HOURS[status as InFlightStatus]
    : DEFAULT_THRESHOLD_HOURS.in_transit;
}

// Learning reads up to a million events, so a shop's norms are computed at most once an hour per process.
const cache = new Map<string, { computedAt: number; norms: Promise<ScanGapNorms> }>();
let lastSweepAt = 0;

export function getScanGapNorms({
  shop,
  now = new Date(),
}: {
  shop: string;
  now?: Date;
}): Promise<ScanGapNorms> {
  const cached = cache.get(shop);
  const age = cached ? now.getTime() - cached.computedAt : Number.POSITIVE_INFINITY;
  if (cached && age >= 0 && age < CACHE_MS) return cached.norms;
  sweepExpired(now.getTime());
  const norms = learnScanGaps({ shop, now }).then((learned) => scanGapNorms({ learned, computedAt: now }));
  cache.set(shop, { computedAt: now.getTime(), norms });
  norms.catch(() => {
    if (cache.get(shop)?.norms === norms) cache.delete(shop);
  });
  return norms;
}

function sweepExpired(now: number) {
  if (now - lastSweepAt < CACHE_MS) return;
  lastSweepAt = now;
  for (const [shop, entry] of cache) if (now - entry.computedAt >= CACHE_MS) cache.delete(shop);
}

export function scanGapNorms({
  learned,
  computedAt,
}: {
  learned: LearnedScanGap[];
  computedAt: Date;
}): ScanGapNorms {
  const byCarrier = new Map<string, LearnedScanGap>();
  const byStage = new Map<string, LearnedScanGap>();
  for (const gap of learned) {
    if (gap.carrier === null) byStage.set(gap.stage, gap);
    else byCarrier.set(carrierStageKey(gap.carrier, gap.stage), gap);
  }
  const thresholdFor = ({ carrier, status }: { carrier: string | null; status: string }): ScanGapNorm => {
    const carrierGap = carrier === null ? undefined : byCarrier.get(carrierStageKey(carrier, status));
    if (carrierGap && carrierGap.samples >= MIN_SAMPLES)
      return {
        thresholdHours: bounded(carrierGap.p95Hours),
        basis: "shop_history",
        samples: carrierGap.samples,
      };
    const stageGap = byStage.get(status);
    if (stageGap && stageGap.samples >= MIN_SAMPLES)
      return { thresholdHours: bounded(stageGap.p95Hours), basis: "shop_stage", samples: stageGap.samples };
    return {
      thresholdHours: defaultThresholdHours(status),
      basis: "default",
      samples: stageGap?.samples ?? 0,
    };
  };
  return {
    computedAt,
    learned,
    thresholdFor,
    shortestThresholdHours: (status) =>
      Math.min(
        thresholdFor({ carrier: null, status }).thresholdHours,
        ...[...byCarrier.values()]
          .filter((gap) => gap.stage === status && gap.samples >= MIN_SAMPLES)
          .map((gap) => bounded(gap.p95Hours)),
      ),
  };
}

function carrierStageKey(carrier: string, stage: string) {
  return `${carrier}\u0000${stage}`;
}

function bounded(hours: number): number {
  return Math.min(CEILING_HOURS, Math.max(FLOOR_HOURS, hours));
}

type GapBucketRow = { carrier: string | null; stage: string; hours: unknown; gaps: unknown };

// Gaps between consecutive scans of each parcel, by the stage of the earlier scan, counted in the database per
// whole hour (rounded up, and capped just above the ceiling since no threshold goes beyond it): a few hundred
// rows however long the history, from which the percentile is read exactly as if every gap were sorted.
// A gap still open (the parcel's latest scan) is not a sample: it is what gets judged. Scans at the same
// instant (the same scan reported by Shopify and by the carrier) are not silences.
export async function learnScanGaps({ shop, now }: { shop: string; now: Date }): Promise<LearnedScanGap[]> {
  const secondsBetween = (from: string, to: string) =>
    rawSql.dialect === "sqlite"
      ? `CAST(ROUND((julianday(${to}) - julianday(${from})) * 86400) AS INTEGER)`
      : `CAST(ROUND(EXTRACT(EPOCH FROM (${to} - ${from}))) AS BIGINT)`;
  const overCeiling = CEILING_HOURS + 1;
  const rows = await rawSql.read<GapBucketRow>(
    `WITH scans AS (
       SELECT e."shipmentId", e."status" AS "stage", e."occurredAt" AS "scannedAt",
              LEAD(e."occurredAt") OVER (PARTITION BY e."shipmentId" ORDER BY e."occurredAt") AS "nextScanAt"
       FROM "TrackingEvent" e
       WHERE e."shop" = ? AND e."occurredAt" >= ?
     ),
     gaps AS (
       SELECT s."carrier", scans."stage", ${secondsBetween(`scans."scannedAt"`, `scans."nextScanAt"`)} AS "seconds"
       FROM scans JOIN "Shipment" s ON s."id" = scans."shipmentId" AND s."shop" = ?
       WHERE scans."nextScanAt" IS NOT NULL AND scans."stage" NOT IN ('delivered', 'returned')
     ),
     hours AS (
       SELECT "carrier", "stage", ("seconds" + 3599) / 3600 AS "hours" FROM gaps WHERE "seconds" > 0
     )
     SELECT "carrier", "stage", CASE WHEN "hours" > ${overCeiling} THEN ${overCeiling} ELSE "hours" END AS "hours",
            COUNT(*) AS "gaps"
     FROM hours
     GROUP BY 1, 2, 3`,
    [shop, new Date(now.getTime() - HISTORY_DAYS * 24 * HOUR_MS), shop],
  );
  const histograms = new Map<
    string,
    { carrier: string | null; stage: string; buckets: Map<number, number> }
  >();
  const count = (carrier: string | null, stage: string, hours: number, gaps: number) => {
    const key = carrier === null ? stage : carrierStageKey(carrier, stage);
    const histogram = histograms.get(key) ?? { carrier, stage, buckets: new Map<number, number>() };
    histogram.buckets.set(hours, (histogram.buckets.get(hours) ?? 0) + gaps);
    histograms.set(key, histogram);
  };
  for (const row of rows) {
    const hours = Number(row.hours);
    const gaps = Number(row.gaps);
    if (row.carrier !== null) count(row.carrier, row.stage, hours, gaps);
    count(null, row.stage, hours, gaps);
  }
  return [...histograms.values()].map(({ carrier, stage, buckets }) => ({
    carrier,
    stage,
    ...nearestRankPercentile(buckets),
  }));
}

function nearestRankPercentile(buckets: Map<number, number>): { samples: number; p95Hours: number } {
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const samples = sorted.reduce((total, [, gaps]) => total + gaps, 0);
  const rank = Math.ceil((samples * GAP_PERCENTILE) / 100);
  let seen = 0;
  for (const [hours, gaps] of sorted) {
    seen += gaps;
    if (seen >= rank) return { samples, p95Hours: hours };
  }
  return { samples, p95Hours: 0 };
}
