import { z } from "zod";

// One shape for what Shopify tells us about an order, whether it came from a REST-shaped webhook or from
// Admin GraphQL (backfill, reconciliation). The sync models only ever see these.

export type TrackingSnapshot = { number: string | null; company: string | null; url: string | null };

export type FulfillmentEventSnapshot = {
  shopifyId: string;
  fulfillmentShopifyId: string;
  status: string;
  happenedAt: Date;
  message: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  postalCode: string | null;
  estimatedDeliveryAt: Date | null;
};

export type FulfillmentSnapshot = {
  shopifyId: string;
  orderShopifyId: string;
  orderName: string | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  // Shopify's summary of the fulfillment (REST shipment_status, GraphQL displayStatus).
  shipmentStatus: string | null;
  deliveredAt: Date | null;
  estimatedDeliveryAt: Date | null;
  tracking: TrackingSnapshot[];
  // Present when the source lists the fulfillment's events (GraphQL); webhooks send events separately.
  events?: FulfillmentEventSnapshot[];
};

export type OrderSnapshot = {
  shopifyId: string;
  name: string;
  orderedAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  fulfillmentStatus: string | null;
  destinationCountry: string | null;
  destinationProvince: string | null;
  destinationPostalCode: string | null;
  email: string | null;
  phone: string | null;
  // The customer's GID, when the source says (order webhooks do; the backfill's bulk query does not ask).
  customerId: string | null;
  locale: string | null;
  itemCount: number | null;
  fulfillments: FulfillmentSnapshot[];
};

const id = z.union([z.string(), z.number()]).transform(String);
const date = z.coerce.date();
const optionalDate = z
  .string()
  .nullish()
  .transform((value) => (value ? new Date(value) : null))
  .refine((value) => value === null || !Number.isNaN(value.getTime()), "invalid date");
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

export const gid = (type: string, numericId: string) => `gid://shopify/${type}/${numericId}`;

// ---- REST-shaped webhook payloads (numeric IDs arrive as exact strings from parseJsonLossless) ----

const restFulfillment = z.object({
  id,
  admin_graphql_api_id: z.string().optional(),
  order_id: id,
  name: text.optional(),
  status: z.string().default("success"),
  created_at: date,
  updated_at: date,
  shipment_status: text.optional(),
  estimated_delivery_at: optionalDate.optional(),
  tracking_company: text.optional(),
  tracking_number: text.optional(),
  tracking_numbers: z.array(z.string()).nullish(),
  tracking_url: text.optional(),
  tracking_urls: z.array(z.string()).nullish(),
});

export const restFulfillmentSchema = restFulfillment.transform((payload): FulfillmentSnapshot => ({
  shopifyId: payload.admin_graphql_api_id ?? gid("Fulfillment", payload.id),
  orderShopifyId: gid("Order", payload.order_id),
  orderName: payload.name ? payload.name.replace(/\.\d+$/, "") : null,
  status: payload.status.toLowerCase(),
  createdAt: payload.created_at,
  updatedAt: payload.updated_at,
  shipmentStatus: payload.shipment_status ?? null,
  deliveredAt: null,
  estimatedDeliveryAt: payload.estimated_delivery_at ?? null,
  tracking: trackingFromRest(payload),
}));

function trackingFromRest(payload: z.infer<typeof restFulfillment>): TrackingSnapshot[] {
  const numbers = payload.tracking_numbers?.length
    ? payload.tracking_numbers
    : payload.tracking_number
      ? [payload.tracking_number]
      : [];
  const urls = payload.tracking_urls?.length
    ? payload.tracking_urls
    : payload.tracking_url
      ? [payload.tracking_url]
      : [];
  return numbers.map((number, index) => ({
    number,
    company: payload.tracking_company ?? null,
    url: urls[index] ?? null,
  }));
}

export const restOrderSchema = z
  .object({
    id,
    admin_graphql_api_id: z.string().optional(),
    name: z.string(),
    created_at: date,
    processed_at: optionalDate.optional(),
    updated_at: date,
    cancelled_at: optionalDate.optional(),
    fulfillment_status: text.optional(),
    email: text.optional(),
    contact_email: text.optional(),
    phone: text.optional(),
    customer_locale: text.optional(),
    customer: z.object({ id, admin_graphql_api_id: z.string().optional() }).nullish(),
    shipping_address: z
      .object({ country_code: text.optional(), province_code: text.optional(), zip: text.optional() })
      .nullish(),
    line_items: z.array(z.object({ quantity: z.number().int().nonnegative() })).optional(),
    fulfillments: z.array(restFulfillment).optional(),
  })
  .transform((payload): OrderSnapshot => ({
    shopifyId: payload.admin_graphql_api_id ?? gid("Order", payload.id),
    name: payload.name,
    orderedAt: payload.processed_at ?? payload.created_at,
    updatedAt: payload.updated_at,
    cancelledAt: payload.cancelled_at ?? null,
    fulfillmentStatus: payload.fulfillment_status ?? null,
    destinationCountry: payload.shipping_address?.country_code ?? null,
    destinationProvince: payload.shipping_address?.province_code ?? null,
    destinationPostalCode: payload.shipping_address?.zip ?? null,
    email: payload.email ?? payload.contact_email ?? null,
    phone: payload.phone ?? null,
    customerId: payload.customer
      ? (payload.customer.admin_graphql_api_id ?? gid("Customer", payload.customer.id))
      : null,
    locale: payload.customer_locale ?? null,
    itemCount: payload.line_items ? payload.line_items.reduce((sum, item) => sum + item.quantity, 0) : null,
    fulfillments: (payload.fulfillments ?? []).map((fulfillment) => restFulfillmentSchema.parse(fulfillment)),
  }));

