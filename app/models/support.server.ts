import prisma from "../db.server";

export async function listSupportRequests({ shop, limit = 50 }: { shop: string; limit?: number }) {
  return prisma.supportRequest.findMany({
    where: { shop },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      reason: true,
      status: true,
      escalation: true,
      createdAt: true,
      order: { select: { name: true } },
      shipment: { select: { trackingNumber: true, status: true } },
    },
  });
}
