import { queueWebhook } from "../models/webhook-inbox.server";
import { INBOX_TOPICS } from "./sync-topics.server";
import { authenticateWebhook, rejectDelivery, type WebhookDeliveryIdentity } from "./webhook-request.server";

export type WebhookAnswer = { status: number; body: Record<string, unknown> };

// A sync webhook's request through its Remix route: Shopify's library verifies the HMAC (401 when wrong),
// then the delivery is accepted as below.
export async function handleSyncWebhook(request: Request, topic: string): Promise<Response> {
  const { rawBody, delivery, malformed } = await authenticateWebhook(request);
  const answer = await acceptVerifiedWebhook({ delivery, topic, rawBody, malformed });
  return Response.json(answer.body, { status: answer.status });
}

// A verified delivery: read the body without losing big IDs and validate it (a body that does not validate is
// recorded and answered 400, nothing else written), then store it for the worker and answer at once, far
// inside Shopify's 5 seconds. A duplicate delivery (same X-Shopify-Webhook-Id) is answered 200 and stored once.
// Shared by the routes and the production server's webhook lane (webhook-lane.server.ts).
export async function acceptVerifiedWebhook({
  delivery,
  topic,
  rawBody,
  malformed = null,
}: {
  delivery: WebhookDeliveryIdentity;
  topic: string;
  rawBody: string;
  malformed?: string | null;
}): Promise<WebhookAnswer> {
  const definition = INBOX_TOPICS[topic];
  if (!definition) throw new Error(`no inbox topic ${String(topic)}`);
  let reason = malformed;
  if (!reason) {
    try {
      definition.parse(rawBody);
    } catch (error) {
      reason = describeInvalidPayload(error);
    }
  }
  if (reason) return rejectDelivery(delivery, reason, rawBody);
  const outcome = await queueWebhook({ ...delivery, topic, rawBody });
  return { status: 200, body: { outcome } };
}

function describeInvalidPayload(error: unknown): string {
  if (error instanceof SyntaxError) return `malformed JSON: ${error.message}`;
  if (error && typeof error === "object" && "issues" in error && Array.isArray(error.issues)) {
    return error.issues
      .slice(0, 5)
      .map(
        (issue: { path?: unknown[]; message?: string }) =>
          `${(issue.path ?? []).join(".") || "(body)"}: ${issue.message}`,
      )
      .join("; ");
  }
  return "unreadable payload";
}
