import { z } from "zod";
import prisma from "../db.server";
import { CARRIER_CODES } from "../services/carriers/carrier-adapter";
import {
  detectTrackingNumber,
  fallbackTrackingUrl,
  normalizeTrackingNumber,
} from "../services/carriers/detect-carrier";
import { carrierFromCompany, LABELLED_CARRIERS } from "./carrier-names";
import { estimateWindowJob } from "./delivery-estimates.server";
import { refreshJob } from "./refresh-job";
import { enqueueJob } from "./jobs.server";
import { FINAL_STATUSES } from "./shipment-status";

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
// A number like one the merchant corrected: their word, but about another parcel.
const REMEMBERED_CONFIDENCE = 0.95;
const HISTORY_TTL_MS = 5 * 60_000;
const REMEMBERED_CORRECTIONS = 500;

const historyCache = new Map<string, { expiresAt: number; counts: Record<string, number> }>();
const correctionsCache = new Map<string, { expiresAt: number; corrections: CarrierCorrections }>();

// Correction key → carrier code.
export type CarrierCorrections = ReadonlyMap<string, string>;

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
  correctionsCache.delete(shop);
}

// Numbers "like" one the merchant settled: the same carrier label in Shopify and the same shape (letters and
// digits in the same places), which is how one courier's numbers resemble each other.
export function correctionKey(trackingCompany: string | null, trackingNumber: string | null): string | null {
  if (!trackingNumber) return null;
  const shape = normalizeTrackingNumber(trackingNumber).replace(/[A-Z]/g, "A").replace(/\d/g, "9");
  return `${(trackingCompany ?? "").trim().toLowerCase()}|${shape}`;
}

// What the merchant settled in this shop (a confirmed or corrected carrier), newest first winning: the next
// number of the same kind gets the same carrier. Kept on the shipments themselves, cached briefly.
export async function shopCarrierCorrections(shop: string, now = Date.now()): Promise<CarrierCorrections> {
  const cached = correctionsCache.get(shop);
  if (cached && cached.expiresAt > now) return cached.corrections;
  const rows = await prisma.shipment.findMany({
    where: { shop, carrierConfirmed: true, carrier: { not: null }, trackingNumber: { not: null } },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: REMEMBERED_CORRECTIONS,
    select: { carrier: true, trackingCompany: true, trackingNumber: true },
  });
  const corrections = new Map<string, string>();
  for (const row of rows) {
    const key = correctionKey(row.trackingCompany, row.trackingNumber);
    if (key && row.carrier && !corrections.has(key)) corrections.set(key, row.carrier);
  }
  correctionsCache.set(shop, { expiresAt: now + HISTORY_TTL_MS, corrections });
  return corrections;
}

export function assignCarrier({
  trackingNumber,
  trackingCompany,
  shopifyTrackingUrl,
  shopHistory,
  corrections,
}: {
  trackingNumber: string | null;
  trackingCompany: string | null;
  shopifyTrackingUrl: string | null;
  shopHistory: Record<string, number>;
  corrections?: CarrierCorrections;
}): CarrierAssignment {
  const merchantCarrier = carrierFromCompany(trackingCompany);
  const remembered = corrections?.get(correctionKey(trackingCompany, trackingNumber) ?? "");
  if (trackingNumber && remembered) {
    const detection = detectTrackingNumber(trackingNumber, { confirmedCarrier: remembered });
    return {
      carrier: remembered,
      carrierConfidence: REMEMBERED_CONFIDENCE,
      carrierAmbiguous: false,
      carrierCandidates: null,
      trackingUrl: trackingUrlFor({
        carrier: remembered,
        trackingNumber,
        trackingCompany,
        shopifyTrackingUrl,
        detectedUrl: detection.trackingUrl,
      }),
    };
  }
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

// A corrected carrier's own tracking page when its formats know the number; Shopify's link only when the
// merchant's label there names that carrier (otherwise it points at the carrier they corrected away from).
function trackingUrlFor(input: {
  carrier: string;
  trackingNumber: string;
  trackingCompany: string | null;
  shopifyTrackingUrl: string | null;
  detectedUrl: string | null;
}): string {
  const shopifyNamesIt = carrierFromCompany(input.trackingCompany) === input.carrier;
  return (
    input.detectedUrl ??
    fallbackTrackingUrl(input.trackingNumber, shopifyNamesIt ? input.shopifyTrackingUrl : null)
  );
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

// A carrier the merchant named: certain, and no longer a question for the Shipments page.
const CONFIRMED_BY_MERCHANT = { carrierConfirmed: true, carrierAmbiguous: false, carrierConfidence: 1 };

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
        ...CONFIRMED_BY_MERCHANT,
        trackingUrl: detection?.trackingUrl ?? shipment.trackingUrl,
      },
    });
    await enqueueJob(tx, refreshJob(shop, shipment.id));
    await enqueueJob(tx, estimateWindowJob(shop, shipment.id));
  });
  forgetShopCarrierHistory(shop);
}

