import type { CarrierCode } from "../carrier-adapter";

export type CarrierErrorKind =
  "auth_failed" | "not_found" | "rate_limited" | "carrier_down" | "malformed_response";

const MAX_REASON_LENGTH = 200;

export abstract class CarrierError extends Error {
  abstract readonly kind: CarrierErrorKind;
  /** Whether trying again later can succeed without anyone changing anything. */
  abstract readonly retryable: boolean;

  constructor(
    readonly carrier: CarrierCode,
    message: string,
  ) {
    super(message.length > MAX_REASON_LENGTH ? `${message.slice(0, MAX_REASON_LENGTH - 1)}…` : message);
    this.name = new.target.name;
  }
}

/** Wrong or missing credentials: retrying cannot help until the merchant fixes them. */
export class CarrierAuthError extends CarrierError {
  readonly kind = "auth_failed" as const;
  readonly retryable = false;
}

export class TrackingNotFoundError extends CarrierError {
  readonly kind = "not_found" as const;
  readonly retryable = false;
}

export class CarrierRateLimitedError extends CarrierError {
  readonly kind = "rate_limited" as const;
  readonly retryable = true;

  constructor(
    carrier: CarrierCode,
    message: string,
    /** From the carrier's Retry-After; null when it gave none. */
    readonly retryAfterMs: number | null,
  ) {
    super(carrier, message);
  }
}

/** 5xx, timeouts, network errors, or an answer that says the carrier cannot serve us right now. */
export class CarrierDownError extends CarrierError {
  readonly kind = "carrier_down" as const;
  readonly retryable = true;

  constructor(
    carrier: CarrierCode,
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(carrier, message);
  }
}

/** The body did not have the shape we validate; the message is a short reason, never the body itself. */
export class MalformedResponseError extends CarrierError {
  readonly kind = "malformed_response" as const;
  readonly retryable = false;
}

export function isCarrierError(error: unknown): error is CarrierError {
  return error instanceof CarrierError;
}

/** What a carrier's error answer means, when its own error codes did not say. */
export function errorKindForHttpStatus(status: number | null | undefined): CarrierErrorKind | null {
  if (status === 401 || status === 403) return "auth_failed";
  if (status === 400 || status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status !== null && status !== undefined && status >= 500) return "carrier_down";
  return null;
}

export function carrierError(
  kind: CarrierErrorKind,
  carrier: CarrierCode,
  message: string,
  httpStatus: number | null = null,
): CarrierError {
  switch (kind) {
    case "auth_failed":
      return new CarrierAuthError(carrier, message);
    case "not_found":
      return new TrackingNotFoundError(carrier, message);
    case "rate_limited":
      return new CarrierRateLimitedError(carrier, message, null);
    case "carrier_down":
      return new CarrierDownError(carrier, message, httpStatus);
    case "malformed_response":
      return new MalformedResponseError(carrier, message);
  }
}
