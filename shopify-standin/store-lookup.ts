import type { StandinFulfillment, StandinFulfillmentEvent, StandinOrder, StandinShop } from "./standin-store";

export interface FulfillmentInStore {
  order: StandinOrder;
  fulfillment: StandinFulfillment;
}

export interface FulfillmentEventInStore extends FulfillmentInStore {
  event: StandinFulfillmentEvent;
}

export function findOrder(shop: StandinShop, orderId: string): StandinOrder | undefined {
  return shop.orders.find((order) => order.id === orderId);
}

export function findFulfillment(shop: StandinShop, fulfillmentId: string): FulfillmentInStore | undefined {
  for (const order of shop.orders) {
    const fulfillment = order.fulfillments.find((candidate) => candidate.id === fulfillmentId);
    if (fulfillment) return { order, fulfillment };
  }
  return undefined;
}

export function findFulfillmentEvent(
  shop: StandinShop,
  eventId: string,
): FulfillmentEventInStore | undefined {
  for (const order of shop.orders) {
    for (const fulfillment of order.fulfillments) {
      const event = fulfillment.events.find((candidate) => candidate.id === eventId);
      if (event) return { order, fulfillment, event };
    }
  }
  return undefined;
}
