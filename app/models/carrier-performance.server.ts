import prisma from "../db.server";

export type CarrierPerformanceRow = {
  carrier: string;
  shipments: number;
  delivered: number;
  exceptions: number;
  late: number;
  medianTransitDays: number | null;
};

const UNKNOWN_CARRIER = "unknown";
const DAY_MS = 86_400_000;

// A first cut for the admin shell; the delivery-intelligence issue replaces it with daily rollups and filters.
export async function getCarrierPerformance({ shop }: { shop: string }): Promise<CarrierPerformanceRow[]> {
  const [groups, attentionGroups, delivered] = await Promise.all([
    prisma.shipment.groupBy({ by: ["carrier", "status"], where: { shop }, _count: { _all: true } }),
    prisma.shipment.groupBy({
      by: ["carrier"],
      where: { shop, attention: "late" },
      _count: { _all: true },
    }),
    prisma.shipment.findMany({
      where: { shop, status: "delivered", shippedAt: { not: null }, deliveredAt: { not: null } },
      select: { carrier: true, shippedAt: true, deliveredAt: true },
    }),
  ]);
  const rows = new Map<string, CarrierPerformanceRow>();
  const rowFor = (carrier: string | null) => {
    const key = carrier ?? UNKNOWN_CARRIER;
    let row = rows.get(key);
    if (!row) {
      row = { carrier: key, shipments: 0, delivered: 0, exceptions: 0, late: 0, medianTransitDays: null };
      rows.set(key, row);
    }
    return row;
  };
  for (const group of groups) {
    const row = rowFor(group.carrier);
    row.shipments += group._count._all;
    if (group.status === "delivered") row.delivered += group._count._all;
    if (group.status === "exception") row.exceptions += group._count._all;
  }
  for (const group of attentionGroups) rowFor(group.carrier).late = group._count._all;
  const transitDays = new Map<string, number[]>();
  for (const shipment of delivered) {
    if (!shipment.shippedAt || !shipment.deliveredAt) continue;
    const key = shipment.carrier ?? UNKNOWN_CARRIER;
    const days = (shipment.deliveredAt.getTime() - shipment.shippedAt.getTime()) / DAY_MS;
    transitDays.set(key, [...(transitDays.get(key) ?? []), days]);
  }
  for (const [carrier, days] of transitDays) rowFor(carrier).medianTransitDays = median(days);
  return [...rows.values()].sort((a, b) => b.shipments - a.shipments);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round((value ?? 0) * 10) / 10;
}
