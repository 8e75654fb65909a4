export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface BucketLimits {
  maximumAvailable: number;
  /** Points restored per second. */
  restoreRate: number;
}

/** Shopify's per app-and-shop cost budget: queries take points out, points flow back at `restoreRate` per second. */
export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private readonly limits: BucketLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.available = limits.maximumAvailable;
    this.updatedAt = now();
  }

  /** Takes `points` if they are all there; otherwise takes nothing. */
  tryTake(points: number): boolean {
    this.restore();
    if (points > this.available) return false;
    this.available -= points;
    return true;
  }

  giveBack(points: number): void {
    this.restore();
    this.available = Math.min(this.limits.maximumAvailable, this.available + points);
  }

  status(): ThrottleStatus {
    this.restore();
    return {
      maximumAvailable: this.limits.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.limits.restoreRate,
    };
  }

  private restore(): void {
    const now = this.now();
    const restored = ((now - this.updatedAt) / 1000) * this.limits.restoreRate;
    this.available = Math.min(this.limits.maximumAvailable, this.available + restored);
    this.updatedAt = now;
  }
}
