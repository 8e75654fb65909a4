import type { GraphQLFieldResolver } from "graphql";
import { connectionFromArray, firstOf, type ConnectionArgs } from "./connection";
import { gidNumber } from "./gid";
import { searchOrders } from "./order-search";
import { notImplemented } from "./resolver-errors";
import { sortBySortKey } from "./sorting";
import type { StandinFulfillment, StandinFulfillmentEvent, StandinOrder, StandinShop } from "./standin-store";

export interface AdminContext {
  shop: StandinShop;
}

interface SortArgs {
  sortKey?: string | null;
  reverse?: boolean | null;
}

type OrdersArgs = ConnectionArgs & SortArgs & { query?: string | null };

const orderSortKeys = {
  ID: (order: StandinOrder) => gidNumber(order.id) ?? 0n,
  CREATED_AT: (order: StandinOrder) => Date.parse(order.createdAt),
  PROCESSED_AT: (order: StandinOrder) => Date.parse(order.processedAt),
  UPDATED_AT: (order: StandinOrder) => Date.parse(order.updatedAt),
};

const fulfillmentEventSortKeys = {
  ID: (event: StandinFulfillmentEvent) => gidNumber(event.id) ?? 0n,
  HAPPENED_AT: (event: StandinFulfillmentEvent) => Date.parse(event.happenedAt),
};

// Only fields Shopify computes need an entry; everything else is read from the stored object.
const resolvers: Record<string, Record<string, GraphQLFieldResolver<never, AdminContext, never>>> = {
  QueryRoot: {
    shop: (_root: unknown, _args: unknown, { shop }: AdminContext) => shop,
    orders: (_root: unknown, args: OrdersArgs, { shop }: AdminContext) =>
      connectionFromArray(
        args,
        (order) => order.id,
        () =>
          sortBySortKey(
            searchOrders(shop.orders, args.query),
            orderSortKeys,
            args.sortKey,
            args.reverse,
            "orders",
          ),
      ),
    order: (_root: unknown, { id }: { id: string }, { shop }: AdminContext) =>
      shop.orders.find((order) => order.id === id) ?? null,
  },
  Order: {
    fulfillments: (order: StandinOrder, args: { first?: number | null; query?: string | null }) => {
      if (args.query != null) throw notImplemented("the query argument of Order.fulfillments");
      return firstOf(order.fulfillments, args.first);
    },
  },
  Fulfillment: {
    trackingInfo: (fulfillment: StandinFulfillment, { first }: { first?: number | null }) =>
      firstOf(fulfillment.trackingInfo, first),
    events: (fulfillment: StandinFulfillment, args: ConnectionArgs & SortArgs) =>
      connectionFromArray(
        args,
        (event) => event.id,
        () =>
          sortBySortKey(
            fulfillment.events,
            fulfillmentEventSortKeys,
            args.sortKey,
            args.reverse,
            "Fulfillment.events",
          ),
      ),
  },
};

export const adminFieldResolver: GraphQLFieldResolver<unknown, AdminContext> = (
  source,
  args,
  context,
  info,
) => {
  const resolver = resolvers[info.parentType.name]?.[info.fieldName];
  if (resolver) return resolver(source as never, args as never, context, info);
  if (typeof source === "object" && source !== null && info.fieldName in source) {
    return (source as Record<string, unknown>)[info.fieldName];
  }
  throw notImplemented(`${info.parentType.name}.${info.fieldName}`);
};
