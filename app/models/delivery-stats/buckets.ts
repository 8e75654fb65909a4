import type { Distribution } from "./report-types";

// Histogram edges of the rollup's distribution columns (DeliveryStatsDaily tts00… and transit00…): bucket i
// holds values in (edge[i-1], edge[i]]; the last bucket is everything above the last edge. Fine where most
// parcels land (hours to ship, the first week of transit), coarse in the tail, so a median or p90 reads
// "within N days" to half a day without storing every shipment.
export const TIME_TO_SHIP_EDGES_HOURS = [6, 12, 18, 24, 36, 48, 72, 96, 120, 168, 240] as const;
export const TRANSIT_EDGES_DAYS = [
  1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 12, 14, 17, 21, 28, 35, 45, 60,
] as const;

// One column per bucket, in edge order (one more than the edges: the open-ended tail).
export const TIME_TO_SHIP_COLUMNS = [
  "tts00",
  "tts01",
  "tts02",
  "tts03",
  "tts04",
  "tts05",
  "tts06",
  "tts07",
  "tts08",
  "tts09",
  "tts10",
  "tts11",
] as const;
export const TRANSIT_COLUMNS = [
  "transit00",
  "transit01",
  "transit02",
  "transit03",
  "transit04",
  "transit05",
  "transit06",
  "transit07",
  "transit08",
  "transit09",
  "transit10",
  "transit11",
  "transit12",
  "transit13",
  "transit14",
  "transit15",
  "transit16",
  "transit17",
  "transit18",
  "transit19",
  "transit20",
  "transit21",
  "transit22",
] as const;

export function bucketColumn<Column extends string>(
  columns: readonly Column[],
  edges: readonly number[],
  value: number,
): Column {
  const column = columns[bucketIndex(edges, value)];
  if (!column) throw new Error(`no histogram column for ${value}`);
  return column;
}

export function bucketIndex(edges: readonly number[], value: number): number {
  const index = edges.findIndex((edge) => value <= edge);
  return index === -1 ? edges.length : index;
}

// The upper edge of the bucket where the cumulative share reaches `share`: an honest "within" figure. Values
// past the last edge have no upper bound, so a quantile landing there reports that edge (the table says "60+").
export function histogramQuantile(
  counts: readonly number[],
  edges: readonly number[],
  share: number,
): number | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const needed = share * total;
  let cumulative = 0;
  for (let index = 0; index < counts.length; index += 1) {
    cumulative += counts[index] ?? 0;
    if (cumulative >= needed - 1e-9) return edges[Math.min(index, edges.length - 1)] ?? null;
  }
  return edges.at(-1) ?? null;
}

export function distribution(counts: readonly number[], edges: readonly number[], sum: number): Distribution {
  const count = counts.reduce((total, value) => total + value, 0);
  return {
    count,
    median: histogramQuantile(counts, edges, 0.5),
    p90: histogramQuantile(counts, edges, 0.9),
    average: count ? round(sum / count, 2) : null,
  };
}

export function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
