import { recordRejectedDelivery } from "../models/webhook-deliveries.server";
import { authenticate } from "../shopify.server";

export type WebhookDeliveryIdentity = {
  shop: string;
  webhookId: string;
  topic: string;
  triggeredAt: Date | null;
};

// Shopify's library verifies the HMAC first (answering 401 itself when it is wrong) and only then parses the
// body, so a SyntaxError from it means a genuine delivery with an unreadable body. The raw body is kept
// because Shopify's numeric IDs exceed 2^53 and JSON.parse would round them.
export async function authenticateWebhook(request: Request) {
  const rawBody = await request.clone().text();
  const triggeredAtHeader = request.headers.get("x-shopify-triggered-at");
  const triggeredAt = triggeredAtHeader ? new Date(triggeredAtHeader) : null;
  try {
    const context = await authenticate.webhook(request);
    const delivery = { shop: context.shop, webhookId: context.webhookId, topic: context.topic, triggeredAt };
    return { shop: context.shop, rawBody, delivery, malformed: null };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const delivery = {
      shop: request.headers.get("x-shopify-shop-domain") ?? "",
      webhookId: request.headers.get("x-shopify-webhook-id") ?? "",
      topic: request.headers.get("x-shopify-topic") ?? "",
      triggeredAt,
    };
    return { shop: delivery.shop, rawBody, delivery, malformed: `malformed JSON: ${error.message}` };
  }
}

// A payload that cannot be read is recorded (digest and reason, not content) and refused; nothing else is written.
export async function rejectDelivery(delivery: WebhookDeliveryIdentity, reason: string, rawBody: string) {
  await recordRejectedDelivery(delivery, reason, rawBody);
  return { status: 400, body: { error: "invalid payload", reason } };
}

export async function rejectWebhook(delivery: WebhookDeliveryIdentity, reason: string, rawBody: string) {
  const { status, body } = await rejectDelivery(delivery, reason, rawBody);
  return Response.json(body, { status });
}
