import type { CarrierCode } from "../carrier-adapter";
import {
  carrierError,
  errorKindForHttpStatus,
  type CarrierError,
  type CarrierErrorKind,
} from "./carrier-errors";

export interface CarrierErrorEntry {
  code: string;
  message: string;
}

/**
 * A carrier's error answer to a typed error: its own codes first (a table in the carrier's codes.ts), then the HTTP
 * status, and a carrier that answers with an error nobody can read is treated as unable to serve.
 */
export function carrierErrorFromCodes(
  carrier: CarrierCode,
  errors: readonly CarrierErrorEntry[],
  kinds: Readonly<Record<string, CarrierErrorKind>>,
  httpStatus: number | undefined,
): CarrierError {
  const known = errors.find((entry) => Object.hasOwn(kinds, entry.code));
  const kind = (known && kinds[known.code]) || errorKindForHttpStatus(httpStatus) || "carrier_down";
  const entry = known ?? errors[0];
  const detail = entry ? `${entry.code}: ${entry.message}` : "no error detail";
  return carrierError(kind, carrier, `${carrier} error ${detail}`, httpStatus ?? null);
}

export function carrierErrorFromStatus(carrier: CarrierCode, httpStatus: number): CarrierError {
  return carrierError(
    errorKindForHttpStatus(httpStatus) ?? "carrier_down",
    carrier,
    `${carrier} answered ${httpStatus}`,
    httpStatus,
  );
}
