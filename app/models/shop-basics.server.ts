import type { AdminGraphql } from "../services/admin-graphql.server";
import type { ShopBasicsQuery } from "../types/admin.generated";

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

export async function fetchShopBasics({ admin }: { shop: string; admin: AdminGraphql }) {
  const data = await admin.request<ShopBasicsQuery>(SHOP_BASICS_QUERY);
  return data.shop;
}
