import type { Prisma } from "@prisma/client";
import type { SqlExecutor } from "../../prisma/raw-sql";
import { parseJsonLossless } from "../lib/lossless-json";
import {
  applyFulfillmentEventSnapshot,
  applyFulfillmentSnapshot,
  applyOrderSnapshot,
  type SyncOutcome,
} from "../models/order-sync.server";
import { applyFulfillmentEventSql, applyFulfillmentSql } from "../models/order-sync-sql.server";
import { exportCustomerData, redactCustomer, redactShop } from "../models/privacy.server";
import { parseCustomerPayload } from "./compliance-payload";
import { restFulfillmentEventSchema, restFulfillmentSchema, restOrderSchema } from "./shopify-snapshots";

type Transaction = Prisma.TransactionClient;

type InboxTopic<Payload> = {
  // Throws on a body that cannot be applied; runs when the webhook arrives (to refuse it) and when applied.
  parse: (rawBody: string) => Payload;
  apply: (
    tx: Transaction,
    input: { shop: string; payload: Payload; webhookId: string },
  ) => Promise<SyncOutcome | void>;
  // Whether applying it may create the shop's row (a webhook can precede the install's own record).
  createsShop: boolean;
  // The common case through the driver (order-sync-sql.server.ts); null, having written nothing, sends the
  // delivery to `apply`.
  applySql?: (sql: SqlExecutor, input: { shop: string; payload: Payload }) => Promise<SyncOutcome | null>;
  // What the driver path locks (the fulfillment): deliveries with different keys may be applied in parallel.
  partitionKey?: (payload: Payload) => string;
};

function topic<Payload>(definition: InboxTopic<Payload>): InboxTopic<unknown> {
  return definition as unknown as InboxTopic<unknown>;
}

const orderTopic = topic({
  parse: (body) => restOrderSchema.parse(parseJsonLossless(body)),
  apply: (tx, { shop, payload }) => applyOrderSnapshot(tx, { shop, order: payload }),
  createsShop: true,
});
const fulfillmentTopic = topic({
  parse: (body) => restFulfillmentSchema.parse(parseJsonLossless(body)),
  apply: (tx, { shop, payload }) => applyFulfillmentSnapshot(tx, { shop, fulfillment: payload }),
  applySql: (sql, { shop, payload }) => applyFulfillmentSql(sql, { shop, fulfillment: payload }),
  partitionKey: (payload) => payload.shopifyId,
  createsShop: true,
});

// Every webhook applied through the inbox, in the order it arrived: order sync, and the privacy requests that
// must see every earlier delivery applied first (a redaction must not be undone by an order update still queued).
export const INBOX_TOPICS: Record<string, InboxTopic<unknown>> = {
  "orders/create": orderTopic,
  "orders/updated": orderTopic,
  "orders/cancelled": orderTopic,
  "fulfillments/create": fulfillmentTopic,
  "fulfillments/update": fulfillmentTopic,
  "fulfillment_events/create": topic({
    parse: (body) => restFulfillmentEventSchema.parse(parseJsonLossless(body)),
    apply: (tx, { shop, payload }) =>
      applyFulfillmentEventSnapshot(tx, {
        shop,
        orderShopifyId: payload.orderShopifyId,
        event: payload.event,
      }),
    applySql: (sql, { shop, payload }) => applyFulfillmentEventSql(sql, { shop, event: payload.event }),
    partitionKey: (payload) => payload.event.fulfillmentShopifyId,
    createsShop: true,
  }),
  "customers/redact": topic({
    parse: (body) => parseCustomerPayload(body, "orders_to_redact"),
    apply: async (tx, { shop, payload }) => {
      await redactCustomer(tx, { shop, customer: payload.customer });
    },
    createsShop: false,
  }),
  // The export is kept as a finished job the merchant downloads from Settings and hands to the customer.
  "customers/data_request": topic({
    parse: (body) => parseCustomerPayload(body, "orders_requested"),
    apply: async (tx, { shop, payload, webhookId }) => {
      if (!(await tx.shop.count({ where: { domain: shop } }))) return;
      const data = await exportCustomerData(tx, { shop, customer: payload.customer });
      await tx.job.create({
        data: {
          shop,
          type: "customer_data_export",
          status: "done",
          payload: JSON.stringify(data),
          uniqueKey: `customer_data_export:${webhookId}`,
        },
      });
    },
    createsShop: false,
  }),
  "shop/redact": topic({
    parse: () => ({}),
    apply: async (tx, { shop }) => {
      await redactShop(tx, { shop });
    },
    createsShop: false,
  }),
};
