import { CARRIER_CODES } from "../../app/services/carriers/carrier-adapter";
import { createCarrierStandin, type CarrierStandin } from "../../carrier-standins";
import {
  createShopifyStandin,
  demoShop,
  generateStandinOrders,
  type ShopifyStandin,
} from "../../shopify-standin";
import { startStorefrontPreview, type StorefrontPreview } from "../../storefront-preview";
import { startSmsStandin, type SmsStandin } from "../../sms-standin";
import { startAppServer, type RunningServer } from "./app-server";
import { scheduleDeliveryStats } from "./demo-jobs";
import { seedDemoMessaging, DEMO_CREDENTIALS_KEY, DEMO_SMS_ACCOUNT } from "./demo-messaging";
import { startDemoMailbox } from "./demo-mailbox";
import { freePort } from "./free-port";
import { DEMO_CUSTOMER_HASH_KEY, prepareDatabase } from "./prepare-database";
import { startSmtpInbox, type SmtpInbox } from "./smtp-inbox";

export const DEMO = {
  shop: "parcelwise-demo.myshopify.com",
  shopName: "Parcelwise Demo Store",
  apiKey: "parcelwise-demo-api-key",
  apiSecret: "parcelwise-demo-api-secret",
  adminToken: "shpat_parcelwise_demo",
} as const;

export const IMPORTABLE_ORDERS = 60;

export type DemoStack = {
  app: RunningServer;
  standin: ShopifyStandin;
  carriers: CarrierStandin;
  // The shop's storefront with the tracking block (storefront-preview/), its app proxy through the stand-in.
  storefront: StorefrontPreview;
  seeded: Awaited<ReturnType<typeof prepareDatabase>>;
  // Where the shop's notifications go: a real SMTP server and a Twilio-compatible stand-in, both shown on
  // the mailbox page.
  smtp: SmtpInbox;
  sms: SmsStandin;
  mailboxUrl: string;
  stop: () => Promise<void>;
};

// The seeded database, the local Shopify stand-in and the built app in demo mode, wired together: what
// `npm run demo` runs and what the end-to-end tests drive. Everything binds to 127.0.0.1.
export async function startDemoStack({
  databaseUrl,
  port = 0,
  standinPort = 0,
  carrierPort = 0,
  storefrontPort = 0,
  smtpPort = 0,
  smsPort = 0,
  mailboxPort = 0,
  orders = 160,
}: {
  databaseUrl: string;
  port?: number;
  standinPort?: number;
  carrierPort?: number;
  storefrontPort?: number;
  smtpPort?: number;
  smsPort?: number;
  mailboxPort?: number;
  orders?: number;
}): Promise<DemoStack> {
  const seeded = await prepareDatabase({
    databaseUrl,
    shops: [{ shop: DEMO.shop, name: DEMO.shopName, orders, offlineAccessToken: DEMO.adminToken }],
  });
  // The shoppers' inbox and phone listen first: a server taking a port of the system's choosing after the
  // app's port is reserved (below) could be handed that very port.
  const smtp = await startSmtpInbox({ port: smtpPort });
  const sms = await startSmsStandin({ port: smsPort, accounts: [DEMO_SMS_ACCOUNT] });
  const mailbox = await startDemoMailbox({ port: mailboxPort, inbox: smtp, sms });
  await seedDemoMessaging({ databaseUrl, shop: DEMO.shop, smtpPort: smtp.port, smsUrl: sms.url });
  await scheduleDeliveryStats({ databaseUrl, shop: DEMO.shop });
  const closeMessaging = async () => {
    await mailbox.close();
    await sms.close();
    await smtp.close();
  };
  // The app's URL must be known before it starts (the stand-in forwards the app proxy to it), so a free
  // port is reserved first when none is given.
  const appPort = port || (await freePort());
  const appUrl = `http://127.0.0.1:${appPort}`;
  const standin = await createShopifyStandin({
    port: standinPort,
    appUrl,
    apiKey: DEMO.apiKey,
    apiSecret: DEMO.apiSecret,
    // The store "in Shopify" holds orders Parcelwise has not imported yet (#3001 on), so Settings → Import
    // shows a real backfill; the seeded database keeps #1001 on.
    shops: [
      {
        ...demoShop(DEMO.shop, DEMO.adminToken),
        name: DEMO.shopName,
        orders: generateStandinOrders({
          count: IMPORTABLE_ORDERS,
          seed: 2026,
          firstOrderNumber: 3001,
          daysBack: 40,
        }),
      },
    ],
  });
  const carriers = await createCarrierStandin({ ...(carrierPort ? { port: carrierPort } : {}) });
  const storefront = await startStorefrontPreview({
    port: storefrontPort,
    shopName: DEMO.shopName,
    appProxyUrl: standin.shopUrl(DEMO.shop, "/apps/track"),
    // What the app saved on its installation in "Shopify" (the tracking page's look) reaches the block.
    appMetafields: () => standin.shop(DEMO.shop).appInstallation.metafields,
  });
  // Links in the shop's messages open its storefront, here the preview.
  standin.shop(DEMO.shop).primaryDomainUrl = storefront.url;
  sms.setInboundWebhookUrl(`${appUrl}/sms/inbound?shop=${DEMO.shop}`);
  try {
    const app = await startAppServer({
      port: appPort,
      env: {
        PARCELWISE_DEMO: "1",
        PARCELWISE_DEMO_SHOP: DEMO.shop,
        PARCELWISE_DEMO_ADMIN_ACCESS_TOKEN: DEMO.adminToken,
        SHOPIFY_APP_URL: appUrl,
        SHOPIFY_API_KEY: DEMO.apiKey,
        SHOPIFY_API_SECRET: DEMO.apiSecret,
        CUSTOMER_HASH_KEY: DEMO_CUSTOMER_HASH_KEY,
        CREDENTIALS_ENCRYPTION_KEY: DEMO_CREDENTIALS_KEY,
        SHOPIFY_ADMIN_API_ORIGIN: `${standin.url}/shops/{shop}`,
        // Parcelwise's own carrier accounts, served by the local carrier stand-ins.
        CARRIER_BASE_URLS: JSON.stringify(
          Object.fromEntries(CARRIER_CODES.map((code) => [code, carriers.baseUrlFor(code)])),
        ),
        CARRIER_DEFAULT_CREDENTIALS: JSON.stringify(
          Object.fromEntries(CARRIER_CODES.map((code) => [code, carriers.credentialsFor(code)])),
        ),
        DATABASE_URL: databaseUrl,
      },
    });
    return {
      app,
      standin,
      carriers,
      storefront,
      seeded,
      smtp,
      sms,
      mailboxUrl: mailbox.url,
      stop: async () => {
        await app.stop();
        await closeMessaging();
        await storefront.close();
        await standin.close();
        await carriers.close();
      },
    };
  } catch (error) {
    await closeMessaging();
    await storefront.close();
    await standin.close();
    await carriers.close();
    throw error;
  }
}
