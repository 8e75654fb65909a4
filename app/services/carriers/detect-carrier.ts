// Tracking number → carrier. Every number type the number is valid for becomes a candidate, ranked by how
// specific the match is and by what the shop knows (detection-hints.ts). When the best two carriers are
// within AMBIGUITY_MARGIN the detection says so, and the UI asks the merchant to confirm the best guess.
import { candidateFromMatch, type Candidate, type RankableCandidate } from "./candidate";
import { applyHints, type DetectionHints } from "./detection-hints";
import { matchNumberTypes } from "./match-number-types";
import { trackingNumberData, type TrackingNumberData } from "./tracking-number-data";

export type { Candidate } from "./candidate";
export type { DetectionHints } from "./detection-hints";

export interface Detection {
  input: string;
  normalized: string;
  /** The best guess, or null when no carrier's format accepts the number. */
  carrier: string | null;
  service: string | null;
  /** At least one candidate passed its type's validation (pattern, check digit, required lookups). */
  valid: boolean;
  /** Best first. */
  candidates: Candidate[];
  trackingUrl: string | null;
  /** Another carrier scored within AMBIGUITY_MARGIN of `carrier`: ask the merchant to confirm. */
  ambiguous: boolean;
}

/** Confidence a carrier must lead the next other carrier by to be taken without asking. */
export const AMBIGUITY_MARGIN = 0.1;

// The longest format in the data is 34 characters; anything far longer is not a tracking number, and
// skipping it keeps pasted junk from running every pattern over kilobytes of text.
const MAX_NORMALIZED_LENGTH = 64;

// Hyphens and dashes as they arrive from labels, emails and PDFs.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

export function normalizeTrackingNumber(input: string): string {
  return input.replace(SEPARATORS, "").toUpperCase();
}

function roundConfidence(confidence: number): number {
  return Math.round(confidence * 100) / 100;
}

function ranked(candidates: readonly RankableCandidate[]): RankableCandidate[] {
  // Array.prototype.sort is stable: equal confidences keep data order (courier file, then type).
  return candidates
    .map((candidate) => ({ ...candidate, confidence: roundConfidence(candidate.confidence) }))
    .sort((a, b) => b.confidence - a.confidence);
}

function isAmbiguous(candidates: readonly RankableCandidate[], confirmed: boolean): boolean {
  const [best] = candidates;
  if (!best || confirmed) return false;
  const runnerUp = candidates.find((candidate) => candidate.carrier !== best.carrier);
  return runnerUp !== undefined && best.confidence - runnerUp.confidence < AMBIGUITY_MARGIN;
}

export function trackingUrlFor(urlTemplate: string | null, normalized: string): string | null {
  return urlTemplate ? urlTemplate.replaceAll("%s", encodeURIComponent(normalized)) : null;
}

function publicCandidate({ match: _match, ...candidate }: RankableCandidate): Candidate {
  return candidate;
}

export function detectTrackingNumber(
  input: string,
  hints: DetectionHints = {},
  data: TrackingNumberData = trackingNumberData(),
): Detection {
  const normalized = normalizeTrackingNumber(input);
  const matches =
    normalized.length <= MAX_NORMALIZED_LENGTH ? matchNumberTypes(normalized, data.numberTypes) : [];
  const candidates = ranked(
    applyHints(
      matches.map((match) => candidateFromMatch(match, normalized, data.typesById)),
      hints,
      data.numberTypes,
    ),
  );
  const best = candidates[0];
  const confirmed = Boolean(hints.confirmedCarrier);
  // A confirmed carrier stands even when no format of it accepts the number (a courier the data lacks).
  const carrier = hints.confirmedCarrier || best?.carrier || null;
  const bestOfCarrier = candidates.find((candidate) => candidate.carrier === carrier);
  return {
    input,
    normalized,
    carrier,
    service: bestOfCarrier?.service ?? null,
    valid: candidates.length > 0,
    candidates: candidates.map(publicCandidate),
    trackingUrl: trackingUrlFor(bestOfCarrier?.match.type.trackingUrl ?? null, normalized),
    ambiguous: isAmbiguous(candidates, confirmed),
  };
}

/**
 * Where to send someone when detection has no tracking URL: Shopify's own URL for the fulfillment when it
 * has one, else a web search for the number, which works for any carrier and names none. Only http(s) URLs
 * are passed through, because this ends up in an href.
 */
export function fallbackTrackingUrl(number: string, shopifyUrl?: string | null): string {
  if (shopifyUrl) {
    try {
      const { protocol } = new URL(shopifyUrl);
      if (protocol === "https:" || protocol === "http:") return shopifyUrl;
    } catch {
      // Not a URL: fall through to the search link.
    }
  }
  const query = `${normalizeTrackingNumber(number)} tracking`;
  return `https://www.google.com/search?q=${encodeURIComponent(query).replaceAll("%20", "+")}`;
}
