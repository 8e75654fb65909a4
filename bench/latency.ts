// Latency figures of sequential page requests, as the self-contained admin scenarios report them.

// The nearest-rank percentile, in ms to one decimal; null without samples.
export function percentile(values: number[], share: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round1(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0);
}

export const round1 = (value: number) => Math.round(value * 10) / 10;
