import { rawSql } from "../db.server";
import { parseCandidates } from "./shipment-carrier.server";

// The shipments whose tracking number fits more than one carrier, for the Shipments page to ask about: every
// one still unconfirmed, however old, found through (shop, carrierAmbiguous, carrierConfirmed, createdAt, id)
// (Shipment_carrier_prompts_idx). The page gets a bounded answer whatever their number: how many there are
// (counted on the index alone, up to COUNT_CAP) and the newest of them (the index walked backwards, stopping
// at the page's end).
export const COUNT_CAP = 10_000;

export type CarrierPrompt = {
  id: string;
  trackingNumber: string | null;
  trackingCompany: string | null;
  order: { name: string };
  candidates: ReturnType<typeof parseCandidates>;
};

export type CarrierPrompts = {
  // The newest first, `limit` at most.
  shipments: CarrierPrompt[];
  // All of them; when `capped`, there are more than this.
  total: number;
  capped: boolean;
};

export const NO_CARRIER_PROMPTS: CarrierPrompts = { shipments: [], total: 0, capped: false };

export async function listCarrierPrompts({
  shop,
  limit = 20,
}: {
  shop: string;
  limit?: number;
}): Promise<CarrierPrompts> {
  const [rows, counted] = await Promise.all([
    rawSql.read<{
      id: string;
      trackingNumber: string | null;
      trackingCompany: string | null;
      carrierCandidates: string | null;
      orderName: string;
    }>(
      `SELECT s."id", s."trackingNumber", s."trackingCompany", s."carrierCandidates", o."name" AS "orderName"
         FROM "Shipment" s CROSS JOIN "Order" o
        WHERE s."shop" = ? AND s."carrierAmbiguous" = ? AND s."carrierConfirmed" = ? AND o."id" = s."orderId"
        ORDER BY s."createdAt" DESC, s."id" DESC
        LIMIT ?`,
      [shop, true, false, limit],
    ),
    rawSql.read<{ total: unknown }>(
      `SELECT COUNT(*) AS "total" FROM (
         SELECT 1 FROM "Shipment" s WHERE s."shop" = ? AND s."carrierAmbiguous" = ? AND s."carrierConfirmed" = ?
          LIMIT ?) AS "prompts"`,
      [shop, true, false, COUNT_CAP + 1],
    ),
  ]);
  const total = Number(counted[0]?.total ?? 0);
  return {
    shipments: rows.map((row) => ({
      id: row.id,
      trackingNumber: row.trackingNumber,
      trackingCompany: row.trackingCompany,
      order: { name: row.orderName },
      candidates: parseCandidates(row.carrierCandidates),
    })),
    // Read apart from the page, the count may have missed a shipment the page holds.
    total: Math.max(Math.min(total, COUNT_CAP), rows.length),
    capped: total > COUNT_CAP,
  };
}
