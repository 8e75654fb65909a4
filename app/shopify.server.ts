import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { config } from "./config.server";
import prisma from "./db.server";
import { recordInstall } from "./models/shop.server";
import { catchUpLookPublication } from "./models/storefront-look.server";
import { startSync } from "./models/sync.server";
import { adminGraphqlFromRemix } from "./services/admin-graphql.server";
import { SHOPIFY_API_VERSION } from "./shopify-api-version";
import { APP_SCOPES } from "./shopify-scopes";

const appConfig = config();

const shopify = shopifyApp({
  apiKey: appConfig.SHOPIFY_API_KEY,
  apiSecretKey: appConfig.SHOPIFY_API_SECRET,
  apiVersion: SHOPIFY_API_VERSION,
  scopes: appConfig.SCOPES?.split(",") ?? APP_SCOPES,
  appUrl: appConfig.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  logger: { level: appConfig.NODE_ENV === "production" ? LogSeverity.Warning : LogSeverity.Info },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await recordInstall({ shop: session.shop });
      // A reinstall keeps the look saved in Parcelwise, but Shopify dropped its copy for the storefront.
      await catchUpLookPublication({ shop: session.shop, now: new Date(), installed: true });
      await startSync({ shop: session.shop, admin: adminGraphqlFromRemix(admin.graphql) });
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
  },
  ...(appConfig.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [appConfig.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
