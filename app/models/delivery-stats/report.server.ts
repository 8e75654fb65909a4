import { quoteIdentifier } from "../../../prisma/raw-sql";
import prisma, { rawSql } from "../../db.server";
import { calendarDayOf, dayNumberAt, type CalendarDay } from "../delivery-windows/calendar-day";
import { emptySums, SUM_COLUMNS, type StatsSums } from "./day-rollup";
import { addSums, figuresOf } from "./figures";
import { previousRange, trailingYear } from "./filters";
import { spansFor, weekSpans, type PeriodSpan } from "./periods";
import type { CarrierPerformanceReport, PerformanceFigures, StatsFilters } from "./report-types";

export { parseStatsFilters } from "./filters";

// The "Carrier performance" page's data: sums over DeliveryStats rows (a few per lane and period), whatever
// the number of shipments behind them. A range is read as whole months, whole weeks and the odd days
// (periods.ts), so a year costs about as much as a quarter.

type SumRow = Record<string, unknown>;

const SUMS_SQL = SUM_COLUMNS.map(
  (column) => `SUM(${quoteIdentifier(column)}) AS ${quoteIdentifier(column)}`,
).join(", ");
const LANE = ["carrier", "service", "country", "region"] as const;

export async function shopToday({ shop, now }: { shop: string; now: Date }): Promise<CalendarDay> {
  const row = await prisma.shop.findUnique({ where: { domain: shop }, select: { timezone: true } });
  return calendarDayOf(dayNumberAt(now, row?.timezone ?? "UTC"));
}

