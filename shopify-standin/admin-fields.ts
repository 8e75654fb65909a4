import { bulkOperationRunQuery, flowTriggerReceive, fulfillmentEventCreate } from "./admin-mutations";
import type { AdminContext } from "./admin-context";
import { installationMetafield, installationMetafields, metafieldsSet } from "./app-metafields";
import { findAdminNode } from "./admin-nodes";
import { searchOrders } from "./order-search";
import { notImplemented } from "./resolver-errors";
import { sortBySortKey, type SortedItems } from "./sorting";
import { findOrder } from "./store-lookup";
import type {
  StandinAppInstallation,
  StandinFulfillment,
  StandinFulfillmentEvent,
  StandinMetafield,
  StandinOrder,
  StandinShop,
} from "./standin-store";

/**
 * Fields Shopify computes rather than stores, by kind, so that a normal query and a bulk operation answer them
 * alike: a normal query pages connections and cuts lists at `first`; a bulk operation takes every item.
 */
export type AdminField =
  | { kind: "connection"; list: (source: never, args: never, context: AdminContext) => SortedItems<unknown> }
  | { kind: "list"; list: (source: never, args: never, context: AdminContext) => readonly unknown[] }
  | { kind: "computed"; resolve: (source: never, args: never, context: AdminContext) => unknown };

interface SortArgs {
  sortKey?: string | null;
  reverse?: boolean | null;
}

type OrdersArgs = SortArgs & { query?: string | null };

const orderSortKeys = {
  CREATED_AT: (order: StandinOrder) => Date.parse(order.createdAt),
  PROCESSED_AT: (order: StandinOrder) => Date.parse(order.processedAt),
  UPDATED_AT: (order: StandinOrder) => Date.parse(order.updatedAt),
};

const fulfillmentEventSortKeys = {
  HAPPENED_AT: (event: StandinFulfillmentEvent) => Date.parse(event.happenedAt),
};

// Shopify derives a fulfillment's summary from its latest event; with none, it is just "fulfilled".
function displayStatus(fulfillment: StandinFulfillment): string {
  if (fulfillment.status === "CANCELLED") return "CANCELED";
  const latest = [...fulfillment.events]
    .sort((a, b) => Date.parse(a.happenedAt) - Date.parse(b.happenedAt))
    .at(-1);
  return latest?.status ?? "FULFILLED";
}