// Carriers a shipment can be corrected to: those Parcelwise tracks, those it can name, and this number's
// candidates.
export function correctableCarriers(
  candidates: string | null = null,
  current: string | null = null,
): string[] {
  return [
    ...new Set([
      ...CARRIER_CODES,
      ...LABELLED_CARRIERS,
      ...parseCandidates(candidates).map((candidate) => candidate.carrier),
      ...(current ? [current] : []),
    ]),
  ];
}

// The merchant says which carrier really has the parcel: the shipment takes it (its link too), tracking starts
// over with that carrier, and numbers like this one in the shop get it from now on (correctionKey).
export async function correctShipmentCarrier({
  shop,
  shipmentId,
  carrier,
  now = new Date(),
}: {
  shop: string;
  shipmentId: string;
  carrier: string;
  now?: Date;
}): Promise<{ carrier: string; changed: boolean }> {
  const shipment = await prisma.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: {
      id: true,
      carrier: true,
      carrierCandidates: true,
      trackingNumber: true,
      trackingCompany: true,
      trackingUrl: true,
      status: true,
      trackingVersions: {
        where: { shop },
        orderBy: { shopifyUpdatedAt: "desc" },
        take: 1,
        select: { trackingUrl: true },
      },
    },
  });
  if (!shipment) throw new CarrierConfirmationError("No such shipment in this shop");
  if (!correctableCarriers(shipment.carrierCandidates, shipment.carrier).includes(carrier))
    throw new CarrierConfirmationError(`${carrier} is not a carrier Parcelwise knows`);
  const changed = carrier !== shipment.carrier;
  const trackingUrl = shipment.trackingNumber
    ? trackingUrlFor({
        carrier,
        trackingNumber: shipment.trackingNumber,
        trackingCompany: shipment.trackingCompany,
        shopifyTrackingUrl: shipment.trackingVersions[0]?.trackingUrl ?? null,
        detectedUrl: detectTrackingNumber(shipment.trackingNumber, { confirmedCarrier: carrier }).trackingUrl,
      })
    : shipment.trackingUrl;
  await prisma.$transaction(async (tx) => {
    await tx.shipment.update({
      where: { id: shipment.id },
      data: {
        carrier,
        ...CONFIRMED_BY_MERCHANT,
        trackingUrl,
        // The other carrier's "not found" answers and hand-off say nothing about this one.
        ...(changed
          ? { pollFailures: 0, lastPollError: null, lastMileCarrier: null, lastMileTrackingNumber: null }
          : {}),
      },
    });
    if (FINAL_STATUSES.has(shipment.status as never)) return;
    await enqueueJob(tx, { ...refreshJob(shop, shipment.id), runAt: now });
    await enqueueJob(tx, estimateWindowJob(shop, shipment.id));
  });
  forgetShopCarrierHistory(shop);
  return { carrier, changed };
}
