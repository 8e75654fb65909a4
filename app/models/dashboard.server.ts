import prisma from "../db.server";
import { SHIPMENT_STATUSES, type AttentionKind, type ShipmentStatus } from "./shipment-status";

export type DashboardSummary = {
  orders: number;
  shipments: number;
  byStatus: Record<ShipmentStatus, number>;
  attention: Record<AttentionKind, number>;
  openSupportRequests: number;
};

export async function getDashboardSummary({ shop }: { shop: string }): Promise<DashboardSummary> {
  const [orders, statusGroups, attentionGroups, openSupportRequests] = await Promise.all([
    prisma.order.count({ where: { shop } }),
    prisma.shipment.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } }),
    prisma.shipment.groupBy({
      by: ["attention"],
      where: { shop, attention: { not: null }, attentionResolvedAt: null },
      _count: { _all: true },
    }),
    prisma.supportRequest.count({ where: { shop, status: { not: "resolved" } } }),
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
  return { orders, shipments, byStatus, attention, openSupportRequests };
}
