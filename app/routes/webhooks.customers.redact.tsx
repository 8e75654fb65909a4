import type { ActionFunctionArgs } from "@remix-run/node";
import { redactCustomer } from "../models/privacy.server";
import { applyWebhookOnce } from "../models/webhook-deliveries.server";
import { parseCustomerPayload } from "../services/compliance-payload";
import { authenticateWebhook } from "../services/webhook-request.server";

export async function action({ request }: ActionFunctionArgs) {
  const { shop, rawBody, delivery } = await authenticateWebhook(request);
  const { customer } = parseCustomerPayload(rawBody, "orders_to_redact");
  await applyWebhookOnce(delivery, async (tx) => {
    await redactCustomer(tx, { shop, customer });
  });
  return new Response(null, { status: 200 });
}
