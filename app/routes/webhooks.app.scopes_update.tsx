import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { recordScopes } from "../models/shop.server";
import { applyWebhookOnce } from "../models/webhook-deliveries.server";
import { authenticateWebhook, rejectWebhook } from "../services/webhook-request.server";

const scopesPayload = z.object({ current: z.array(z.string()) });

// The merchant granted or revoked optional scopes: sessions keep the scopes Shopify says are current.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, rawBody, delivery, malformed } = await authenticateWebhook(request);
  if (malformed) return rejectWebhook(delivery, malformed, rawBody);
  const parsed = scopesPayload.safeParse(JSON.parse(rawBody));
  if (!parsed.success)
    return rejectWebhook(delivery, "app/scopes_update without a current scope list", rawBody);
  await applyWebhookOnce(delivery, (tx) => recordScopes(tx, { shop, scopes: parsed.data.current }));
  return new Response(null, { status: 200 });
}
