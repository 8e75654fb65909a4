import type { ActionFunctionArgs } from "@remix-run/node";
import { applyOrderSnapshot } from "../models/order-sync.server";
import { restOrderSchema } from "../services/shopify-snapshots";
import { handleSyncWebhook } from "../services/sync-webhook.server";

export async function action({ request }: ActionFunctionArgs) {
  return handleSyncWebhook(request, restOrderSchema, (tx, { shop, payload }) =>
    applyOrderSnapshot(tx, { shop, order: payload }),
  );
}
