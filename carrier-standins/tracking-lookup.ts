import type { CarrierCredentials } from "../app/services/carriers/carrier-adapter";
import { journeyFor, stepsSoFar, type Journey, type JourneyStep } from "./journey";
import type { IssuedTokens } from "./oauth-tokens";
import type { CarrierSamples } from "./shared-samples";
import type { CarrierCode } from "./standin-types";

/** Loose shapes of each carrier's numbers: anything else is answered as an invalid number. */
const NUMBER_FORMATS: Record<CarrierCode, RegExp> = {
  ups: /^1Z[0-9A-Z]{16}$/,
  fedex: /^(\d{11,12}|\d{15}|\d{20}|\d{22}|\d{34})$/,
  usps: /^(\d{20,22}|\d{26,34}|[A-Z]{2}\d{9}US)$/,
  dhl: /^[0-9A-Z]{10,39}$/,
  dhl_express: /^\d{10}$/,
  canada_post: /^(\d{12}|\d{16}|[A-Z]{2}\d{9}CA)$/,
};

export interface CarrierApiDeps {
  samples: CarrierSamples;
  credentials: CarrierCredentials;
  /** OAuth carriers only. */
  tokens: IssuedTokens | null;
  clock: () => Date;
  journeyEpoch: Date;
  unknownNumbers: ReadonlySet<string>;
}

export type TrackingLookup =
  | { kind: "sample"; body: string }
  | { kind: "journey"; journey: Journey; steps: JourneyStep[]; now: Date }
  | { kind: "invalid" }
  | { kind: "not_found" };

/**
 * A real sample when the number is one of theirs, the carrier's not-found answer for numbers marked unknown or
 * whose label is not scanned yet, its invalid-number answer for numbers of the wrong shape, else a journey.
 */
export function lookupTracking(
  carrier: CarrierCode,
  trackingNumber: string,
  deps: CarrierApiDeps,
): TrackingLookup {
  const number = trackingNumber.trim().toUpperCase();
  const sample = deps.samples.tracking.get(number);
  if (sample !== undefined) return { kind: "sample", body: sample };
  if (deps.unknownNumbers.has(number)) return { kind: "not_found" };
  if (!NUMBER_FORMATS[carrier].test(number)) return { kind: "invalid" };
  const now = deps.clock();
  const journey = journeyFor(carrier, number, deps.journeyEpoch);
  const steps = stepsSoFar(journey, now);
  return steps.length === 0 ? { kind: "not_found" } : { kind: "journey", journey, steps, now };
}
