import type { AdminGraphql } from "../admin-graphql.server";
import type {
  NotificationOrderContactsQuery,
  NotificationShopProfileQuery,
} from "../../types/admin.generated";

// Parcelwise keeps no shopper's name or email address: they are read from Shopify's order when a message is
// sent, used for that message and dropped.

export const NOTIFICATION_ORDER_CONTACTS_QUERY = `#graphql
  query NotificationOrderContacts($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Order {
        id
        email
        customerLocale
        customer {
          firstName
        }
        lineItems(first: 4) {
          nodes {
            title
            quantity
          }
        }
      }
    }
  }
`;

export const NOTIFICATION_SHOP_PROFILE_QUERY = `#graphql
  query NotificationShopProfile {
    shop {
      name
      contactEmail
      ianaTimezone
      primaryDomain {
        url
      }
    }
  }
`;

export type ShopperContact = {
  email: string | null;
  firstName: string | null;
  locale: string | null;
  items: Array<{ title: string; quantity: number }>;
};

export type ShopProfile = {
  name: string;
  contactEmail: string | null;
  timeZone: string;
  storefrontUrl: string;
};

// Query cost stays well under Shopify's single-query limit (1,000) at this size.
const ORDERS_PER_QUERY = 50;

export async function fetchShopperContacts(
  admin: AdminGraphql,
  orderIds: string[],
): Promise<Map<string, ShopperContact>> {
  const contacts = new Map<string, ShopperContact>();
  const unique = [...new Set(orderIds)];
  for (let start = 0; start < unique.length; start += ORDERS_PER_QUERY) {
    const ids = unique.slice(start, start + ORDERS_PER_QUERY);
    const data = await admin.request<NotificationOrderContactsQuery>(NOTIFICATION_ORDER_CONTACTS_QUERY, {
      ids,
    });
    for (const node of data.nodes) {
      if (!node || !("id" in node)) continue;
      contacts.set(node.id, {
        email: node.email ?? null,
        firstName: node.customer?.firstName ?? null,
        locale: node.customerLocale ?? null,
        items: node.lineItems.nodes.map((item) => ({ title: item.title, quantity: item.quantity })),
      });
    }
  }
  return contacts;
}

const PROFILE_TTL_MS = 10 * 60_000;
const profiles = new Map<string, { profile: ShopProfile; fetchedAt: number }>();

export async function fetchShopProfile(
  shop: string,
  admin: AdminGraphql,
  now = Date.now(),
): Promise<ShopProfile> {
  const cached = profiles.get(shop);
  if (cached && now - cached.fetchedAt < PROFILE_TTL_MS) return cached.profile;
  const data = await admin.request<NotificationShopProfileQuery>(NOTIFICATION_SHOP_PROFILE_QUERY);
  const profile = {
    name: data.shop.name,
    contactEmail: data.shop.contactEmail || null,
    timeZone: data.shop.ianaTimezone,
    storefrontUrl: data.shop.primaryDomain.url,
  };
  profiles.set(shop, { profile, fetchedAt: now });
  return profile;
}
