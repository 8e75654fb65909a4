// Latency figures of sequential page requests, as the self-contained admin scenarios report them.
import { startBaselineServer } from "./baseline";
import type { Cleanup } from "./cleanup";

// The nearest-rank percentile, in ms to one decimal; null without samples.
export function percentile(values: number[], share: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round1(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0);
}

export const round1 = (value: number) => Math.round(value * 10) / 10;

export type LatencySummary = { p50: number | null; p95: number | null };

export function latencySummary(values: number[]): LatencySummary {
  return { p50: percentile(values, 0.5), p95: percentile(values, 0.95) };
}

export function latencyByView(latencies: Map<string, number[]>): Record<string, LatencySummary> {
  return Object.fromEntries([...latencies].map(([name, values]) => [name, latencySummary(values)]));
}

// The same bytes from a bare node:http server, requested one after another like the app's pages: the ratio
// against it is what stays comparable from one machine to the next.
export async function baselineLatencies({
  cleanup,
  scenario,
  body,
  warmup,
  measured,
}: {
  cleanup: Cleanup;
  scenario: string;
  body: string;
  warmup: number;
  measured: number;
}): Promise<number[]> {
  const baseline = await startBaselineServer({
    body,
    contentType: "text/x-script",
    contentEncoding: "identity",
  });
  const stopBaseline = cleanup.add(`stop the baseline server (${scenario})`, baseline.stop);
  const latencies: number[] = [];
  try {
    for (let round = 0; round < warmup + measured; round += 1) {
      const requestStarted = performance.now();
      await (await fetch(`${baseline.url}/`)).text();
      if (round >= warmup) latencies.push(performance.now() - requestStarted);
    }
  } finally {
    await stopBaseline();
  }
  return latencies;
}
