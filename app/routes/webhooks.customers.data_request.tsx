import type { ActionFunctionArgs } from "@remix-run/node";
import { exportCustomerData } from "../models/privacy.server";
import { applyWebhookOnce } from "../models/webhook-deliveries.server";
import { safeParseCustomerPayload } from "../services/compliance-payload";
import { authenticateWebhook, rejectWebhook } from "../services/webhook-request.server";

// The export is kept as a finished job the merchant downloads from Settings and hands to the customer.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, rawBody, delivery, malformed } = await authenticateWebhook(request);
  if (malformed) return rejectWebhook(delivery, malformed, rawBody);
  const parsed = safeParseCustomerPayload(rawBody, "orders_requested");
  if (!parsed.ok) return rejectWebhook(delivery, parsed.reason, rawBody);
  const { customer } = parsed;
  await applyWebhookOnce(delivery, async (tx) => {
    const shopExists = await tx.shop.count({ where: { domain: shop } });
    if (!shopExists) return;
    const data = await exportCustomerData(tx, { shop, customer });
    await tx.job.create({
      data: {
        shop,
        type: "customer_data_export",
        status: "done",
        payload: JSON.stringify(data),
        uniqueKey: `customer_data_export:${delivery.webhookId}`,
      },
    });
  });
  return new Response(null, { status: 200 });
}
