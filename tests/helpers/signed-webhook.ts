import { randomUUID } from "node:crypto";
import { webhookHmac } from "../../shopify-standin";
import { TEST_ENV } from "../setup/test-env";

// A webhook request exactly as Shopify sends it: raw JSON body, base64 HMAC of those bytes, X-Shopify-* headers.
export function signedWebhookRequest({
  topic,
  shop,
  body,
  webhookId = randomUUID(),
  secret = TEST_ENV.SHOPIFY_API_SECRET,
  triggeredAt = new Date(),
}: {
  topic: string;
  shop: string;
  body: string;
  webhookId?: string;
  secret?: string;
  triggeredAt?: Date;
}): Request {
  return new Request(`${TEST_ENV.SHOPIFY_APP_URL}/webhooks/${topic}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-Hmac-Sha256": webhookHmac(Buffer.from(body), secret),
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-API-Version": "2025-10",
      "X-Shopify-Triggered-At": triggeredAt.toISOString(),
      "X-Shopify-Event-Id": randomUUID(),
    },
    body,
  });
}

// Route actions answer with a Response, or throw one (Shopify's library throws 401 for a bad HMAC).
export async function statusOf(run: () => Promise<Response>): Promise<number> {
  try {
    return (await run()).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}
