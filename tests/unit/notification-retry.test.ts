import { describe, expect, it, vi } from "vitest";
import { retryDelayMs } from "../../app/services/notifications/notification-claims.server";

// retryDelayMs is pure; the module it lives in also holds the queue's SQL, whose database connection a unit
// test has no use for (and no configuration to open).
vi.mock("../../app/db.server", () => ({ default: {}, rawSql: {} }));

// How long a message the provider refused for now waits before the next try: 1, 2, 4… minutes, capped at
// 6 hours, spread ±25% so a recovering provider is not met by every retry at once; a provider that says how
// long to wait (Retry-After) is obeyed when it asks for longer.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CAP = 6 * HOUR;
// random() = 0.5 is the middle of the jitter: the plain exponential delay.
const middle = () => 0.5;
const lowest = () => 0;
const highest = () => 0.999_999;

describe("retryDelayMs", () => {
  it("waits 1, 2, 4, 8, 16, 32 minutes after the 1st…6th failed attempt", () => {
    expect([1, 2, 3, 4, 5, 6].map((attempts) => retryDelayMs(attempts, null, middle) / MINUTE)).toEqual([
      1, 2, 4, 8, 16, 32,
    ]);
  });

  it("treats a row that has not been attempted yet like a first attempt (1 minute)", () => {
    expect(retryDelayMs(0, null, middle)).toBe(MINUTE);
  });

  it("stops growing at 6 hours", () => {
    // 2^8 minutes = 4 h 16 min; 2^9 = 8 h 32 min would be past the cap.
    expect(retryDelayMs(9, null, middle)).toBe(256 * MINUTE);
    expect(retryDelayMs(10, null, middle)).toBe(CAP);
    expect(retryDelayMs(25, null, middle)).toBe(CAP);
  });

  it("stays at the cap however many attempts a row piles up (no overflow to Infinity or NaN)", () => {
    expect(retryDelayMs(5_000, null, middle)).toBe(CAP);
    expect(retryDelayMs(5_000, null, lowest)).toBe(0.75 * CAP);
  });

  it("spreads retries between 75% and 125% of the exponential delay", () => {
    expect(retryDelayMs(3, null, lowest)).toBe(3 * MINUTE);
    const high = retryDelayMs(3, null, highest);
    expect(high).toBeLessThan(5 * MINUTE);
    expect(high).toBeGreaterThan(4.99 * MINUTE);
    expect(retryDelayMs(3, null, () => 0.25)).toBe(3.5 * MINUTE);
  });

  it("uses a fresh random draw for every retry (two rows failing together do not retry together)", () => {
    const draws = [0.1, 0.9];
    const random = () => draws.shift() ?? 0.5;
    expect(retryDelayMs(2, null, random)).not.toBe(retryDelayMs(2, null, random));
    expect(draws).toEqual([]);
  });

  it("jitters with Math.random by default, within the bounds", () => {
    const delays = Array.from({ length: 200 }, () => retryDelayMs(4));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(6 * MINUTE);
    expect(Math.max(...delays)).toBeLessThan(10 * MINUTE);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it("waits as long as the provider's Retry-After when that is longer", () => {
    // Throttled on the first attempt with "Retry-After: 300": five minutes, not one.
    expect(retryDelayMs(1, 5 * MINUTE, middle)).toBe(5 * MINUTE);
    // Even past the 6-hour cap: the provider knows best when it will take messages again.
    expect(retryDelayMs(12, 8 * HOUR, highest)).toBe(8 * HOUR);
  });

  it("keeps its own backoff when Retry-After asks for less", () => {
    // Attempt 4 (8 minutes, jittered to at least 6): a 30-second Retry-After does not make it retry sooner.
    expect(retryDelayMs(4, 30_000, middle)).toBe(8 * MINUTE);
    expect(retryDelayMs(4, 30_000, lowest)).toBe(6 * MINUTE);
  });

  it("compares Retry-After with the jittered delay, not the plain one", () => {
    // 2 minutes jittered up to 2.4 minutes beats a 2-minute Retry-After; jittered down to 1.5, it loses.
    expect(retryDelayMs(2, 2 * MINUTE, () => 0.9)).toBe(2.4 * MINUTE);
    expect(retryDelayMs(2, 2 * MINUTE, lowest)).toBe(2 * MINUTE);
  });

  it("ignores a missing or zero Retry-After", () => {
    expect(retryDelayMs(2, undefined, middle)).toBe(2 * MINUTE);
    expect(retryDelayMs(2, 0, middle)).toBe(2 * MINUTE);
  });
});
