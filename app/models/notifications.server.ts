import prisma from "../db.server";

// What the admin shows of the outbox: every attempt on a shipment's page, the counts, and the dead letters a
// person has to look at.

const LISTED = {
  id: true,
  channel: true,
  milestone: true,
  substatus: true,
  status: true,
  suppressedReason: true,
  attempts: true,
  lastError: true,
  sendAfter: true,
  sentAt: true,
  recipientHint: true,
  createdAt: true,
  updatedAt: true,
} as const;

export async function listShipmentNotifications({ shop, shipmentId }: { shop: string; shipmentId: string }) {
  return prisma.notification.findMany({
    where: { shop, shipmentId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    // The key tells a person's resend from the automatic message.
    select: { ...LISTED, idempotencyKey: true },
  });
}

export async function outboxSummary({ shop, since }: { shop: string; since: Date }) {
  const groups = await prisma.notification.groupBy({
    by: ["status"],
    where: { shop, createdAt: { gte: since } },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all])) as Record<
    string,
    number
  >;
}

export async function listDeadNotifications({ shop, take = 50 }: { shop: string; take?: number }) {
  return prisma.notification.findMany({
    where: { shop, status: "dead" },
    orderBy: { updatedAt: "desc" },
    take,
    select: {
      ...LISTED,
      shipmentId: true,
      order: { select: { name: true } },
      shipment: { select: { trackingNumber: true } },
    },
  });
}
