import type { ActionFunctionArgs } from "@remix-run/node";
import { handleSyncWebhook } from "../services/sync-webhook.server";

// Applied through the inbox in arrival order, after every order update that came before it.
export async function action({ request }: ActionFunctionArgs) {
  return handleSyncWebhook(request, "customers/data_request");
}
