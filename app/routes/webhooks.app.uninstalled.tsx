import type { ActionFunctionArgs } from "@remix-run/node";
import { recordUninstall } from "../models/shop.server";
import { authenticateWebhook } from "../services/webhook-request.server";

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await authenticateWebhook(request);
  await recordUninstall({ shop });
  return new Response(null, { status: 200 });
}
