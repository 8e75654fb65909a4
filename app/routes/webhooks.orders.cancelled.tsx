import type { ActionFunctionArgs } from "@remix-run/node";
import { handleSyncWebhook } from "../services/sync-webhook.server";

export async function action({ request }: ActionFunctionArgs) {
  return handleSyncWebhook(request, "orders/cancelled");
}
