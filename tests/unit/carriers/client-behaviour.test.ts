import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CARRIER_CODES, type CarrierCode } from "../../../app/services/carriers/carrier-adapter";
import { CarrierRateLimitedError } from "../../../app/services/carriers/common/carrier-errors";
import { createCarrierStandin, type CarrierStandin } from "../../../carrier-standins";
import {
  carrierErrorOf,
  contextFor,
  freshAdapter,
  GENERATED_NUMBERS,
  recordingPolicy,
} from "./standin-harness";

const OAUTH_CARRIERS: CarrierCode[] = ["ups", "fedex", "usps"];

let standin: CarrierStandin;

beforeAll(async () => {
  standin = await createCarrierStandin({ rateLimits: { dhl: { requests: 1000, perSeconds: 60 } } });
});
afterAll(() => standin.close());
beforeEach(() => standin.resetStats());

function track(
  carrier: CarrierCode,
  options: { number?: string; policy?: ReturnType<typeof recordingPolicy> } = {},
) {
  const adapter = freshAdapter(carrier);
  const { policy } = options.policy ?? recordingPolicy();
  return {
    adapter,
    run: (number = options.number ?? GENERATED_NUMBERS[carrier]) =>
      adapter.track({ trackingNumber: number }, contextFor(standin, carrier, { http: policy })),
  };
}

describe.each(OAUTH_CARRIERS)("%s OAuth", (carrier) => {
  it("fetches one token and reuses it", async () => {
    const { run } = track(carrier);
    await run();
    await run();
    expect(standin.stats()).toEqual({ [`${carrier}:token`]: 1, [`${carrier}:track`]: 2 });
  });

  it("shares one token request between concurrent lookups", async () => {
    const { run } = track(carrier);
    await Promise.all([run(), run(), run()]);
    expect(standin.stats()[`${carrier}:token`]).toBe(1);
  });

  it("fetches a new token once when the carrier answers 401", async () => {
    const { run } = track(carrier);
    await run();
    standin.revokeTokens(carrier);
    const result = await run();
    expect(result.events.length).toBeGreaterThan(0);
    expect(standin.stats()).toEqual({ [`${carrier}:token`]: 2, [`${carrier}:track`]: 3 });
  });

  it("refuses wrong credentials as auth_failed without retrying", async () => {
    const adapter = freshAdapter(carrier);
    const { policy } = recordingPolicy();
    const error = await carrierErrorOf(
      adapter.track(
        { trackingNumber: GENERATED_NUMBERS[carrier] },
        contextFor(standin, carrier, {
          http: policy,
          credentials: { clientId: "someone-else", clientSecret: "wrong" },
        }),
      ),
    );
    expect(error.kind).toBe("auth_failed");
    expect(standin.stats()).toEqual({ [`${carrier}:token`]: 1 });
  });

  it("retries a token endpoint that is down", async () => {
    standin.failNext({ carrier, endpoint: "token", failure: 503 });
    const { run } = track(carrier);
    await run();
    expect(standin.stats()[`${carrier}:token`]).toBe(2);
  });
});

