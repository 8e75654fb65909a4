import { gidNumber, gidType } from "./gid";
import { shopifyDateTime } from "./shopify-time";
import {
  findFulfillment,
  findOrder,
  type FulfillmentEventInStore,
  type FulfillmentInStore,
} from "./store-lookup";
import type { StandinFulfillment, StandinFulfillmentEvent, StandinOrder, StandinShop } from "./standin-store";

export interface StoreChangeOptions {
  /** When the change happened (it becomes `updatedAt`); default now. */
  at?: Date | string | number;
}

export type StandinOrderChanges = Partial<Omit<StandinOrder, "id" | "fulfillments" | "updatedAt">>;
export type StandinFulfillmentChanges = Partial<Omit<StandinFulfillment, "id" | "events" | "updatedAt">>;

/** FulfillmentEventInput of the Admin API. */
export interface StandinFulfillmentEventInput {
  fulfillmentId: string;
  status: string;
  happenedAt?: string | null;
  message?: string | null;
  address1?: string | null;
  city?: string | null;
  province?: string | null;
  country?: string | null;
  zip?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  estimatedDeliveryAt?: string | null;
}

/**
 * Changes an order the way a merchant edit would: `updatedAt` moves to `at`. With no webhook sent, this is
 * the "missed webhook" a reconciliation job has to find.
 */
export function updateStandinOrder(
  shop: StandinShop,
  orderId: string,
  changes: StandinOrderChanges = {},
  { at = Date.now() }: StoreChangeOptions = {},
): StandinOrder {
  const order = findOrder(shop, orderId);
  if (!order) throw new Error(`shopify-standin: ${shop.myshopifyDomain} has no order ${orderId}`);
  Object.assign(order, changes, { updatedAt: shopifyDateTime(at) });
  return order;
}

/** Changes a fulfillment; both it and its order get `updatedAt` = `at`, as on Shopify. */
export function updateStandinFulfillment(
  shop: StandinShop,
  fulfillmentId: string,
  changes: StandinFulfillmentChanges = {},
  { at = Date.now() }: StoreChangeOptions = {},
): FulfillmentInStore {
  const found = findFulfillment(shop, fulfillmentId);
  if (!found) throw new Error(`shopify-standin: ${shop.myshopifyDomain} has no fulfillment ${fulfillmentId}`);
  const updatedAt = shopifyDateTime(at);
  Object.assign(found.fulfillment, changes, { updatedAt });
  found.order.updatedAt = updatedAt;
  return found;
}

/**
 * What `fulfillmentEventCreate` does: appends the event, moves the fulfillment's estimated delivery when the
 * event brings one, and bumps the fulfillment's and the order's `updatedAt`. Undefined for an unknown fulfillment.
 */
export function createStandinFulfillmentEvent(
  shop: StandinShop,
  input: StandinFulfillmentEventInput,
  { at = Date.now() }: StoreChangeOptions = {},
): FulfillmentEventInStore | undefined {
  const found = findFulfillment(shop, input.fulfillmentId);
  if (!found) return undefined;
  const now = shopifyDateTime(at);
  const event: StandinFulfillmentEvent = {
    id: nextGid(shop, "FulfillmentEvent"),
    status: input.status,
    happenedAt: input.happenedAt ? shopifyDateTime(input.happenedAt) : now,
    createdAt: now,
    message: input.message ?? null,
    address1: input.address1 ?? null,
    city: input.city ?? null,
    province: input.province ?? null,
    country: input.country ?? null,
    zip: input.zip ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    estimatedDeliveryAt: input.estimatedDeliveryAt ? shopifyDateTime(input.estimatedDeliveryAt) : null,
  };
  found.fulfillment.events.push(event);
  if (event.estimatedDeliveryAt) found.fulfillment.estimatedDeliveryAt = event.estimatedDeliveryAt;
  found.fulfillment.updatedAt = now;
  found.order.updatedAt = now;
  return { ...found, event };
}

const nextNumbers = new WeakMap<StandinShop, Map<string, bigint>>();

/**
 * A new ID of `type` for this shop, after the largest one the shop held when the first was made. Objects a
 * test adds later with even larger IDs could collide; the generator's ID ranges leave room for that.
 */
export function nextGid(shop: StandinShop, type: string): string {
  let numbers = nextNumbers.get(shop);
  if (!numbers) nextNumbers.set(shop, (numbers = new Map()));
  const next = numbers.get(type) ?? largestIdNumber(shop, type) + 1n;
  numbers.set(type, next + 1n);
  return `gid://shopify/${type}/${next}`;
}

function largestIdNumber(shop: StandinShop, type: string): bigint {
  let largest = 0n;
  const consider = (id: string) => {
    const number = gidType(id) === type ? gidNumber(id) : undefined;
    if (number !== undefined && number > largest) largest = number;
  };
  for (const order of shop.orders) {
    consider(order.id);
    for (const fulfillment of order.fulfillments) {
      consider(fulfillment.id);
      for (const event of fulfillment.events) consider(event.id);
    }
  }
  return largest;
}
