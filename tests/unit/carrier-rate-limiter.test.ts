import { describe, expect, it } from "vitest";
import { CarrierRateLimiter } from "../../app/services/carriers/rate-limiter";

describe("carrier rate limiter", () => {
  it("lets a burst up to the carrier's rate through, then says how long to wait", () => {
    const limiter = new CarrierRateLimiter({ ups: 2 });
    expect(limiter.take("ups", 0)).toEqual({ allowed: true });
    expect(limiter.take("ups", 0)).toEqual({ allowed: true });
    expect(limiter.take("ups", 0)).toEqual({ allowed: false, retryInMs: 500 });
    expect(limiter.take("ups", 500)).toEqual({ allowed: true });
  });

  it("keeps carriers apart and leaves carriers without a limit alone", () => {
    const limiter = new CarrierRateLimiter({ ups: 1 });
    expect(limiter.take("ups", 0).allowed).toBe(true);
    expect(limiter.take("ups", 0).allowed).toBe(false);
    for (let i = 0; i < 100; i += 1) expect(limiter.take("local_courier", 0).allowed).toBe(true);
  });
});
