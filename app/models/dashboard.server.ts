import prisma from "../db.server";
import { startOfDay } from "./delivery-estimates.server";
import { calendarDayOf, dayNumberAt, type CalendarDay } from "./delivery-windows/calendar-day";
import { shipmentListSearch, type ShipmentListParams } from "./shipment-list-params";
import { SHIPMENT_STATUSES, type AttentionKind, type ShipmentStatus } from "./shipment-status";

// The dashboard's numbers. Every count walks an index: the page is the app's front door and is benchmarked
// (bench/scenarios/admin-dashboard.ts).

export type TodayNumbers = {
  // The shop's calendar day the numbers are for, in its own time zone.
  day: CalendarDay;
  timeZone: string;
  shippedToday: number;
  deliveredToday: number;
};

export type DashboardSummary = {
  orders: number;
  shipments: number;
  byStatus: Record<ShipmentStatus, number>;
  attention: Record<AttentionKind, number>;
  openSupportRequests: number;
  today: TodayNumbers;
};

const DAY_MS = 86_400_000;

export async function getDashboardSummary({
  shop,
  now = new Date(),
}: {
  shop: string;
  now?: Date;
}): Promise<DashboardSummary> {
  const shopRow = await prisma.shop.findUnique({ where: { domain: shop }, select: { timezone: true } });
  const timeZone = shopRow?.timezone ?? "UTC";
  const day = calendarDayOf(dayNumberAt(now, timeZone));
  const dayStart = startOfDay(day, timeZone);
  const [orders, statusGroups, attentionGroups, openSupportRequests, shippedToday, deliveredToday] =
    await Promise.all([
      prisma.order.count({ where: { shop } }),
      prisma.shipment.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } }),
      prisma.shipment.groupBy({
        by: ["attention"],
        where: { shop, attention: { not: null }, attentionResolvedAt: null },
        _count: { _all: true },
      }),
      prisma.supportRequest.count({ where: { shop, status: { not: "resolved" } } }),
      countShippedSince({ shop, since: dayStart }),
      countDeliveredSince({ shop, since: dayStart }),
    ]);
  const byStatus = Object.fromEntries(SHIPMENT_STATUSES.map((status) => [status, 0])) as Record<
    ShipmentStatus,
    number
  >;
  for (const group of statusGroups) {
    if (group.status in byStatus) byStatus[group.status as ShipmentStatus] = group._count._all;
  }
  const attention: Record<AttentionKind, number> = { late: 0, stuck: 0, exception: 0, lost: 0 };
  for (const group of attentionGroups) {
    if (group.attention && group.attention in attention) {
      attention[group.attention as AttentionKind] = group._count._all;
    }
  }
  const shipments = statusGroups.reduce((total, group) => total + group._count._all, 0);
  return {
    orders,
    shipments,
    byStatus,
    attention,
    openSupportRequests,
    today: { day, timeZone, shippedToday, deliveredToday },
  };
}

// shippedAt is Shopify's fulfillment time, and Parcelwise stores a shipment only after Shopify created it, so
// a shipment shipped since `since` was stored since then too: the (shop, createdAt) index bounds the count.
// A day's margin absorbs clock differences between Shopify and this server.
function countShippedSince({ shop, since }: { shop: string; since: Date }) {
  return prisma.shipment.count({
    where: { shop, createdAt: { gte: new Date(since.getTime() - DAY_MS) }, shippedAt: { gte: since } },
  });
}

// deliveredAt is the delivered scan's time, never after the newest scan (lastEventAt), or Shopify's own
// delivered time when there are no scans at all (shipment-timeline.server.ts): both bounds walk the
// (shop, status, lastEventAt) index.
function countDeliveredSince({ shop, since }: { shop: string; since: Date }) {
  return prisma.shipment.count({
    where: {
      shop,
      status: "delivered",
      deliveredAt: { gte: since },
      OR: [{ lastEventAt: { gte: since } }, { lastEventAt: null }],
    },
  });
}

export type TodayTile = {
  id: string;
  label: string;
  value: number;
  url: string;
  tone?: "critical" | "caution";
};

// Each number links to the shipments list showing the same shipments, in the list's own parameters
// (shipment-list-params.ts): the day's numbers by ship or delivery day, the others by status or flag.
export function todayTiles({ byStatus, attention, today }: DashboardSummary): TodayTile[] {
  const list = (params: Partial<ShipmentListParams>) => `/app/shipments${shipmentListSearch(params)}`;
  return [
    {
      id: "shipped_today",
      label: "Shipped today",
      value: today.shippedToday,
      url: list({ shippedFrom: today.day, shippedTo: today.day }),
    },
    {
      id: "in_transit",
      label: "In transit",
      value: byStatus.in_transit,
      url: list({ statuses: ["in_transit"] }),
    },
    {
      id: "out_for_delivery",
      label: "Out for delivery",
      value: byStatus.out_for_delivery,
      url: list({ statuses: ["out_for_delivery"] }),
    },
    {
      id: "delivered_today",
      label: "Delivered today",
      value: today.deliveredToday,
      url: list({ statuses: ["delivered"], deliveredFrom: today.day, deliveredTo: today.day }),
    },
    { id: "late", label: "Late", value: attention.late, url: list({ attention: "late" }), tone: "caution" },
    {
      id: "stuck",
      label: "Stuck",
      value: attention.stuck,
      url: list({ attention: "stuck" }),
      tone: "caution",
    },
    {
      id: "exception",
      label: "Exceptions",
      value: attention.exception,
      url: list({ attention: "exception" }),
      tone: "critical",
    },
  ];
}
