import { shopifyDateTime } from "./shopify-time";
import type { StandinFulfillmentEvent, StandinOrder, StandinShopSeed } from "./standin-store";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A shop with one delivered, one in-transit and one unfulfilled order, dated relative to `now`. */
export function demoShop(
  myshopifyDomain: string,
  accessToken: string,
  now: Date = new Date(),
): StandinShopSeed {
  const daysAgo = (days: number) => shopifyDateTime(now.getTime() - days * DAY_MS);
  const event = (
    id: number,
    status: string,
    days: number,
    city: string,
    message: string,
  ): StandinFulfillmentEvent => ({
    id: `gid://shopify/FulfillmentEvent/${id}`,
    status,
    happenedAt: daysAgo(days),
    createdAt: daysAgo(days),
    message,
    address1: null,
    city,
    province: "Kentucky",
    country: "United States",
    zip: null,
    latitude: null,
    longitude: null,
    estimatedDeliveryAt: null,
  });
  const shopper = (orderNumber: number) => ({
    email: `shopper+${orderNumber}@example.com`,
    phone: null,
    customerLocale: "en",
  });
  const orders: StandinOrder[] = [
    {
      id: "gid://shopify/Order/5001",
      name: "#1001",
      ...shopper(1001),
      createdAt: daysAgo(9),
      processedAt: daysAgo(9),
      updatedAt: daysAgo(2),
      cancelledAt: null,
      cancelReason: null,
      displayFulfillmentStatus: "FULFILLED",
      shippingAddress: { countryCodeV2: "US", provinceCode: "KY", zip: "40003" },
      fulfillments: [
        {
          id: "gid://shopify/Fulfillment/6001",
          status: "SUCCESS",
          createdAt: daysAgo(8),
          updatedAt: daysAgo(2),
          estimatedDeliveryAt: null,
          trackingInfo: [
            {
              number: "1Z5R89390357567127",
              company: "UPS",
              url: "https://www.ups.com/track?tracknum=1Z5R89390357567127",
            },
          ],
          events: [
            event(7001, "LABEL_PRINTED", 8, "Louisville", "Label created"),
            event(7002, "IN_TRANSIT", 6, "Louisville", "Departed facility"),
            event(7003, "DELIVERED", 2, "Shippington", "Delivered, front door"),
          ],
        },
      ],
    },
    {
      id: "gid://shopify/Order/5002",
      name: "#1002",
      ...shopper(1002),
      createdAt: daysAgo(4),
      processedAt: daysAgo(4),
      updatedAt: daysAgo(1),
      cancelledAt: null,
      cancelReason: null,
      displayFulfillmentStatus: "FULFILLED",
      shippingAddress: { countryCodeV2: "US", provinceCode: "KY", zip: "40202" },
      fulfillments: [
        {
          id: "gid://shopify/Fulfillment/6002",
          status: "SUCCESS",
          createdAt: daysAgo(3),
          updatedAt: daysAgo(1),
          estimatedDeliveryAt: daysAgo(-2),
          trackingInfo: [
            {
              number: "9400111899223197428490",
              company: "USPS",
              url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223197428490",
            },
          ],
          events: [
            event(7004, "CONFIRMED", 3, "Lexington", "Shipping label created"),
            event(7005, "IN_TRANSIT", 1, "Louisville", "Arrived at USPS facility"),
          ],
        },
      ],
    },
    {
      id: "gid://shopify/Order/5003",
      name: "#1003",
      ...shopper(1003),
      createdAt: daysAgo(1),
      processedAt: daysAgo(1),
      updatedAt: daysAgo(1),
      cancelledAt: null,
      cancelReason: null,
      displayFulfillmentStatus: "UNFULFILLED",
      shippingAddress: { countryCodeV2: "CA", provinceCode: "ON", zip: "K1A 0B1" },
      fulfillments: [],
    },
  ];
  return { myshopifyDomain, accessToken, name: "Parcelwise Demo", orders };
}
