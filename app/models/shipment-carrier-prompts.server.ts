import { rawSql } from "../db.server";
import { parseCandidates } from "./shipment-carrier.server";

// The shipments whose tracking number fits more than one carrier, for the Shipments page to ask about. A
// number is asked about while it is new, so the page looks among the shop's newest shipments only: no index
// holds the ambiguous flag, and reading every shipment for it (listAmbiguousShipments) took seconds per visit
// at a million shipments. An index on (shop, carrierAmbiguous, carrierConfirmed) would let it list them all.
const RECENT_SHIPMENTS = 1_000;

export type CarrierPrompt = {
  id: string;
  trackingNumber: string | null;
  trackingCompany: string | null;
  order: { name: string };
  candidates: ReturnType<typeof parseCandidates>;
};

export async function listRecentAmbiguousShipments({
  shop,
  limit = 20,
}: {
  shop: string;
  limit?: number;
}): Promise<CarrierPrompt[]> {
  const rows = await rawSql.read<{
    id: string;
    trackingNumber: string | null;
    trackingCompany: string | null;
    carrierCandidates: string | null;
    orderName: string;
  }>(
    `SELECT s."id", s."trackingNumber", s."trackingCompany", s."carrierCandidates", o."name" AS "orderName"
       FROM (SELECT "id", "createdAt" FROM "Shipment" WHERE "shop" = ?
              ORDER BY "createdAt" DESC, "id" DESC LIMIT ?) AS "recent"
       CROSS JOIN "Shipment" s CROSS JOIN "Order" o
      WHERE s."id" = "recent"."id" AND s."carrierAmbiguous" = ? AND s."carrierConfirmed" = ?
        AND o."id" = s."orderId"
      ORDER BY "recent"."createdAt" DESC, "recent"."id" DESC
      LIMIT ?`,
    [shop, RECENT_SHIPMENTS, true, false, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    trackingNumber: row.trackingNumber,
    trackingCompany: row.trackingCompany,
    order: { name: row.orderName },
    candidates: parseCandidates(row.carrierCandidates),
  }));
}
