import type { AdminGraphql } from "../services/admin-graphql.server";

export const SHOP_BASICS_QUERY = `#graphql
  query ShopBasics {
    shop {
      name
      myshopifyDomain
      ianaTimezone
      currencyCode
    }
  }
`;

type ShopBasicsResult = {
  shop: { name: string; myshopifyDomain: string; ianaTimezone: string; currencyCode: string };
};

export async function fetchShopBasics({ admin }: { shop: string; admin: AdminGraphql }) {
  const data = await admin.request<ShopBasicsResult>(SHOP_BASICS_QUERY);
  return data.shop;
}