describe.each(CARRIER_CODES)("%s client", (carrier) => {
  it("retries 5xx with backoff and gives up as carrier_down after three retries", async () => {
    standin.failNext({ carrier, endpoint: "track", failure: 503, count: 4 });
    const policy = recordingPolicy({ baseDelayMs: 100 });
    const error = await carrierErrorOf(track(carrier, { policy }).run());
    expect(error).toMatchObject({ kind: "carrier_down", httpStatus: 503, retryable: true });
    expect(standin.stats()[`${carrier}:track`]).toBe(4);
    // Full jitter at random() = 0.5: half of 100, 200, 400 ms.
    expect(policy.sleeps).toEqual([50, 100, 200]);
  });

  it("recovers when a retry succeeds", async () => {
    standin.failNext({ carrier, endpoint: "track", failure: 500 });
    const result = await track(carrier).run();
    expect(result.events.length).toBeGreaterThan(0);
  });

  it("waits out a short Retry-After on 429 and then succeeds", async () => {
    standin.failNext({ carrier, endpoint: "track", failure: 429, retryAfterSeconds: 2 });
    const policy = recordingPolicy();
    await track(carrier, { policy }).run();
    expect(policy.sleeps).toEqual([2000]);
  });

  it("hands a long Retry-After back as rate_limited with retryAfterMs", async () => {
    standin.failNext({ carrier, endpoint: "track", failure: 429, retryAfterSeconds: 120 });
    const policy = recordingPolicy();
    const error = await carrierErrorOf(track(carrier, { policy }).run());
    expect(error).toBeInstanceOf(CarrierRateLimitedError);
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 120_000 });
    expect(policy.sleeps).toEqual([]);
  });

  it("times out a request that never gets an answer and retries it", async () => {
    standin.failNext({ carrier, endpoint: "track", failure: "hang" });
    const policy = recordingPolicy({ timeoutMs: 150 });
    const result = await track(carrier, { policy }).run();
    expect(result.events.length).toBeGreaterThan(0);
    expect(policy.sleeps).toHaveLength(1);
  });

  it("gives up as carrier_down when every attempt times out", async () => {
    standin.failNext({ carrier, endpoint: "track", failure: "hang", count: 4 });
    const policy = recordingPolicy({ timeoutMs: 100 });
    const error = await carrierErrorOf(track(carrier, { policy }).run());
    expect(error.kind).toBe("carrier_down");
    expect(error.message).toContain("no answer within 100 ms");
  });

  it("reports a body of the wrong shape as malformed_response, without retrying", async () => {
    standin.failNext({ carrier, endpoint: "track", failure: "malformed" });
    const error = await carrierErrorOf(track(carrier).run());
    expect(error.kind).toBe("malformed_response");
    expect(standin.stats()[`${carrier}:track`]).toBe(1);
  });

  it("answers an unknown number as not_found", async () => {
    standin.markUnknown(`${GENERATED_NUMBERS[carrier].slice(0, -1)}9`);
    const error = await carrierErrorOf(track(carrier).run(`${GENERATED_NUMBERS[carrier].slice(0, -1)}9`));
    expect(error).toMatchObject({ kind: "not_found", retryable: false });
  });

  it("refuses to call without credentials", async () => {
    const error = await carrierErrorOf(
      freshAdapter(carrier).track(
        { trackingNumber: GENERATED_NUMBERS[carrier] },
        { credentials: {}, baseUrl: standin.baseUrlFor(carrier) },
      ),
    );
    expect(error.kind).toBe("auth_failed");
    expect(standin.stats()).toEqual({});
  });
});

describe("credentials of the other carriers", () => {
  it.each([
    ["dhl", { apiKey: "not-my-key" }],
    ["dhl_express", { userId: "standinsite", password: "wrong-password" }],
    // DHL's own sample answer: a password shorter than DHL allows.
    ["dhl_express", { userId: "standinsite", password: "short" }],
    ["canada_post", { userId: "standin-cp-user", password: "nope" }],
  ] as const)("%s refuses %j as auth_failed", async (carrier, credentials) => {
    const error = await carrierErrorOf(
      freshAdapter(carrier).track(
        { trackingNumber: GENERATED_NUMBERS[carrier] },
        { credentials, baseUrl: standin.baseUrlFor(carrier) },
      ),
    );
    expect(error.kind).toBe("auth_failed");
    expect(standin.stats()[`${carrier}:track`]).toBe(1);
  });
});

describe("per-carrier rate limit", () => {
  it("answers 429 with Retry-After once a carrier's budget is spent", async () => {
    const limited = await createCarrierStandin({ rateLimits: { dhl: { requests: 2, perSeconds: 60 } } });
    try {
      const adapter = freshAdapter("dhl");
      const { policy } = recordingPolicy({ maxRetryAfterWaitMs: 1_000 });
      const context = contextFor(limited, "dhl", { http: policy });
      await adapter.track({ trackingNumber: GENERATED_NUMBERS.dhl }, context);
      await adapter.track({ trackingNumber: GENERATED_NUMBERS.dhl }, context);
      const error = await carrierErrorOf(adapter.track({ trackingNumber: GENERATED_NUMBERS.dhl }, context));
      expect(error.kind).toBe("rate_limited");
      expect((error as CarrierRateLimitedError).retryAfterMs).toBeGreaterThan(1_000);
      // Other carriers keep their own budget.
      await freshAdapter("ups").track({ trackingNumber: GENERATED_NUMBERS.ups }, contextFor(limited, "ups"));
    } finally {
      await limited.close();
    }
  });
});

describe("network errors", () => {
  it("retries a refused connection and then reports carrier_down", async () => {
    const policy = recordingPolicy();
    const error = await carrierErrorOf(
      freshAdapter("dhl").track(
        { trackingNumber: GENERATED_NUMBERS.dhl },
        { credentials: { apiKey: "key" }, baseUrl: "http://127.0.0.1:9", http: policy.policy },
      ),
    );
    expect(error).toMatchObject({ kind: "carrier_down", retryable: true });
    expect(error.message).toContain("network error");
    expect(policy.sleeps).toHaveLength(3);
  });
});
