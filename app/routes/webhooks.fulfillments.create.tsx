import type { ActionFunctionArgs } from "@remix-run/node";
import { applyFulfillmentSnapshot } from "../models/order-sync.server";
import { restFulfillmentSchema } from "../services/shopify-snapshots";
import { handleSyncWebhook } from "../services/sync-webhook.server";

export async function action({ request }: ActionFunctionArgs) {
  return handleSyncWebhook(request, restFulfillmentSchema, (tx, { shop, payload }) =>
    applyFulfillmentSnapshot(tx, { shop, fulfillment: payload }),
  );
}
