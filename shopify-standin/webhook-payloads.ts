import { exactJson } from "./exact-json";
import { gidNumber } from "./gid";
import { shopLocalTime } from "./shopify-time";
import { findFulfillment, findFulfillmentEvent, findOrder } from "./store-lookup";
import type { StandinFulfillment, StandinFulfillmentEvent, StandinOrder, StandinShop } from "./standin-store";
import type { WebhookRequest } from "./webhook-delivery";

export type OrderWebhookTopic = "orders/create" | "orders/updated" | "orders/cancelled";
export type FulfillmentWebhookTopic = "fulfillments/create" | "fulfillments/update";

// Webhook bodies are REST-shaped: snake_case, numeric `id`s next to `admin_graphql_api_id`, lowercase enum
// values and shop-local times, as in Shopify's samples. Only what the store holds is sent: there are no line
// items, customer or prices, so those members are left out rather than faked.

/** `orders/create`, `orders/updated` or `orders/cancelled` for an order in the store, to `/webhooks/<topic>`. */
export function orderWebhook(shop: StandinShop, orderId: string, topic: OrderWebhookTopic): WebhookRequest {
  const order = findOrder(shop, orderId);
  if (!order) throw new Error(`shopify-standin: ${shop.myshopifyDomain} has no order ${orderId}`);
  const triggeredAt =
    topic === "orders/create"
      ? order.createdAt
      : topic === "orders/cancelled"
        ? (order.cancelledAt ?? order.updatedAt)
        : order.updatedAt;
  return webhookRequest(shop, topic, triggeredAt, restOrder(shop, order));
}

/** `fulfillments/create` or `fulfillments/update` for a fulfillment in the store. */
export function fulfillmentWebhook(
  shop: StandinShop,
  fulfillmentId: string,
  topic: FulfillmentWebhookTopic,
): WebhookRequest {
  const found = findFulfillment(shop, fulfillmentId);
  if (!found) throw new Error(`shopify-standin: ${shop.myshopifyDomain} has no fulfillment ${fulfillmentId}`);
  const { order, fulfillment } = found;
  const triggeredAt = topic === "fulfillments/create" ? fulfillment.createdAt : fulfillment.updatedAt;
  return webhookRequest(shop, topic, triggeredAt, restFulfillment(shop, order, fulfillment));
}

/** `fulfillment_events/create` for an event in the store; triggered when Shopify recorded it (`createdAt`). */
export function fulfillmentEventWebhook(shop: StandinShop, eventId: string): WebhookRequest {
  const found = findFulfillmentEvent(shop, eventId);
  if (!found) throw new Error(`shopify-standin: ${shop.myshopifyDomain} has no fulfillment event ${eventId}`);
  const { order, fulfillment, event } = found;
  return webhookRequest(
    shop,
    "fulfillment_events/create",
    event.createdAt,
    restFulfillmentEvent(shop, order, fulfillment, event),
  );
}

function webhookRequest(shop: StandinShop, topic: string, triggeredAt: string, body: object): WebhookRequest {
  return {
    shop: shop.myshopifyDomain,
    topic,
    path: `/webhooks/${topic}`,
    triggeredAt,
    payload: exactJson(body),
  };
}

function restOrder(shop: StandinShop, order: StandinOrder): object {
  const local = localTime(shop);
  return {
    id: restId(order.id),
    admin_graphql_api_id: order.id,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    cancelled_at: local(order.cancelledAt),
    contact_email: order.email,
    created_at: local(order.createdAt),
    customer_locale: order.customerLocale,
    email: order.email,
    fulfillment_status: restFulfillmentStatus(order.displayFulfillmentStatus),
    name: order.name,
    phone: order.phone,
    processed_at: local(order.processedAt),
    updated_at: local(order.updatedAt),
    shipping_address: restAddress(order),
    fulfillments: order.fulfillments.map((fulfillment) => restFulfillment(shop, order, fulfillment)),
  };
}

function restFulfillment(shop: StandinShop, order: StandinOrder, fulfillment: StandinFulfillment): object {
  const local = localTime(shop);
  const numbers = fulfillment.trackingInfo.flatMap((info) => (info.number ? [info.number] : []));
  const urls = fulfillment.trackingInfo.flatMap((info) => (info.url ? [info.url] : []));
  return {
    id: restId(fulfillment.id),
    order_id: restId(order.id),
    status: fulfillment.status.toLowerCase(),
    created_at: local(fulfillment.createdAt),
    service: null,
    updated_at: local(fulfillment.updatedAt),
    tracking_company: fulfillment.trackingInfo[0]?.company ?? null,
    shipment_status: latestEvent(fulfillment.events)?.status.toLowerCase() ?? null,
    location_id: null,
    origin_address: null,
    email: order.email,
    destination: restAddress(order),
    tracking_number: numbers[0] ?? null,
    tracking_numbers: numbers,
    tracking_url: urls[0] ?? null,
    tracking_urls: urls,
    receipt: {},
    name: `${order.name}.${order.fulfillments.indexOf(fulfillment) + 1}`,
    admin_graphql_api_id: fulfillment.id,
  };
}

function restFulfillmentEvent(
  shop: StandinShop,
  order: StandinOrder,
  fulfillment: StandinFulfillment,
  event: StandinFulfillmentEvent,
): object {
  const local = localTime(shop);
  return {
    id: restId(event.id),
    fulfillment_id: restId(fulfillment.id),
    status: event.status.toLowerCase(),
    message: event.message,
    happened_at: local(event.happenedAt),
    city: event.city,
    province: event.province,
    country: event.country,
    zip: event.zip,
    address1: event.address1,
    latitude: event.latitude,
    longitude: event.longitude,
    shop_id: restId(shop.id),
    created_at: local(event.createdAt),
    updated_at: local(event.createdAt),
    estimated_delivery_at: local(event.estimatedDeliveryAt),
    order_id: restId(order.id),
    admin_graphql_api_id: event.id,
  };
}

function restId(gid: string): bigint {
  const number = gidNumber(gid);
  if (number === undefined) throw new Error(`shopify-standin: not a Shopify global ID: ${gid}`);
  return number;
}

function localTime(shop: StandinShop): (time: string | null) => string | null {
  return (time) => (time === null ? null : shopLocalTime(time, shop.ianaTimezone));
}

function restAddress(order: StandinOrder): object | null {
  const address = order.shippingAddress;
  if (!address) return null;
  return { zip: address.zip, country_code: address.countryCodeV2, province_code: address.provinceCode };
}

// The REST order's fulfillment_status: "fulfilled", "partial" or null (nothing shipped yet).
function restFulfillmentStatus(displayStatus: string): string | null {
  if (displayStatus === "FULFILLED") return "fulfilled";
  if (displayStatus === "PARTIALLY_FULFILLED") return "partial";
  return null;
}

function latestEvent(events: readonly StandinFulfillmentEvent[]): StandinFulfillmentEvent | undefined {
  return events.reduce<StandinFulfillmentEvent | undefined>(
    (latest, event) =>
      !latest || Date.parse(event.happenedAt) >= Date.parse(latest.happenedAt) ? event : latest,
    undefined,
  );
}
