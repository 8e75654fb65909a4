import type { CarrierCode } from "./carrier-adapter";

// Requests per second each carrier's tracking API allows an account, kept under in every worker process
// (several workers share the budget through CARRIER_RATE_LIMITS, which sets each process's share).
export const DEFAULT_CARRIER_RATE_LIMITS: Record<CarrierCode, number> = {
  ups: 10,
  fedex: 10,
  usps: 5,
  dhl: 3,
  dhl_express: 5,
  canada_post: 5,
};

// A token bucket per carrier: polls spread over time instead of bursting into a carrier's 429s. `take` answers
// how long to wait when the bucket is empty, so the caller reschedules instead of blocking a worker lane.
export class CarrierRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; refilledAt: number }>();

  constructor(private readonly perSecond: Partial<Record<string, number>> = DEFAULT_CARRIER_RATE_LIMITS) {}

  take(carrier: string, now = Date.now()): { allowed: true } | { allowed: false; retryInMs: number } {
    const rate = this.perSecond[carrier];
    if (!rate || rate <= 0) return { allowed: true };
    const bucket = this.buckets.get(carrier) ?? { tokens: rate, refilledAt: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.refilledAt) / 1000) * rate);
    bucket.refilledAt = now;
    this.buckets.set(carrier, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryInMs: Math.ceil(((1 - bucket.tokens) / rate) * 1000) };
  }
}
