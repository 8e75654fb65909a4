import type { Prisma } from "@prisma/client";
import prisma from "../../db.server";
import { calendarDayOf, dayNumberAt, type CalendarDay } from "../delivery-windows/calendar-day";
import { emptySums, SUM_COLUMNS, type StatsSums } from "./day-rollup";
import { addSums, figuresOf, sumAll } from "./figures";
import { previousRange, trailingYear } from "./filters";
import type {
  CarrierPerformanceReport,
  DestinationKey,
  PerformanceFigures,
  StatsFilters,
} from "./report-types";

export { parseStatsFilters } from "./filters";

// The "Carrier performance" page's data: a handful of GROUP BY queries over DeliveryStatsDaily (a few rows per
// order day and lane), whatever the number of shipments behind them.

const SUM_ALL = Object.fromEntries(SUM_COLUMNS.map((column) => [column, true])) as Record<
  (typeof SUM_COLUMNS)[number],
  true
>;

type SumRow = { _sum: Partial<Record<string, number | null>> };

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
  const inRange = where(shop, filters, filters);
  const before = previousRange(filters);
  const year = trailingYear(filters.to);
  // `groupBy`'s generated types cannot follow a computed `_sum`; the rows are read through SumRow.
  const groupBy = prisma.deliveryStatsDaily.groupBy as unknown as (args: {
    by: Prisma.DeliveryStatsDailyScalarFieldEnum[];
    where: Prisma.DeliveryStatsDailyWhereInput;
    _sum: typeof SUM_ALL;
  }) => Promise<Array<SumRow & Record<string, string>>>;

  const [services, lanes, weeks, previous, months, dimensions, state] = await Promise.all([
    groupBy({ by: ["carrier", "service"], where: inRange, _sum: SUM_ALL }),
    groupBy({ by: ["country", "region", "carrier"], where: inRange, _sum: SUM_ALL }),
    groupBy({ by: ["week"], where: inRange, _sum: SUM_ALL }),
    prisma.deliveryStatsDaily.aggregate({ where: where(shop, filters, before), _sum: SUM_ALL }),
    groupBy({ by: ["month"], where: where(shop, filters, year), _sum: SUM_ALL }),
    prisma.deliveryStatsDimension.findMany({ where: { shop }, select: { kind: true, value: true } }),
    prisma.deliveryStatsState.findUnique({ where: { shop }, select: { updatedAt: true } }),
  ]);

  const byCarrier = new Map<string, StatsSums>();
  for (const row of services) addSums(mapEntry(byCarrier, row.carrier ?? ""), row._sum);
  const byDestination = new Map<string, StatsSums>();
  const laneCarriers = new Map<string, Array<{ carrier: string; figures: PerformanceFigures }>>();
  for (const row of lanes) {
    const key = destinationKey(row);
    addSums(mapEntry(byDestination, key), row._sum);
    if (!row.carrier) continue;
    const carriers = laneCarriers.get(key) ?? [];
    carriers.push({ carrier: row.carrier, figures: figuresOf(sumAll([row._sum])) });
    laneCarriers.set(key, carriers);
  }

  return {
    filters,
    options: optionsOf(dimensions),
    totals: figuresOf(sumAll(services.map((row) => row._sum))),
    previous: figuresOf(sumAll([previous._sum as Record<string, number | null>])),
    previousRange: before,
    byCarrier: sortedByShipments(
      [...byCarrier].map(([carrier, sums]) => ({ carrier, figures: figuresOf(sums) })),
    ),
    byService: sortedByShipments(
      services.map((row) => ({
        carrier: row.carrier ?? "",
        service: row.service ?? "",
        figures: figuresOf(sumAll([row._sum])),
      })),
    ),
    byDestination: sortedByShipments(
      [...byDestination].map(([key, sums]) => ({ ...parseDestinationKey(key), figures: figuresOf(sums) })),
    ),
    lanes: [...laneCarriers]
      .filter(([, carriers]) => carriers.length >= 2)
      .map(([key, carriers]) => ({ ...parseDestinationKey(key), carriers: sortedByShipments(carriers) }))
      .sort((a, b) => shipmentsOf(b.carriers) - shipmentsOf(a.carriers)),
    weekly: weeks
      .map((row) => ({ week: row.week ?? "", figures: figuresOf(sumAll([row._sum])) }))
      .sort((a, b) => a.week.localeCompare(b.week)),
    monthly: months
      .map((row) => ({ month: row.month ?? "", figures: figuresOf(sumAll([row._sum])) }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    updatedAt: state?.updatedAt.toISOString() ?? null,
  };
}

function where(
  shop: string,
  filters: StatsFilters,
  range: { from: CalendarDay; to: CalendarDay },
): Prisma.DeliveryStatsDailyWhereInput {
  const [country, region] = filters.destination?.split("-") ?? [];
  return {
    shop,
    day: { gte: range.from, lte: range.to },
    ...(filters.carrier ? { carrier: filters.carrier } : {}),
    ...(filters.service ? { service: filters.service } : {}),
    ...(country ? { country } : {}),
    ...(region ? { region } : {}),
  };
}

function mapEntry(map: Map<string, StatsSums>, key: string): StatsSums {
  let sums = map.get(key);
  if (!sums) {
    sums = emptySums();
    map.set(key, sums);
  }
  return sums;
}

function destinationKey(row: Record<string, unknown>): string {
  return `${String(row.country ?? "")}\u0000${String(row.region ?? "")}`;
}

function parseDestinationKey(key: string): DestinationKey {
  const [country = "", region = ""] = key.split("\u0000");
  return { country, region };
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
