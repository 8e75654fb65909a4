import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

// What Shopify's library (`webhooks.validate`, inside `authenticate.webhook`) decides about a delivery, without
// its per-call WebCrypto key import: tests/unit/webhook-signature.test.ts holds the two to the same verdicts.
const REQUIRED_HEADERS = [
  "x-shopify-topic",
  "x-shopify-shop-domain",
  "x-shopify-api-version",
  "x-shopify-webhook-id",
] as const;

export type WebhookVerdict =
  | { valid: true; shop: string; webhookId: string; topic: string; triggeredAt: Date | null }
  | { valid: false; status: 400 | 401; reason: string };

// HMAC-SHA256 of the raw body with the app's secret, base64, compared in constant time; then the headers
// Shopify always sends. An empty body or a missing signature is 400 and a wrong one 401, as Shopify's library answers.
export function verifyWebhook(
  headers: IncomingMessage["headers"],
  rawBody: Buffer,
  secret: string,
): WebhookVerdict {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  if (rawBody.length === 0) return { valid: false, status: 400, reason: "missing_body" };
  const signature = header("x-shopify-hmac-sha256");
  if (!signature) return { valid: false, status: 400, reason: "missing_hmac" };
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const given = Buffer.from(signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, status: 401, reason: "invalid_hmac" };
  }
  const missing = REQUIRED_HEADERS.filter((name) => !header(name));
  if (missing.length > 0)
    return { valid: false, status: 400, reason: `missing_headers: ${missing.join(", ")}` };
  const triggeredAt = header("x-shopify-triggered-at");
  return {
    valid: true,
    shop: header("x-shopify-shop-domain") as string,
    webhookId: header("x-shopify-webhook-id") as string,
    // As Shopify's library reports it (topicForStorage): "orders/create" → "ORDERS_CREATE".
    topic: (header("x-shopify-topic") as string).toUpperCase().replace(/\/|\./g, "_"),
    triggeredAt: triggeredAt ? new Date(triggeredAt) : null,
  };
}
