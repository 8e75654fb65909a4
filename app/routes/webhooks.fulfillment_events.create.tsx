import type { ActionFunctionArgs } from "@remix-run/node";
import { applyFulfillmentEventSnapshot } from "../models/order-sync.server";
import { restFulfillmentEventSchema } from "../services/shopify-snapshots";
import { handleSyncWebhook } from "../services/sync-webhook.server";

export async function action({ request }: ActionFunctionArgs) {
  return handleSyncWebhook(request, restFulfillmentEventSchema, (tx, { shop, payload }) =>
    applyFulfillmentEventSnapshot(tx, { shop, orderShopifyId: payload.orderShopifyId, event: payload.event }),
  );
}
