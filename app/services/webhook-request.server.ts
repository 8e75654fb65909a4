import { authenticate } from "../shopify.server";

// Shopify's library verifies the HMAC (answering 401 itself when it is wrong). The raw body is kept because
// Shopify's numeric IDs exceed 2^53 and JSON.parse would round them.
export async function authenticateWebhook(request: Request) {
  const rawBody = await request.clone().text();
  const context = await authenticate.webhook(request);
  const triggeredAtHeader = request.headers.get("x-shopify-triggered-at");
  const triggeredAt = triggeredAtHeader ? new Date(triggeredAtHeader) : null;
  return {
    ...context,
    rawBody,
    delivery: { shop: context.shop, webhookId: context.webhookId, topic: context.topic, triggeredAt },
  };
}
