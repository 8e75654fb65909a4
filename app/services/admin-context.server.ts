import { config } from "../config.server";
import { authenticate } from "../shopify.server";
import { adminGraphqlForShop, adminGraphqlFromRemix, type AdminGraphql } from "./admin-graphql.server";
import { adminApiOrigin } from "./shop-admin.server";

export type AdminContext = { shop: string; admin: AdminGraphql; demo: boolean };

// Every admin loader and action starts here. Outside demo mode this is Shopify's session-token
// authentication; demo mode (loopback only, enforced by config) serves the seeded demo shop.
export async function requireAdminContext(request: Request): Promise<AdminContext> {
  const appConfig = config();
  if (appConfig.PARCELWISE_DEMO) {
    return {
      shop: appConfig.PARCELWISE_DEMO_SHOP,
      demo: true,
      admin: adminGraphqlForShop({
        shop: appConfig.PARCELWISE_DEMO_SHOP,
        accessToken: appConfig.PARCELWISE_DEMO_ADMIN_ACCESS_TOKEN,
        origin: adminApiOrigin(appConfig.PARCELWISE_DEMO_SHOP),
      }),
    };
  }
  const { session, admin } = await authenticate.admin(request);
  return { shop: session.shop, demo: false, admin: adminGraphqlFromRemix(admin.graphql) };
}