export async function getCarrierPerformanceReport({
  shop,
  filters,
}: {
  shop: string;
  filters: StatsFilters;
}): Promise<CarrierPerformanceReport> {
  const before = previousRange(filters);
  const year = trailingYear(filters.to);
  const weeks = weekSpans(filters.from, filters.to);
  const [laneRows, previousRows, weekRows, partialWeekRows, monthRows, dimensions, state] = await Promise.all(
    [
      sumSpans(shop, filters, spansFor(filters.from, filters.to), LANE),
      sumSpans(shop, filters, spansFor(before.from, before.to), []),
      weeks.weeks ? sumSpans(shop, filters, [weeks.weeks], ["period"]) : [],
      sumSpans(shop, filters, weeks.days, ["week"]),
      sumSpans(
        shop,
        filters,
        [{ grain: "month", from: year.from.slice(0, 7), to: year.to.slice(0, 7) }],
        ["period"],
      ),
      prisma.deliveryStatsDimension.findMany({ where: { shop }, select: { kind: true, value: true } }),
      prisma.deliveryStatsState.findUnique({ where: { shop }, select: { updatedAt: true } }),
    ],
  );

  const totals = emptySums();
  const byService = new Map<string, StatsSums>();
  const byCarrier = new Map<string, StatsSums>();
  const byDestination = new Map<string, StatsSums>();
  const byLane = new Map<string, StatsSums>();
  for (const row of laneRows) {
    const [carrier = "", service = "", country = "", region = ""] = LANE.map((column) =>
      String(row[column] ?? ""),
    );
    addSums(totals, row);
    addSums(entry(byService, key(carrier, service)), row);
    addSums(entry(byCarrier, key(carrier)), row);
    addSums(entry(byDestination, key(country, region)), row);
    if (carrier) addSums(entry(byLane, key(country, region, carrier)), row);
  }
  const weekly = new Map<string, StatsSums>();
  for (const row of weekRows) addSums(entry(weekly, String(row.period)), row);
  for (const row of partialWeekRows) addSums(entry(weekly, String(row.week)), row);
  const previous = emptySums();
  for (const row of previousRows) addSums(previous, row);

  return {
    filters,
    options: optionsOf(dimensions),
    totals: figuresOf(totals),
    previous: figuresOf(previous),
    previousRange: before,
    byCarrier: sortedByShipments(
      [...byCarrier].map(([k, sums]) => ({ carrier: split(k)[0], figures: figuresOf(sums) })),
    ),
    byService: sortedByShipments(
      [...byService].map(([k, sums]) => {
        const [carrier, service] = split(k);
        return { carrier, service, figures: figuresOf(sums) };
      }),
    ),
    byDestination: sortedByShipments(
      [...byDestination].map(([k, sums]) => {
        const [country, region] = split(k);
        return { country, region, figures: figuresOf(sums) };
      }),
    ),
    lanes: lanesOf(byLane),
    weekly: [...weekly]
      .map(([week, sums]) => ({ week, figures: figuresOf(sums) }))
      .sort((a, b) => a.week.localeCompare(b.week)),
    monthly: monthRows
      .map((row) => ({ month: String(row.period), figures: figuresOf(addSums(emptySums(), row)) }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    updatedAt: state?.updatedAt.toISOString() ?? null,
  };
}

// One GROUP BY per span (each walks the (shop, grain, period) key as a range), grouped by `by`.
async function sumSpans(
  shop: string,
  filters: StatsFilters,
  spans: PeriodSpan[],
  by: readonly string[],
): Promise<SumRow[]> {
  const [country, region] = filters.destination?.split("-") ?? [];
  const conditions: Array<[string, string | null | undefined]> = [
    ["carrier", filters.carrier],
    ["service", filters.service],
    ["country", country],
    ["region", region],
  ];
  const narrowed = conditions.filter((condition): condition is [string, string] => Boolean(condition[1]));
  const groups = by.map(quoteIdentifier).join(", ");
  const results = await Promise.all(
    spans.map((span) =>
      rawSql.read(
        `SELECT ${groups ? `${groups}, ` : ""}${SUMS_SQL} FROM "DeliveryStats"
          WHERE "shop" = ? AND "grain" = ? AND "period" BETWEEN ? AND ?
          ${narrowed.map(([column]) => `AND ${quoteIdentifier(column)} = ?`).join(" ")}
          ${groups ? `GROUP BY ${groups}` : ""}`,
        [shop, span.grain, span.from, span.to, ...narrowed.map(([, value]) => value)],
      ),
    ),
  );
  // An aggregate over no rows still answers one row of nulls.
  return results.flat().filter((row) => row.shipments !== null || row.orders !== null);
}

const key = (...parts: string[]) => parts.join("\u0000");
const split = (value: string) => value.split("\u0000") as [string, string, string];

function entry(map: Map<string, StatsSums>, mapKey: string): StatsSums {
  let sums = map.get(mapKey);
  if (!sums) {
    sums = emptySums();
    map.set(mapKey, sums);
  }
  return sums;
}

// Carrier vs carrier where both deliver: destinations two or more carriers served in the range.
function lanesOf(byLane: Map<string, StatsSums>): CarrierPerformanceReport["lanes"] {
  const destinations = new Map<string, Array<{ carrier: string; figures: PerformanceFigures }>>();
  for (const [laneKey, sums] of byLane) {
    const [country, region, carrier] = split(laneKey);
    const destination = key(country, region);
    const carriers = destinations.get(destination) ?? [];
    carriers.push({ carrier, figures: figuresOf(sums) });
    destinations.set(destination, carriers);
  }
  return [...destinations]
    .filter(([, carriers]) => carriers.length >= 2)
    .map(([destination, carriers]) => {
      const [country, region] = split(destination);
      return { country, region, carriers: sortedByShipments(carriers) };
    })
    .sort((a, b) => shipmentsOf(b.carriers) - shipmentsOf(a.carriers));
}

function sortedByShipments<T extends { figures: PerformanceFigures }>(rows: T[]): T[] {
  return rows.sort((a, b) => b.figures.shipments - a.figures.shipments);
}

function shipmentsOf(rows: Array<{ figures: PerformanceFigures }>): number {
  return rows.reduce((total, row) => total + row.figures.shipments, 0);
}

function optionsOf(dimensions: Array<{ kind: string; value: string }>): CarrierPerformanceReport["options"] {
  const values = (kind: string) =>
    dimensions
      .filter((dimension) => dimension.kind === kind)
      .map((dimension) => dimension.value)
      .sort();
  return {
    carriers: values("carrier"),
    services: values("service"),
    destinations: [...values("country"), ...values("region")].sort(),
  };
}
