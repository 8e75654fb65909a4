import { createFedexAdapter } from "../../../app/services/carriers/fedex/client";
import { createUpsAdapter } from "../../../app/services/carriers/ups/client";
import { createUspsAdapter } from "../../../app/services/carriers/usps/client";
import { carrierAdapters } from "../../../app/services/carriers/index";
import type {
  CarrierAdapter,
  CarrierCode,
  TrackContext,
} from "../../../app/services/carriers/carrier-adapter";
import type { HttpPolicy } from "../../../app/services/carriers/common/http";
import { isCarrierError, type CarrierError } from "../../../app/services/carriers/common/carrier-errors";
import type { CarrierStandin } from "../../../carrier-standins";

/** An adapter with its own token cache, so tests do not share tokens. */
export function freshAdapter(carrier: CarrierCode): CarrierAdapter {
  if (carrier === "ups") return createUpsAdapter();
  if (carrier === "fedex") return createFedexAdapter();
  if (carrier === "usps") return createUspsAdapter();
  return carrierAdapters[carrier];
}

/** Waits are recorded instead of slept, so retries take no time and their delays can be checked. */
export function recordingPolicy(overrides: Partial<HttpPolicy> = {}) {
  const sleeps: number[] = [];
  const policy: Partial<HttpPolicy> = {
    timeoutMs: 2_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  };
  return { sleeps, policy };
}

export function contextFor(
  standin: CarrierStandin,
  carrier: CarrierCode,
  overrides: Partial<TrackContext> = {},
): TrackContext {
  return { credentials: standin.credentialsFor(carrier), baseUrl: standin.baseUrlFor(carrier), ...overrides };
}

export async function carrierErrorOf(promise: Promise<unknown>): Promise<CarrierError> {
  try {
    await promise;
  } catch (error) {
    if (isCarrierError(error)) return error;
    throw error;
  }
  throw new Error("expected a carrier error");
}

/** Valid-looking numbers of each carrier that the stand-in answers with a generated journey. */
export const GENERATED_NUMBERS: Record<CarrierCode, string> = {
  ups: "1Z999AA10123456784",
  fedex: "798765432109",
  usps: "9400111899562537875111",
  dhl: "JJD000390007123456",
  dhl_express: "1234567890",
  canada_post: "1234567890123456",
};
