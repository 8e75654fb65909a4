import { queueWebhook } from "../models/webhook-inbox.server";
import { INBOX_TOPICS } from "./sync-topics.server";
import { authenticateWebhook, rejectWebhook } from "./webhook-request.server";

// A sync webhook's request: verify the HMAC (401 from Shopify's library), read the body without losing big IDs,
// validate it (a body that does not validate is recorded and answered 400, nothing else written), then store it
// for the worker and answer at once — one insert, far inside Shopify's 5 seconds. A duplicate delivery (same
// X-Shopify-Webhook-Id) is answered 200 and stored once.
export async function handleSyncWebhook(request: Request, topic: string): Promise<Response> {
  const { rawBody, delivery, malformed } = await authenticateWebhook(request);
  if (malformed) return rejectWebhook(delivery, malformed, rawBody);
  const definition = INBOX_TOPICS[topic];
  if (!definition) throw new Error(`no inbox topic ${String(topic)}`);
  try {
    definition.parse(rawBody);
  } catch (error) {
    return rejectWebhook(delivery, describeInvalidPayload(error), rawBody);
  }
  const outcome = await queueWebhook({ ...delivery, topic, rawBody });
  return Response.json({ outcome }, { status: 200 });
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
