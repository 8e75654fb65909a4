import { z } from "zod";
import prisma from "../db.server";
import { SHIPMENT_STATUSES } from "./shipment-status";

export const shipmentListQuerySchema = z.object({
  status: z.enum(SHIPMENT_STATUSES).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export type ShipmentListQuery = z.infer<typeof shipmentListQuerySchema>;

// Newest first, keyset-paginated on (createdAt, id) so page N costs the same as page 1 at any table size.
export async function listShipments({ shop, status, cursor, limit }: { shop: string } & ShipmentListQuery) {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await prisma.shipment.findMany({
    where: {
      shop,
      ...(status ? { status } : {}),
      ...(after
        ? {
            OR: [
              { createdAt: { lt: after.createdAt } },
              { createdAt: after.createdAt, id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      trackingNumber: true,
      trackingCompany: true,
      carrier: true,
      status: true,
      attention: true,
      shippedAt: true,
      windowEnd: true,
      deliveredAt: true,
      lastEventAt: true,
      createdAt: true,
      order: { select: { name: true, destinationCountry: true, destinationProvince: true } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    shipments: page,
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.getTime()}:${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [time, id] = Buffer.from(cursor, "base64url").toString().split(":");
  const createdAt = new Date(Number(time));
  if (!id || Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}
