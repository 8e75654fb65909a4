import type { Prisma } from "@prisma/client";
import type { z } from "zod";
import {
  applyFulfillmentEventSnapshot,
  applyFulfillmentSnapshot,
  applyOrderSnapshot,
  type SyncOutcome,
} from "../models/order-sync.server";
import { restFulfillmentEventSchema, restFulfillmentSchema, restOrderSchema } from "./shopify-snapshots";

type Transaction = Prisma.TransactionClient;

type SyncTopic<Schema extends z.ZodTypeAny> = {
  schema: Schema;
  apply: (tx: Transaction, input: { shop: string; payload: z.output<Schema> }) => Promise<SyncOutcome>;
};

function topic<Schema extends z.ZodTypeAny>(definition: SyncTopic<Schema>): SyncTopic<z.ZodTypeAny> {
  return definition as unknown as SyncTopic<z.ZodTypeAny>;
}

const orderTopic = topic({
  schema: restOrderSchema,
  apply: (tx, { shop, payload }) => applyOrderSnapshot(tx, { shop, order: payload }),
});
const fulfillmentTopic = topic({
  schema: restFulfillmentSchema,
  apply: (tx, { shop, payload }) => applyFulfillmentSnapshot(tx, { shop, fulfillment: payload }),
});

// The webhook topics that sync orders: how each body is validated and applied.
export const SYNC_TOPICS: Record<string, SyncTopic<z.ZodTypeAny>> = {
  "orders/create": orderTopic,
  "orders/updated": orderTopic,
  "orders/cancelled": orderTopic,
  "fulfillments/create": fulfillmentTopic,
  "fulfillments/update": fulfillmentTopic,
  "fulfillment_events/create": topic({
    schema: restFulfillmentEventSchema,
    apply: (tx, { shop, payload }) =>
      applyFulfillmentEventSnapshot(tx, {
        shop,
        orderShopifyId: payload.orderShopifyId,
        event: payload.event,
      }),
  }),
};

export type SyncTopicName = keyof typeof SYNC_TOPICS;
