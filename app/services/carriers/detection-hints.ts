// What the shop already knows, blended into each candidate's confidence: confidence becomes
// (1 − w) × confidence + w × support, where support (0..1) is how much the hint backs that candidate. A
// hint therefore raises the carriers it names and lowers the others, and the result stays within 0..1. The
// merchant's carrier name from Shopify is about this very shipment, so it weighs most; the shop's history is
// a prior over many shipments, backing each carrier by its share; a carrier the merchant confirmed is settled.
import { carrierFromCompany } from "../../models/carrier-names";
import type { RankableCandidate } from "./candidate";
import type { NumberType } from "./number-type";

export interface DetectionHints {
  /** The tracking company the merchant picked or typed in Shopify ("UPS", "DHL Express", "Royal Mail"…). */
  merchantCarrierName?: string | null;
  /** Parcelwise carrier code → count of confirmed shipments in this shop. */
  shopHistory?: Record<string, number>;
  /** A carrier the merchant confirmed for this number. */
  confirmedCarrier?: string | null;
}

export const HINT_WEIGHTS = {
  merchantCarrierName: 0.5,
  shopHistory: 0.3,
  // "DHL" on a DHL Express number, "DHL Express" on a DHL eCommerce one: same company, another network.
  sameCourierSupport: 0.5,
} as const;

const MIN_NAME_PREFIX = 3;

function compactName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** "Royal Mail" names "Royal Mail Group plc"; a too-short prefix ("D") names nothing. */
function namesCourier(merchantName: string, courierName: string): boolean {
  const merchant = compactName(merchantName);
  return merchant.length >= MIN_NAME_PREFIX && compactName(courierName).startsWith(merchant);
}

function merchantSupport(
  merchantName: string,
  candidate: RankableCandidate,
  numberTypes: readonly NumberType[],
) {
  const merchantCarrier = carrierFromCompany(merchantName);
  if (merchantCarrier === candidate.carrier || namesCourier(merchantName, candidate.courierName)) return 1;
  // A postal number from USPS, Canada Post…: the merchant's name for that post names the carrier.
  if (merchantCarrier && merchantCarrier === carrierFromCompany(candidate.courierName)) return 1;
  const { courierCode, courierName } = candidate.match.type;
  const merchantCourier = numberTypes.find((type) => type.carrier === merchantCarrier)?.courierCode;
  return merchantCourier === courierCode || namesCourier(courierName, merchantName)
    ? HINT_WEIGHTS.sameCourierSupport
    : 0;
}

// A name Parcelwise does not know ("Other", a local courier) says nothing about the candidates, so it
// must not lower them all.
function isKnownCarrierName(merchantName: string, numberTypes: readonly NumberType[]): boolean {
  return (
    carrierFromCompany(merchantName) !== null ||
    numberTypes.some((type) => namesCourier(merchantName, type.courierName))
  );
}

function blend(
  candidate: RankableCandidate,
  weight: number,
  support: number,
  reason: string,
): RankableCandidate {
  return {
    ...candidate,
    confidence: (1 - weight) * candidate.confidence + weight * support,
    reasons: [...candidate.reasons, reason],
  };
}

function applyMerchantName(
  candidates: readonly RankableCandidate[],
  merchantName: string,
  numberTypes: readonly NumberType[],
): RankableCandidate[] {
  const supports = candidates.map((candidate) => merchantSupport(merchantName, candidate, numberTypes));
  if (supports.every((support) => support === 0) && !isKnownCarrierName(merchantName, numberTypes)) {
    return [...candidates];
  }
  return candidates.map((candidate, index) => {
    const support = supports[index] ?? 0;
    const verb =
      support === 1 ? "names this carrier" : support > 0 ? "names this company" : "names another carrier";
    return blend(
      candidate,
      HINT_WEIGHTS.merchantCarrierName,
      support,
      `the merchant's "${merchantName}" ${verb}`,
    );
  });
}

function applyShopHistory(
  candidates: readonly RankableCandidate[],
  history: Record<string, number>,
): RankableCandidate[] {
  const counts = new Map(Object.entries(history).filter(([, count]) => Number.isFinite(count) && count > 0));
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return [...candidates];
  return candidates.map((candidate) => {
    const count = counts.get(candidate.carrier) ?? 0;
    const reason = `the shop's history: ${count} of ${total} confirmed shipments`;
    return blend(candidate, HINT_WEIGHTS.shopHistory, count / total, reason);
  });
}

function applyConfirmedCarrier(
  candidates: readonly RankableCandidate[],
  confirmedCarrier: string,
): RankableCandidate[] {
  return candidates.map((candidate) =>
    candidate.carrier === confirmedCarrier
      ? { ...candidate, confidence: 1, reasons: [...candidate.reasons, "confirmed by the merchant"] }
      : candidate,
  );
}

export function applyHints(
  candidates: readonly RankableCandidate[],
  hints: DetectionHints,
  numberTypes: readonly NumberType[],
): RankableCandidate[] {
  let hinted = [...candidates];
  if (hints.merchantCarrierName?.trim()) {
    hinted = applyMerchantName(hinted, hints.merchantCarrierName.trim(), numberTypes);
  }
  if (hints.shopHistory) hinted = applyShopHistory(hinted, hints.shopHistory);
  if (hints.confirmedCarrier) hinted = applyConfirmedCarrier(hinted, hints.confirmedCarrier);
  return hinted;
}
