import type { ActionFunctionArgs } from "@remix-run/node";
import { action as appScopesUpdate } from "../../app/routes/webhooks.app.scopes_update";
import { action as fulfillmentEventsCreate } from "../../app/routes/webhooks.fulfillment_events.create";
import { action as fulfillmentsCreate } from "../../app/routes/webhooks.fulfillments.create";
import { action as fulfillmentsUpdate } from "../../app/routes/webhooks.fulfillments.update";
import { action as ordersCancelled } from "../../app/routes/webhooks.orders.cancelled";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create";
import { action as ordersUpdated } from "../../app/routes/webhooks.orders.updated";
import { applyQueuedWebhooks } from "../../app/models/webhook-inbox.server";
import { signedWebhookRequest } from "./signed-webhook";

type Action = (args: ActionFunctionArgs) => Promise<Response>;

// The route module that handles each topic, as shopify.app.toml routes it.
export const WEBHOOK_ACTIONS: Record<string, Action> = {
  "orders/create": ordersCreate,
  "orders/updated": ordersUpdated,
  "orders/cancelled": ordersCancelled,
  "fulfillments/create": fulfillmentsCreate,
  "fulfillments/update": fulfillmentsUpdate,
  "fulfillment_events/create": fulfillmentEventsCreate,
  "app/scopes_update": appScopesUpdate,
};

export type Delivery = { topic: string; body: string; webhookId: string; triggeredAt?: Date };

// Delivers one webhook through its route, signed like Shopify, then lets the worker apply what the route
// stored (as the server's worker would within a second); answers the HTTP status the route gave.
export async function deliver(shop: string, delivery: Delivery): Promise<number> {
  const status = await deliverToInbox(shop, delivery);
  await applyQueuedWebhooks();
  return status;
}

// Only the route's part: verified and stored, not yet applied.
export async function deliverToInbox(shop: string, delivery: Delivery): Promise<number> {
  const action = WEBHOOK_ACTIONS[delivery.topic];
  if (!action) throw new Error(`no route for ${delivery.topic}`);
  const request = signedWebhookRequest({ shop, ...delivery });
  let status: number;
  try {
    status = (await action({ request, params: {}, context: {} })).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
  return status;
}
