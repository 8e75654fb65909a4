export interface RateLimit {
  requests: number;
  perSeconds: number;
}

/** A fixed window per carrier, on wall-clock time (the journey clock may be frozen in tests). */
export class FixedWindowLimiter {
  private windowStartedAt = 0;
  private used = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Null when the request may pass, otherwise the seconds until the window resets. */
  take(): number | null {
    const now = this.now();
    const windowMs = this.limit.perSeconds * 1000;
    if (now - this.windowStartedAt >= windowMs) {
      this.windowStartedAt = now;
      this.used = 0;
    }
    if (this.used < this.limit.requests) {
      this.used += 1;
      return null;
    }
    return Math.max(1, Math.ceil((this.windowStartedAt + windowMs - now) / 1000));
  }
}
