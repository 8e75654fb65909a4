import type { ActionFunctionArgs } from "@remix-run/node";
import { redactShop } from "../models/privacy.server";
import { applyWebhookOnce } from "../models/webhook-deliveries.server";
import { authenticateWebhook } from "../services/webhook-request.server";

export async function action({ request }: ActionFunctionArgs) {
  const { shop, delivery } = await authenticateWebhook(request);
  await applyWebhookOnce(delivery, async (tx) => {
    await redactShop(tx, { shop });
  });
  return new Response(null, { status: 200 });
}
