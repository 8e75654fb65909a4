import { z } from "zod";
import prisma from "../../db.server";
import type { JobHandler } from "../../services/jobs/job-handlers.server";
import { calendarDayOf, dayNumberAt, type CalendarDay } from "../delivery-windows/calendar-day";
import type { JobRequest } from "../jobs.server";
import type { StatsRow } from "./day-rollup";
import { rebuildStatsDays } from "./rebuild-day.server";

// Keeps a shop's DeliveryStatsDaily current incrementally: every run looks at the orders, shipments and help
// requests changed since the last one (their updatedAt, indexed per shop) and rebuilds only the order days
// they belong to. The first run builds every day the shop has.

export const DELIVERY_STATS_JOB_TYPE = "delivery_stats.refresh";
export const DELIVERY_STATS_INTERVAL_MS = 10 * 60_000;
// Rows are re-read this far behind the newest change seen: a transaction that stamped its rows earlier but
// committed later is still picked up. Rebuilding a day twice changes nothing.
const COMMIT_OVERLAP_MS = 10 * 60_000;
const CONTINUE_AFTER_MS = 1_000;
// A commit per batch of days rather than per day: a first build is bound by disk flushes otherwise.
const DAYS_PER_COMMIT = 8;
// Well inside the job lease: a first build over years of history carries on in the next run.
const TIME_BUDGET_MS = 2 * 60_000;

export function deliveryStatsJob(shop: string, runAt: Date): JobRequest {
  return { shop, type: DELIVERY_STATS_JOB_TYPE, uniqueKey: DELIVERY_STATS_JOB_TYPE, runAt };
}

export type RefreshResult = { days: number; finished: boolean };

export async function refreshDeliveryStats({
  shop,
  timeBudgetMs = TIME_BUDGET_MS,
  commitOverlapMs = COMMIT_OVERLAP_MS,
}: {
  shop: string;
  timeBudgetMs?: number;
  commitOverlapMs?: number;
}): Promise<RefreshResult> {
  const deadline = Date.now() + timeBudgetMs;
  const [shopRow, state] = await Promise.all([
    prisma.shop.findUnique({ where: { domain: shop }, select: { timezone: true } }),
    prisma.deliveryStatsState.findUnique({ where: { shop } }),
  ]);
  if (!shopRow) return { days: 0, finished: true };
  const since = state ? new Date(state.changesSeen.getTime() - commitOverlapMs) : null;
  const { instants, newest } = await changedOrderInstants({ shop, since });
  const changedDays = instants.map((at) => calendarDayOf(dayNumberAt(at, shopRow.timezone)));
  const days = [...new Set([...pendingDays(state), ...changedDays])].sort();
  const changesSeen = latest(state?.changesSeen ?? null, newest);

  const dimensions = new DimensionRecorder(shop);
  let rebuilt = 0;
  while (rebuilt < days.length) {
    const batch = days.slice(rebuilt, rebuilt + DAYS_PER_COMMIT);
    await dimensions.record(await rebuildStatsDays({ shop, days: batch, timeZone: shopRow.timezone }));
    rebuilt += batch.length;
    if (Date.now() >= deadline && rebuilt < days.length) {
      await saveState(shop, changesSeen, days.slice(rebuilt));
      return { days: rebuilt, finished: false };
    }
  }
  await saveState(shop, changesSeen, []);
  return { days: rebuilt, finished: true };
}

export const runDeliveryStatsJob: JobHandler = async ({ shop, now }) => {
  const { finished } = await refreshDeliveryStats({ shop });
  return {
    runAgainAt: new Date(now.getTime() + (finished ? DELIVERY_STATS_INTERVAL_MS : CONTINUE_AFTER_MS)),
  };
};

function pendingDays(state: { pendingDays: string } | null): CalendarDay[] {
  if (!state) return [];
  const parsed = pendingDaysJson.safeParse(JSON.parse(state.pendingDays));
  return parsed.success ? parsed.data : [];
}

const pendingDaysJson = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/));

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

// Orders whose own row, one of their shipments or one of their help requests changed after `since` (every
// order when `since` is null), as the instants they were placed.
async function changedOrderInstants({ shop, since }: { shop: string; since: Date | null }) {
  const changed = since ? { updatedAt: { gt: since } } : {};
  const [orders, shipments, helpRequests] = await Promise.all([
    prisma.order.findMany({ where: { shop, ...changed }, select: { orderedAt: true, updatedAt: true } }),
    since
      ? prisma.shipment.findMany({
          where: { shop, ...changed },
          select: { updatedAt: true, order: { select: { orderedAt: true } } },
        })
      : Promise.resolve([]),
    since
      ? prisma.supportRequest.findMany({
          where: { shop, orderId: { not: null }, ...changed },
          select: { updatedAt: true, order: { select: { orderedAt: true } } },
        })
      : Promise.resolve([]),
  ]);
  const instants = [
    ...orders.map((order) => order.orderedAt),
    ...shipments.map((shipment) => shipment.order.orderedAt),
    ...helpRequests.flatMap((request) => (request.order ? [request.order.orderedAt] : [])),
  ];
  let newest: Date | null = null;
  for (const row of [...orders, ...shipments, ...helpRequests]) {
    if (!newest || row.updatedAt > newest) newest = row.updatedAt;
  }
  if (!since) {
    // A first build has seen everything up to the newest shipment or help request too.
    const latest = await Promise.all([
      prisma.shipment.aggregate({ where: { shop }, _max: { updatedAt: true } }),
      prisma.supportRequest.aggregate({ where: { shop }, _max: { updatedAt: true } }),
    ]);
    for (const { _max } of latest) {
      if (_max.updatedAt && (!newest || _max.updatedAt > newest)) newest = _max.updatedAt;
    }
  }
  return { instants, newest };
}

// The cursor moves as soon as the changes are read: days not rebuilt yet are kept as pending, not re-found.
async function saveState(shop: string, changesSeen: Date | null, pending: CalendarDay[]): Promise<void> {
  if (!changesSeen) return;
  const data = { changesSeen, pendingDays: JSON.stringify(pending) };
  await prisma.deliveryStatsState.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

// The filter options (carriers, services, destinations): inserted the first time a rollup row names them.
class DimensionRecorder {
  private known: Promise<Set<string>> | null = null;

  constructor(private readonly shop: string) {}

  async record(rows: StatsRow[]): Promise<void> {
    this.known ??= prisma.deliveryStatsDimension
      .findMany({ where: { shop: this.shop }, select: { kind: true, value: true } })
      .then((existing) => new Set(existing.map(({ kind, value }) => `${kind}:${value}`)));
    const known = await this.known;
    const fresh = new Map<string, { kind: string; value: string }>();
    for (const row of rows) {
      const values = {
        carrier: row.carrier,
        service: row.service,
        country: row.country,
        region: row.region && row.country ? `${row.country}-${row.region}` : "",
      };
      for (const [kind, value] of Object.entries(values)) {
        const key = `${kind}:${value}`;
        if (value && !known.has(key)) fresh.set(key, { kind, value });
      }
    }
    if (!fresh.size) return;
    await prisma.deliveryStatsDimension.createMany({
      data: [...fresh.values()].map((dimension) => ({ shop: this.shop, ...dimension })),
    });
    for (const key of fresh.keys()) known.add(key);
  }
}
