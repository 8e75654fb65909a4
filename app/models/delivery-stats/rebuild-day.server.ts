import prisma from "../../db.server";
import { calendarDayOf, dayNumberOf, weekdayOf, type CalendarDay } from "../delivery-windows/calendar-day";
import { startOfDay } from "../delivery-estimates.server";
import { rollUpDay, type OrderForStats, type StatsRow } from "./day-rollup";
import type { EventForStats } from "./shipment-facts";

// Recomputes one order day of a shop's DeliveryStatsDaily from its orders, shipments, scans, first promises
// and help requests, and replaces the day's rows in one transaction: rebuilding is idempotent, so a day
// touched twice, or by two runs, ends up the same.

const CHUNK = 500;

export async function rebuildStatsDay({
  shop,
  day,
  timeZone,
}: {
  shop: string;
  day: CalendarDay;
  timeZone: string;
}): Promise<StatsRow[]> {
  const orders = await loadDay({ shop, day, timeZone });
  const rows = rollUpDay(orders);
  const placement = { day, week: weekStart(day), month: day.slice(0, 7) };
  await prisma.$transaction([
    prisma.deliveryStatsDaily.deleteMany({ where: { shop, day } }),
    prisma.deliveryStatsDaily.createMany({ data: rows.map((row) => ({ shop, ...placement, ...row })) }),
  ]);
  return rows;
}

export function weekStart(day: CalendarDay): CalendarDay {
  const dayNumber = dayNumberOf(day);
  return calendarDayOf(dayNumber - ((weekdayOf(dayNumber) + 6) % 7));
}

async function loadDay({
  shop,
  day,
  timeZone,
}: {
  shop: string;
  day: CalendarDay;
  timeZone: string;
}): Promise<OrderForStats[]> {
  const orders = await prisma.order.findMany({
    where: {
      shop,
      cancelledAt: null,
      orderedAt: {
        gte: startOfDay(day, timeZone),
        lt: startOfDay(calendarDayOf(dayNumberOf(day) + 1), timeZone),
      },
    },
    select: {
      id: true,
      orderedAt: true,
      destinationCountry: true,
      destinationProvince: true,
      trackingLookups: true,
      shipments: {
        // A cancelled fulfillment never travelled: it is not a shipment to judge a carrier by.
        where: {
          OR: [{ shopifyFulfillmentStatus: null }, { shopifyFulfillmentStatus: { not: "cancelled" } }],
        },
        orderBy: [{ createdAt: "asc" }, { trackingIndex: "asc" }],
        select: {
          id: true,
          carrier: true,
          service: true,
          status: true,
          deliveredAt: true,
          attention: true,
          attentionOwner: true,
        },
      },
    },
  });
  const shipmentIds = orders.flatMap((order) => order.shipments.map((shipment) => shipment.id));
  const [events, promises, helpRequests] = await Promise.all([
    eventsByShipment(shop, shipmentIds),
    promisesByShipment(shop, shipmentIds),
    helpRequestsByOrder(
      shop,
      orders.map((order) => order.id),
    ),
  ]);
  return orders.map((order) => ({
    orderedAt: order.orderedAt,
    destinationCountry: order.destinationCountry,
    destinationProvince: order.destinationProvince,
    trackingLookups: order.trackingLookups,
    helpRequests: helpRequests.get(order.id) ?? 0,
    shipments: order.shipments.map((shipment) => ({
      ...shipment,
      events: events.get(shipment.id) ?? [],
      promise: promises.get(shipment.id) ?? null,
    })),
  }));
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += CHUNK) result.push(items.slice(index, index + CHUNK));
  return result;
}

async function eventsByShipment(shop: string, shipmentIds: string[]) {
  const byShipment = new Map<string, EventForStats[]>();
  for (const ids of chunks(shipmentIds)) {
    const events = await prisma.trackingEvent.findMany({
      where: { shop, shipmentId: { in: ids } },
      select: {
        shipmentId: true,
        status: true,
        substatus: true,
        occurredAt: true,
        createdAt: true,
        source: true,
      },
    });
    for (const { shipmentId, ...event } of events) {
      const list = byShipment.get(shipmentId);
      if (list) list.push(event);
      else byShipment.set(shipmentId, [event]);
    }
  }
  return byShipment;
}

async function promisesByShipment(shop: string, shipmentIds: string[]) {
  const byShipment = new Map<string, { earliestAt: Date; likelyAt: Date; latestAt: Date }>();
  for (const ids of chunks(shipmentIds)) {
    const estimates = await prisma.deliveryEstimate.findMany({
      where: { shop, shipmentId: { in: ids }, isOriginal: true },
      select: { shipmentId: true, earliestAt: true, likelyAt: true, latestAt: true },
    });
    for (const { shipmentId, earliestAt, likelyAt, latestAt } of estimates) {
      byShipment.set(shipmentId, { earliestAt, latestAt, likelyAt: likelyAt ?? earliestAt });
    }
  }
  return byShipment;
}

async function helpRequestsByOrder(shop: string, orderIds: string[]) {
  const byOrder = new Map<string, number>();
  for (const ids of chunks(orderIds)) {
    const groups = await prisma.supportRequest.groupBy({
      by: ["orderId"],
      where: { shop, orderId: { in: ids } },
      _count: { _all: true },
    });
    for (const group of groups) if (group.orderId) byOrder.set(group.orderId, group._count._all);
  }
  return byOrder;
}