function firstEventAt(fulfillment: StandinFulfillment, statuses: string[]): string | null {
  const times = fulfillment.events
    .filter((event) => statuses.includes(event.status))
    .map((event) => event.happenedAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return times[0] ?? null;
}

// Only fields Shopify computes need an entry; everything else is read from the stored object.
const adminFields: Record<string, Record<string, AdminField>> = {
  QueryRoot: {
    shop: { kind: "computed", resolve: (_root: unknown, _args: unknown, { shop }: AdminContext) => shop },
    currentAppInstallation: {
      kind: "computed",
      resolve: (_root: unknown, _args: unknown, { shop }: AdminContext) => shop.appInstallation,
    },
    orders: {
      kind: "connection",
      list: (_root: unknown, args: OrdersArgs, { shop }: AdminContext) =>
        sortBySortKey(
          searchOrders(shop.orders, args.query),
          orderSortKeys,
          args.sortKey,
          args.reverse,
          "orders",
        ),
    },
    order: {
      kind: "computed",
      resolve: (_root: unknown, { id }: { id: string }, { shop }: AdminContext) =>
        findOrder(shop, id) ?? null,
    },
    nodes: {
      kind: "list",
      list: (_root: unknown, { ids }: { ids: string[] }, context: AdminContext) =>
        ids.map((id) => findAdminNode(context, id)),
    },
    node: {
      kind: "computed",
      resolve: (_root: unknown, { id }: { id: string }, context: AdminContext) => findAdminNode(context, id),
    },
    currentBulkOperation: {
      kind: "computed",
      resolve: (
        _root: unknown,
        { type }: { type?: string | null },
        { shop, bulkOperations }: AdminContext,
      ) => (type === "MUTATION" ? null : (bulkOperations.latest(shop) ?? null)),
    },
  },
  Shop: {
    contactEmail: {
      kind: "computed",
      resolve: (shop: StandinShop) => shop.contactEmail ?? `owner@${shop.myshopifyDomain}`,
    },
    primaryDomain: {
      kind: "computed",
      resolve: (shop: StandinShop) => {
        const url = shop.primaryDomainUrl ?? `https://${shop.myshopifyDomain}`;
        return {
          id: `gid://shopify/Domain/${shop.id.split("/").pop()}`,
          url,
          host: new URL(url).host,
          sslEnabled: url.startsWith("https:"),
        };
      },
    },
  },
  AppInstallation: {
    metafield: {
      kind: "computed",
      resolve: (installation: StandinAppInstallation, args: { namespace?: string | null; key: string }) =>
        installationMetafield(installation, args),
    },
    metafields: {
      kind: "connection",
      list: (
        installation: StandinAppInstallation,
        args: SortArgs & { namespace?: string | null; keys?: string[] | null },
      ) =>
        sortBySortKey(
          installationMetafields(installation, args),
          {},
          null,
          args.reverse,
          "AppInstallation.metafields",
        ),
    },
  },
  Metafield: {
    jsonValue: { kind: "computed", resolve: (metafield: StandinMetafield) => metafieldJsonValue(metafield) },
    ownerType: { kind: "computed", resolve: () => "API_PERMISSION" },
    owner: {
      kind: "computed",
      resolve: (_metafield: StandinMetafield, _args: unknown, { shop }: AdminContext) => shop.appInstallation,
    },
    legacyResourceId: {
      kind: "computed",
      resolve: (metafield: StandinMetafield) => metafield.id.split("/").pop(),
    },
  },
  Order: {
    customer: { kind: "computed", resolve: (order: StandinOrder) => order.customer ?? null },
    lineItems: {
      kind: "connection",
      list: (order: StandinOrder, args: SortArgs) =>
        sortBySortKey(order.lineItems ?? [], {}, args.sortKey, args.reverse, "Order.lineItems"),
    },
    fulfillments: {
      kind: "list",
      list: (order: StandinOrder, args: { query?: string | null }) => {
        if (args.query != null) throw notImplemented("the query argument of Order.fulfillments");
        return order.fulfillments;
      },
    },
  },
  Fulfillment: {
    trackingInfo: { kind: "list", list: (fulfillment: StandinFulfillment) => fulfillment.trackingInfo },
    displayStatus: {
      kind: "computed",
      resolve: (fulfillment: StandinFulfillment) => displayStatus(fulfillment),
    },
    deliveredAt: {
      kind: "computed",
      resolve: (fulfillment: StandinFulfillment) => firstEventAt(fulfillment, ["DELIVERED", "PICKED_UP"]),
    },
    inTransitAt: {
      kind: "computed",
      resolve: (fulfillment: StandinFulfillment) =>
        firstEventAt(fulfillment, ["CARRIER_PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY"]),
    },
    events: {
      kind: "connection",
      list: (fulfillment: StandinFulfillment, args: SortArgs) =>
        sortBySortKey(
          fulfillment.events,
          fulfillmentEventSortKeys,
          args.sortKey,
          args.reverse,
          "Fulfillment.events",
        ),
    },
  },
  Mutation: {
    fulfillmentEventCreate: { kind: "computed", resolve: fulfillmentEventCreate },
    bulkOperationRunQuery: { kind: "computed", resolve: bulkOperationRunQuery },
    flowTriggerReceive: { kind: "computed", resolve: flowTriggerReceive },
    metafieldsSet: { kind: "computed", resolve: metafieldsSet },
  },
};

// JSON values parse, integers and booleans are themselves; everything else stays the stored text.
function metafieldJsonValue({ type, value }: StandinMetafield): unknown {
  if (type === "json" || type === "number_integer" || type === "boolean") {
    return JSON.parse(value) as unknown;
  }
  return value;
}

export function adminField(typeName: string, fieldName: string): AdminField | undefined {
  return adminFields[typeName]?.[fieldName];
}

/** A field Shopify stores: read as is; absent (as opposed to null) means the stand-in does not hold it yet. */
export function storedField(source: unknown, typeName: string, fieldName: string): unknown {
  if (typeof source === "object" && source !== null && fieldName in source) {
    return (source as Record<string, unknown>)[fieldName];
  }
  throw notImplemented(`${typeName}.${fieldName}`);
}
