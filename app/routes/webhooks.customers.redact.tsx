import type { ActionFunctionArgs } from "@remix-run/node";
import { redactCustomer } from "../models/privacy.server";
import { applyWebhookOnce } from "../models/webhook-deliveries.server";
import { safeParseCustomerPayload } from "../services/compliance-payload";
import { authenticateWebhook, rejectWebhook } from "../services/webhook-request.server";

export async function action({ request }: ActionFunctionArgs) {
  const { shop, rawBody, delivery, malformed } = await authenticateWebhook(request);
  if (malformed) return rejectWebhook(delivery, malformed, rawBody);
  const parsed = safeParseCustomerPayload(rawBody, "orders_to_redact");
  if (!parsed.ok) return rejectWebhook(delivery, parsed.reason, rawBody);
  const { customer } = parsed;
  await applyWebhookOnce(delivery, async (tx) => {
    await redactCustomer(tx, { shop, customer });
  });
  return new Response(null, { status: 200 });
}