export const restFulfillmentEventSchema = z
  .object({
    id,
    admin_graphql_api_id: z.string().optional(),
    fulfillment_id: id,
    order_id: id,
    status: z.string(),
    happened_at: date,
    message: text.optional(),
    city: text.optional(),
    province: text.optional(),
    country: text.optional(),
    zip: text.optional(),
    estimated_delivery_at: optionalDate.optional(),
  })
  .transform((payload) => ({
    orderShopifyId: gid("Order", payload.order_id),
    event: {
      shopifyId: payload.admin_graphql_api_id ?? gid("FulfillmentEvent", payload.id),
      fulfillmentShopifyId: gid("Fulfillment", payload.fulfillment_id),
      status: payload.status,
      happenedAt: payload.happened_at,
      message: payload.message ?? null,
      city: payload.city ?? null,
      province: payload.province ?? null,
      country: payload.country ?? null,
      postalCode: payload.zip ?? null,
      estimatedDeliveryAt: payload.estimated_delivery_at ?? null,
    } satisfies FulfillmentEventSnapshot,
  }));

// ---- Admin GraphQL nodes (OrdersUpdatedSince / BackfillOrders) ----

const graphqlEvent = z.object({
  id: z.string(),
  status: z.string(),
  happenedAt: date,
  message: text.optional(),
  city: text.optional(),
  province: text.optional(),
  country: text.optional(),
  zip: text.optional(),
  estimatedDeliveryAt: optionalDate.optional(),
});

const graphqlFulfillment = z.object({
  id: z.string(),
  status: z.string(),
  displayStatus: text.optional(),
  createdAt: date,
  updatedAt: date,
  deliveredAt: optionalDate.optional(),
  estimatedDeliveryAt: optionalDate.optional(),
  trackingInfo: z.array(z.object({ number: text, company: text, url: text })),
  events: z
    .object({
      nodes: z.array(graphqlEvent).optional(),
      edges: z.array(z.object({ node: graphqlEvent })).optional(),
    })
    .optional(),
});

export const graphqlOrderSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: date,
  processedAt: optionalDate.optional(),
  updatedAt: date,
  cancelledAt: optionalDate.optional(),
  displayFulfillmentStatus: text.optional(),
  email: text.optional(),
  phone: text.optional(),
  customerLocale: text.optional(),
  shippingAddress: z.object({ countryCodeV2: text, provinceCode: text, zip: text }).nullish(),
  fulfillments: z.array(graphqlFulfillment).optional(),
});

export type GraphqlEvent = z.infer<typeof graphqlEvent>;

export function eventFromGraphql(node: GraphqlEvent, fulfillmentShopifyId: string): FulfillmentEventSnapshot {
  return {
    shopifyId: node.id,
    fulfillmentShopifyId,
    status: node.status,
    happenedAt: node.happenedAt,
    message: node.message ?? null,
    city: node.city ?? null,
    province: node.province ?? null,
    country: node.country ?? null,
    postalCode: node.zip ?? null,
    estimatedDeliveryAt: node.estimatedDeliveryAt ?? null,
  };
}

export function orderFromGraphql(input: unknown): OrderSnapshot {
  const node = graphqlOrderSchema.parse(input);
  return {
    shopifyId: node.id,
    name: node.name,
    orderedAt: node.processedAt ?? node.createdAt,
    updatedAt: node.updatedAt,
    cancelledAt: node.cancelledAt ?? null,
    fulfillmentStatus: node.displayFulfillmentStatus?.toLowerCase() ?? null,
    destinationCountry: node.shippingAddress?.countryCodeV2 ?? null,
    destinationProvince: node.shippingAddress?.provinceCode ?? null,
    destinationPostalCode: node.shippingAddress?.zip ?? null,
    email: node.email ?? null,
    phone: node.phone ?? null,
    customerId: null,
    locale: node.customerLocale ?? null,
    itemCount: null,
    fulfillments: (node.fulfillments ?? []).map((fulfillment) => ({
      shopifyId: fulfillment.id,
      orderShopifyId: node.id,
      orderName: node.name,
      status: fulfillment.status.toLowerCase(),
      createdAt: fulfillment.createdAt,
      updatedAt: fulfillment.updatedAt,
      shipmentStatus: fulfillment.displayStatus ?? null,
      deliveredAt: fulfillment.deliveredAt ?? null,
      estimatedDeliveryAt: fulfillment.estimatedDeliveryAt ?? null,
      tracking: fulfillment.trackingInfo,
      events: [
        ...(fulfillment.events?.nodes ?? []),
        ...(fulfillment.events?.edges?.map((edge) => edge.node) ?? []),
      ].map((event) => eventFromGraphql(event, fulfillment.id)),
    })),
  };
}
