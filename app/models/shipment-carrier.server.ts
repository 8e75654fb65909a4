import { z } from "zod";
import prisma from "../db.server";
import { detectTrackingNumber, fallbackTrackingUrl } from "../services/carriers/detect-carrier";
import { carrierFromCompany } from "./carrier-names";
import { estimateWindowJob } from "./delivery-estimates.server";
import { enqueueJob } from "./jobs.server";

export type CarrierAssignment = {
  carrier: string | null;
  carrierConfidence: number | null;
  carrierAmbiguous: boolean;
  carrierCandidates: string | null;
  trackingUrl: string | null;
};

// When a number fits no carrier's format (a typo, a format the data does not know yet), the merchant's own
// carrier choice in Shopify is still evidence: polling it may succeed, and "not found" answers stop it later.
const MERCHANT_LABEL_CONFIDENCE = 0.3;
const HISTORY_TTL_MS = 5 * 60_000;

const historyCache = new Map<string, { expiresAt: number; counts: Record<string, number> }>();

// How often each carrier is confirmed (or detected without doubt) in this shop: the tie-breaker for numbers two
// carriers could own. Cached briefly, since webhooks arrive in bursts.
export async function shopCarrierHistory(shop: string, now = Date.now()): Promise<Record<string, number>> {
  const cached = historyCache.get(shop);
  if (cached && cached.expiresAt > now) return cached.counts;
  const groups = await prisma.shipment.groupBy({
    by: ["carrier"],
    where: {
      shop,
      carrier: { not: null },
      OR: [{ carrierConfirmed: true }, { carrierAmbiguous: false, carrierConfidence: { gte: 0.5 } }],
    },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(
    groups.flatMap((group) => (group.carrier ? [[group.carrier, group._count._all]] : [])),
  );
  historyCache.set(shop, { expiresAt: now + HISTORY_TTL_MS, counts });
  return counts;
}

export function forgetShopCarrierHistory(shop: string): void {
  historyCache.delete(shop);
}

export function assignCarrier({
  trackingNumber,
  trackingCompany,
  shopifyTrackingUrl,
  shopHistory,
}: {
  trackingNumber: string | null;
  trackingCompany: string | null;
  shopifyTrackingUrl: string | null;
  shopHistory: Record<string, number>;
}): CarrierAssignment {
  const merchantCarrier = carrierFromCompany(trackingCompany);
  if (!trackingNumber) {
    return {
      carrier: merchantCarrier,
      carrierConfidence: null,
      carrierAmbiguous: false,
      carrierCandidates: null,
      trackingUrl: shopifyTrackingUrl,
    };
  }
  const detection = detectTrackingNumber(trackingNumber, {
    merchantCarrierName: trackingCompany,
    shopHistory,
  });
  const best = detection.candidates[0];
  if (detection.valid && detection.carrier && best) {
    return {
      carrier: detection.carrier,
      carrierConfidence: best.confidence,
      carrierAmbiguous: detection.ambiguous,
      carrierCandidates: JSON.stringify(
        detection.candidates.map(({ carrier, courierName, confidence }) => ({
          carrier,
          courierName,
          confidence,
        })),
      ),
      trackingUrl: shopifyTrackingUrl ?? detection.trackingUrl ?? fallbackTrackingUrl(trackingNumber),
    };
  }
  return {
    carrier: merchantCarrier,
    carrierConfidence: merchantCarrier ? MERCHANT_LABEL_CONFIDENCE : null,
    carrierAmbiguous: false,
    carrierCandidates: null,
    trackingUrl: fallbackTrackingUrl(trackingNumber, shopifyTrackingUrl),
  };
}

const candidateListSchema = z.array(
  z.object({ carrier: z.string(), courierName: z.string().optional(), confidence: z.number() }),
);

export function parseCandidates(value: string | null) {
  if (!value) return [];
  const parsed = candidateListSchema.safeParse(JSON.parse(value));
  return parsed.success ? parsed.data : [];
}

// Shipments whose number two carriers could own, for the merchant to settle.
export async function listAmbiguousShipments({ shop, limit = 20 }: { shop: string; limit?: number }) {
  const rows = await prisma.shipment.findMany({
    where: { shop, carrierAmbiguous: true, carrierConfirmed: false },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      trackingNumber: true,
      trackingCompany: true,
      carrier: true,
      carrierCandidates: true,
      order: { select: { name: true } },
    },
  });
  return rows.map(({ carrierCandidates, ...row }) => ({
    ...row,
    candidates: parseCandidates(carrierCandidates),
  }));
}

export class CarrierConfirmationError extends Error {}

// The merchant's answer is final for this shipment and counts in the shop's history, which settles the next
// ambiguous number in the same way.
export async function confirmShipmentCarrier({
  shop,
  shipmentId,
  carrier,
}: {
  shop: string;
  shipmentId: string;
  carrier: string;
}) {
  const shipment = await prisma.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: { id: true, trackingNumber: true, trackingUrl: true, carrierCandidates: true },
  });
  if (!shipment) throw new CarrierConfirmationError("No such shipment in this shop");
  const candidates = parseCandidates(shipment.carrierCandidates).map((candidate) => candidate.carrier);
  if (!candidates.includes(carrier))
    throw new CarrierConfirmationError(`${carrier} is not one of this number's candidates`);
  const detection = shipment.trackingNumber
    ? detectTrackingNumber(shipment.trackingNumber, { confirmedCarrier: carrier })
    : null;
  await prisma.$transaction(async (tx) => {
    await tx.shipment.update({
      where: { id: shipment.id },
      data: {
        carrier,
        carrierConfirmed: true,
        carrierAmbiguous: false,
        carrierConfidence: 1,
        trackingUrl: detection?.trackingUrl ?? shipment.trackingUrl,
      },
    });
    await enqueueJob(tx, {
      shop,
      type: "shipment.refresh",
      uniqueKey: `shipment.refresh:${shipment.id}`,
      payload: { shipmentId: shipment.id },
    });
    await enqueueJob(tx, estimateWindowJob(shop, shipment.id));
  });
  forgetShopCarrierHistory(shop);
}
