import type { PerformanceFigures } from "../models/delivery-stats/report-types";

export type LaneCarrier = { carrier: string; figures: PerformanceFigures };
export type LaneLeaders = { bestOnTime: string[]; fastest: string[] };

// Which carriers win a lane (carriers delivering to the same destination): the best on-time rate, and the
// fastest transit (median, then p90, then average, as medians are bucket edges and often tie). A lane where
// every carrier scores the same has no winner; nor does a lane with a single carrier to judge.
export function laneLeaders(carriers: readonly LaneCarrier[]): LaneLeaders {
  return {
    bestOnTime: winners(carriers, (figures) => (figures.onTimeRate === null ? null : [-figures.onTimeRate])),
    fastest: winners(carriers, ({ transitDays }) =>
      transitDays.median === null
        ? null
        : [transitDays.median, transitDays.p90 ?? Infinity, transitDays.average ?? Infinity],
    ),
  };
}

// Lower scores win, compared element by element.
function winners(
  carriers: readonly LaneCarrier[],
  score: (figures: PerformanceFigures) => number[] | null,
): string[] {
  const scored = carriers.flatMap(({ carrier, figures }) => {
    const value = score(figures);
    return value ? [{ carrier, value }] : [];
  });
  if (scored.length < 2) return [];
  const best = scored.reduce((leader, entry) => (compare(entry.value, leader.value) < 0 ? entry : leader));
  const leaders = scored.filter((entry) => compare(entry.value, best.value) === 0);
  return leaders.length === scored.length ? [] : leaders.map((entry) => entry.carrier);
}

function compare(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0 && !Number.isNaN(difference)) return difference;
  }
  return 0;
}
