import prisma from "../../app/db.server";
import { adminGraphqlForShop, type AdminGraphql } from "../../app/services/admin-graphql.server";
import { createShopifyStandin, generateStandinOrders, type ShopifyStandin } from "../../shopify-standin";

export const STANDIN_TOKEN = "shpat_sync_tests";

// A stand-in Shopify holding `orders` generated orders for `shop`, the shop installed in Parcelwise's
// database with its offline session, and an Admin client pointed at the stand-in.
export async function installedShopWithStandin({
  shop,
  orders,
  now = new Date(),
  maxQueryCost,
}: {
  shop: string;
  orders: number;
  now?: Date;
  maxQueryCost?: number;
}): Promise<{ standin: ShopifyStandin; admin: AdminGraphql }> {
  const standin = await createShopifyStandin({
    appUrl: "http://127.0.0.1:9",
    apiKey: "test-api-key",
    apiSecret: "test-api-secret",
    shops: [
      {
        myshopifyDomain: shop,
        accessToken: STANDIN_TOKEN,
        orders: generateStandinOrders({ count: orders, seed: 7, now, daysBack: 50 }),
      },
    ],
    bulkOperations: { startDelayMs: 5 },
    ...(maxQueryCost ? { adminApiLimits: { maxQueryCost } } : {}),
  });
  await prisma.shop.upsert({ where: { domain: shop }, create: { domain: shop, name: shop }, update: {} });
  await prisma.session.upsert({
    where: { id: `offline_${shop}` },
    create: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: STANDIN_TOKEN },
    update: {},
  });
  const admin = adminGraphqlForShop({
    shop,
    accessToken: STANDIN_TOKEN,
    origin: standin.shopUrl(shop, ""),
    retry: { baseDelayMs: 20 },
  });
  return { standin, admin };
}
