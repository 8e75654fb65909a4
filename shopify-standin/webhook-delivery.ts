import { createHmac, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { SHOPIFY_API_VERSION } from "../app/shopify-api-version";

export interface WebhookRetryPolicy {
  /** Retries after the first attempt fails. */
  maxRetries: number;
  /** Wait before retry n is `backoffBaseMs * 2^(n-1)`. */
  backoffBaseMs: number;
  /** An attempt that takes longer than this counts as failed. */
  timeoutMs: number;
}

// Shopify retries 8 times over 4 hours with exponential backoff: 1+2+...+128 minutes is about 4 h 15 min.
export const SHOPIFY_WEBHOOK_RETRY_POLICY: WebhookRetryPolicy = {
  maxRetries: 8,
  backoffBaseMs: 60_000,
  timeoutMs: 5_000,
};

export interface WebhookRequest {
  shop: string;
  topic: string;
  /** Strings and bytes are sent exactly as given (keep big IDs intact); anything else is JSON-encoded. */
  payload: string | Uint8Array | object;
  /** Path on the app, default "/webhooks". */
  path?: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: Date | string;
  apiVersion?: string;
  retry?: Partial<WebhookRetryPolicy>;
}

export interface WebhookAttempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  /** Null when no response arrived (connection error or timeout). */
  status: number | null;
  error?: string;
}

export interface WebhookDelivery {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  attempts: WebhookAttempt[];
  delivered: boolean;
}

export interface WebhookSender {
  appUrl: string;
  apiSecret: string;
  retry: WebhookRetryPolicy;
  /** Aborting stops waiting retries, e.g. when the stand-in closes. */
  signal: AbortSignal;
}

/** `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body bytes, keyed with the app's client secret. */
export function webhookHmac(body: Uint8Array, apiSecret: string): string {
  return createHmac("sha256", apiSecret).update(body).digest("base64");
}

/** POSTs a webhook the way Shopify does, retrying failures (any non-2xx, including redirects, or a timeout). */
export async function deliverWebhook(
  request: WebhookRequest,
  sender: WebhookSender,
): Promise<WebhookDelivery> {
  const retry = { ...sender.retry, ...request.retry };
  const body = encodePayload(request.payload);
  const delivery: WebhookDelivery = {
    url: new URL(request.path ?? "/webhooks", sender.appUrl).href,
    headers: webhookHeaders(request, body, sender.apiSecret),
    body,
    attempts: [],
    delivered: false,
  };
  for (let attempt = 1; attempt <= retry.maxRetries + 1; attempt++) {
    const retryDelayMs = retry.backoffBaseMs * 2 ** (attempt - 2);
    if (attempt > 1 && !(await waitUnlessStopped(retryDelayMs, sender.signal))) break;
    const result = await attemptDelivery(delivery, attempt, retry.timeoutMs, sender.signal);
    delivery.attempts.push(result);
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      delivery.delivered = true;
      break;
    }
  }
  return delivery;
}

function encodePayload(payload: WebhookRequest["payload"]): Buffer {
  if (typeof payload === "string") return Buffer.from(payload, "utf8");
  if (payload instanceof Uint8Array) return Buffer.from(payload);
  return Buffer.from(JSON.stringify(payload), "utf8");
}

function webhookHeaders(request: WebhookRequest, body: Buffer, apiSecret: string): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": request.topic,
    "X-Shopify-Hmac-Sha256": webhookHmac(body, apiSecret),
    "X-Shopify-Shop-Domain": request.shop,
    "X-Shopify-API-Version": request.apiVersion ?? SHOPIFY_API_VERSION,
    "X-Shopify-Webhook-Id": request.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": request.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": new Date(request.triggeredAt ?? Date.now()).toISOString(),
  };
}

async function attemptDelivery(
  delivery: WebhookDelivery,
  attempt: number,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<WebhookAttempt> {
  const startedAt = new Date();
  const timeout = AbortSignal.timeout(timeoutMs);
  const finished = (outcome: { status: number | null; error?: string }): WebhookAttempt => ({
    attempt,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    ...outcome,
  });
  try {
    const response = await fetch(delivery.url, {
      method: "POST",
      headers: delivery.headers,
      body: new Uint8Array(delivery.body),
      redirect: "manual",
      signal: AbortSignal.any([timeout, stop]),
    });
    await response.arrayBuffer();
    return finished({ status: response.status });
  } catch (error) {
    const reason = timeout.aborted ? `timed out after ${timeoutMs} ms` : describeError(error);
    return finished({ status: null, error: reason });
  }
}

async function waitUnlessStopped(delayMs: number, stop: AbortSignal): Promise<boolean> {
  try {
    await sleep(delayMs, undefined, { signal: stop });
    return true;
  } catch {
    return false;
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
