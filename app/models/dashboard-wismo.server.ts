import prisma from "../db.server";
import { calendarDayOf, dayNumberOf, weekStartOf, type CalendarDay } from "./delivery-windows/calendar-day";
import { weekSpans } from "./delivery-stats/periods";
import { shopToday } from "./delivery-stats/report.server";

// The "where is my order?" load by week: tracking page lookups and help requests per 100 orders placed that
// week. Read from the carrier performance rollup (DeliveryStats), a few rows per week, never from orders.

export type WismoWeek = {
  week: CalendarDay; // its Monday
  orders: number;
  lookups: number;
  helpRequests: number;
  lookupsPer100Orders: number | null;
  helpRequestsPer100Orders: number | null;
};

export type WismoTrend = { weeks: WismoWeek[]; updatedAt: Date | null };

export const WISMO_WEEKS = 12;

const SUMS = { orders: true, lookups: true, helpRequests: true } as const;

export async function getWismoTrend({
  shop,
  now = new Date(),
  weeks = WISMO_WEEKS,
}: {
  shop: string;
  now?: Date;
  weeks?: number;
}): Promise<WismoTrend> {
  const today = await shopToday({ shop, now });
  const from = calendarDayOf(dayNumberOf(weekStartOf(today)) - (weeks - 1) * 7);
  const spans = weekSpans(from, today);
  const [wholeWeeks, partialWeeks, state] = await Promise.all([
    spans.weeks
      ? prisma.deliveryStats.groupBy({
          by: ["period"],
          where: { shop, grain: "week", period: { gte: spans.weeks.from, lte: spans.weeks.to } },
          _sum: SUMS,
        })
      : [],
    Promise.all(
      spans.days.map((span) =>
        prisma.deliveryStats.groupBy({
          by: ["week"],
          where: { shop, grain: "day", period: { gte: span.from, lte: span.to } },
          _sum: SUMS,
        }),
      ),
    ),
    prisma.deliveryStatsState.findUnique({ where: { shop }, select: { updatedAt: true } }),
  ]);
  const totals = new Map<string, { orders: number; lookups: number; helpRequests: number }>();
  for (let index = 0; index < weeks; index += 1) {
    totals.set(calendarDayOf(dayNumberOf(from) + index * 7), { orders: 0, lookups: 0, helpRequests: 0 });
  }
  const add = (
    week: string,
    sums: { orders: number | null; lookups: number | null; helpRequests: number | null },
  ) => {
    const entry = totals.get(week);
    if (!entry) return;
    entry.orders += sums.orders ?? 0;
    entry.lookups += sums.lookups ?? 0;
    entry.helpRequests += sums.helpRequests ?? 0;
  };
  for (const row of wholeWeeks) add(row.period, row._sum);
  for (const row of partialWeeks.flat()) add(row.week, row._sum);
  return {
    weeks: [...totals].map(([week, sums]) => ({
      week,
      ...sums,
      lookupsPer100Orders: per100(sums.lookups, sums.orders),
      helpRequestsPer100Orders: per100(sums.helpRequests, sums.orders),
    })),
    updatedAt: state?.updatedAt ?? null,
  };
}

const per100 = (count: number, orders: number) =>
  orders > 0 ? Math.round((count / orders) * 1000) / 10 : null;
