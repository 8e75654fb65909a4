// The window over a sample of delivery offsets (business days from an anchor), sorted ascending.
//
// Delivery times have a long right tail, so the shortest interval holding `coverage` of the sample leaves
// nearly all of its misses on the late side: on the Olist history that meant 8% of parcels after the window,
// worse than the merchant's own promise. An early parcel is a pleasant surprise and a late one a broken promise,
// so the misses are split on purpose: at most `lateShare` of the sample lands after the window and the rest of
// the 1 − coverage before it. The default, a third of the misses, was chosen on an earlier-vs-later split of
// the history alone (half of the misses let more parcels arrive late than the merchant's promise did).

export const DEFAULT_COVERAGE = 0.9;

export function defaultLateShare(coverage: number): number {
  return (1 - coverage) / 3;
}

export type WindowOffsets = { earliest: number; latest: number; likely: number };

// Shares such as 0.9 × 100 are not exact in floating point; without slack ceil(90.00000000000001) is 91.
const ROUNDING_SLACK = 1e-9;

/**
 * latest is the smallest sample value with at least 1 − lateShare of the sample at or below it; earliest the
 * largest with at most 1 − coverage − lateShare of the sample strictly below it. So at least `coverage` of the
 * sample lies in [earliest, latest], whatever the ties. likely is the lower median, which minimises the mean
 * absolute error in business days.
 */
export function windowOffsets(sorted: readonly number[], coverage: number, lateShare: number): WindowOffsets {
  const count = sorted.length;
  if (count === 0) throw new Error("windowOffsets needs at least one sample");
  const earlyShare = Math.max(0, 1 - coverage - lateShare);
  const latestIndex = clamp(Math.ceil((1 - lateShare) * count - ROUNDING_SLACK) - 1, 0, count - 1);
  const earliestIndex = clamp(Math.floor(earlyShare * count + ROUNDING_SLACK), 0, latestIndex);
  const medianIndex = clamp(Math.ceil(count / 2) - 1, earliestIndex, latestIndex);
  return {
    earliest: valueAt(sorted, earliestIndex),
    latest: valueAt(sorted, latestIndex),
    likely: valueAt(sorted, medianIndex),
  };
}

/** The samples of `sorted` at or above `minimum`, still sorted. */
export function atLeast(sorted: readonly number[], minimum: number): readonly number[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (valueAt(sorted, middle) < minimum) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? sorted : sorted.slice(low);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function valueAt(sorted: readonly number[], index: number): number {
  const value = sorted[index];
  if (value === undefined) throw new Error(`sample index ${index} out of range`);
  return value;
}
