import type { CarrierCode } from "../carrier-adapter";
import { CarrierDownError, CarrierRateLimitedError, type CarrierError } from "./carrier-errors";

export interface HttpPolicy {
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  /** Further attempts after the first, for 5xx, timeouts, network errors and 429. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer Retry-After is not waited out here: the caller gets rate_limited and reschedules. */
  maxRetryAfterWaitMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = {
  timeoutMs: 10_000,
  retries: 3,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
  maxRetryAfterWaitMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface HttpDeps {
  carrier: CarrierCode;
  fetch: typeof fetch;
  policy: HttpPolicy;
  now: () => number;
}

// Full jitter: many shops polling the same carrier after an outage should not come back in lockstep.
export function backoffDelayMs(
  retry: number,
  policy: Pick<HttpPolicy, "baseDelayMs" | "maxDelayMs" | "random">,
) {
  return Math.round(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));
}

/** Delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

type Attempt = { response: HttpResponse } | { failure: CarrierError; waitMs: number | null };

/**
 * Sends a request, retrying what a later attempt can fix (5xx, timeouts, network errors, 429 with a short
 * Retry-After) with exponential backoff and jitter. Any other status is returned for the carrier to interpret.
 */
export async function sendWithRetries(request: HttpRequest, deps: HttpDeps): Promise<HttpResponse> {
  const { policy } = deps;
  for (let retry = 0; ; retry += 1) {
    const attempt = await attemptOnce(request, deps);
    if ("response" in attempt) return attempt.response;
    const { failure, waitMs } = attempt;
    const tooLong = waitMs !== null && waitMs > policy.maxRetryAfterWaitMs;
    if (retry >= policy.retries || tooLong) throw failure;
    await policy.sleep(waitMs ?? backoffDelayMs(retry, policy));
  }
}

async function attemptOnce(request: HttpRequest, deps: HttpDeps): Promise<Attempt> {
  const { carrier, policy } = deps;
  let response: Response;
  let body: string;
  try {
    response = await deps.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(policy.timeoutMs),
    });
    body = await response.text();
  } catch (error) {
    const reason = isTimeout(error)
      ? `no answer within ${policy.timeoutMs} ms`
      : `network error: ${networkErrorReason(error)}`;
    return { failure: new CarrierDownError(carrier, `${carrier} unreachable (${reason})`), waitMs: null };
  }
  if (response.status >= 500) {
    return {
      failure: new CarrierDownError(carrier, `${carrier} answered ${response.status}`, response.status),
      waitMs: null,
    };
  }
  if (response.status === 429) {
    const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), deps.now());
    return {
      failure: new CarrierRateLimitedError(carrier, `${carrier} rate limited the request`, retryAfterMs),
      waitMs: retryAfterMs,
    };
  }
  return { response: { status: response.status, headers: response.headers, body } };
}

// fetch reports every network failure as "fetch failed"; the cause says which (ECONNREFUSED, ECONNRESET, …).
function networkErrorReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}
