/**
 * The stand-in's in-memory data. Objects are shaped like the Admin GraphQL types they stand for, so resolvers
 * only exist where Shopify computes something (connections, filters); every other field is read as stored.
 * A field a query selects that is absent here (as opposed to null) answers "not implemented".
 */
export interface StandinMailingAddress {
  countryCodeV2: string | null;
  provinceCode: string | null;
  zip: string | null;
}

export interface StandinTrackingInfo {
  number: string | null;
  company: string | null;
  url: string | null;
}

export interface StandinFulfillmentEvent {
  id: string;
  /** A FulfillmentEventStatus value, e.g. "IN_TRANSIT". */
  status: string;
  /** When the carrier saw it; createdAt is when Shopify learned of it (the webhook's trigger time). */
  happenedAt: string;
  createdAt: string;
  message: string | null;
  address1: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  zip: string | null;
  latitude: number | null;
  longitude: number | null;
  estimatedDeliveryAt: string | null;
}

export interface StandinFulfillment {
  id: string;
  /** A FulfillmentStatus value, e.g. "SUCCESS". */
  status: string;
  createdAt: string;
  updatedAt: string;
  estimatedDeliveryAt: string | null;
  trackingInfo: StandinTrackingInfo[];
  events: StandinFulfillmentEvent[];
}

export interface StandinOrder {
  id: string;
  name: string;
  createdAt: string;
  /** When the order was placed (it differs from createdAt for imported orders); Shopify's default sort. */
  processedAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  /** An OrderCancelReason value, e.g. "CUSTOMER"; null unless cancelled. */
  cancelReason: string | null;
  /** An OrderDisplayFulfillmentStatus value, e.g. "FULFILLED". */
  displayFulfillmentStatus: string;
  email: string | null;
  phone: string | null;
  /** E.g. "en", "fr-CA". */
  customerLocale: string | null;
  shippingAddress: StandinMailingAddress | null;
  /** The buyer, as far as the Customer fields the app reads go; null for an order without one. */
  customer?: { firstName: string | null } | null;
  lineItems?: StandinLineItem[];
  fulfillments: StandinFulfillment[];
}

export interface StandinLineItem {
  id: string;
  title: string;
  quantity: number;
}

/** A metafield as the Admin API returns it; `value` is always the string the app sent. */
export interface StandinMetafield {
  id: string;
  namespace: string;
  key: string;
  /** A metafield type, e.g. "json" or "single_line_text_field". */
  type: string;
  value: string;
  /** Changes whenever `value` does; `metafieldsSet` compares it with an input's `compareDigest`. */
  compareDigest: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The app's installation on the shop (`currentAppInstallation`): its app-data metafields are what a theme app
 * extension reads as `app.metafields.<namespace>.<key>`.
 */
export interface StandinAppInstallation {
  id: string;
  metafields: StandinMetafield[];
}

export interface StandinShop {
  id: string;
  name: string;
  myshopifyDomain: string;
  ianaTimezone: string;
  currencyCode: string;
  contactEmail?: string;
  /** Shop.primaryDomain.url: the storefront's address (a custom domain, or the myshopify one). */
  primaryDomainUrl?: string;
  /** Not part of the Shop type: the token the Admin API accepts for this shop. */
  accessToken: string;
  orders: StandinOrder[];
  /** Not part of the Shop type: the app (the one the token belongs to) as installed on this shop. */
  appInstallation: StandinAppInstallation;
}

export type StandinShopSeed = Pick<StandinShop, "myshopifyDomain" | "accessToken"> &
  Partial<Omit<StandinShop, "myshopifyDomain" | "accessToken">>;

export function createStandinShop(seed: StandinShopSeed, shopNumber: number): StandinShop {
  return {
    id: `gid://shopify/Shop/${shopNumber}`,
    name: seed.myshopifyDomain.replace(/\.myshopify\.com$/, ""),
    ianaTimezone: "America/New_York",
    currencyCode: "USD",
    orders: [],
    appInstallation: { id: `gid://shopify/AppInstallation/${shopNumber}`, metafields: [] },
    ...seed,
  };
}
