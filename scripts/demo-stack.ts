// `npm run demo` (after scripts/demo.mjs has installed and built): starts the demo and prints where to look.
import { parseArgs } from "node:util";
import { demoShopperEmail } from "../prisma/seed/demo-shop";
import { DEMO, startDemoStack } from "./lib/demo-stack";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    "standin-port": { type: "string", default: process.env.STANDIN_PORT ?? "3100" },
    "carrier-port": { type: "string", default: process.env.CARRIER_STANDIN_PORT ?? "3200" },
    "storefront-port": { type: "string", default: process.env.STOREFRONT_PORT ?? "3300" },
    "mailbox-port": { type: "string", default: process.env.MAILBOX_PORT ?? "3400" },
    "sms-port": { type: "string", default: process.env.SMS_STANDIN_PORT ?? "3500" },
    "smtp-port": { type: "string", default: process.env.SMTP_PORT ?? "2525" },
    orders: { type: "string", default: "160" },
  },
});
const databaseUrl = process.env.DATABASE_URL ?? "file:./prisma/parcelwise.db";

const stack = await startDemoStack({
  databaseUrl,
  port: Number(values.port),
  standinPort: Number(values["standin-port"]),
  carrierPort: Number(values["carrier-port"]),
  storefrontPort: Number(values["storefront-port"]),
  mailboxPort: Number(values["mailbox-port"]),
  smsPort: Number(values["sms-port"]),
  smtpPort: Number(values["smtp-port"]),
  orders: Number(values.orders),
});
stack.app.process.stdout?.pipe(process.stdout);
stack.app.process.stderr?.pipe(process.stderr);

const exampleOrder = 1001;
console.log(`
Parcelwise demo is running (database ${databaseUrl}: ${JSON.stringify(stack.seeded[DEMO.shop])}).
  Admin (dashboard, shipments, carriers, support, settings): ${stack.app.url}/app
  Storefront tracking page (theme block + signed app proxy):  ${stack.storefront.url}/pages/track
    try order ${exampleOrder} with ${demoShopperEmail(exampleOrder)}; /fr/pages/track, /es/…, /de/… for other languages
  Shopify stand-in (Admin GraphQL, webhooks, app proxy):      ${stack.standin.url}
  Carrier API stand-ins (UPS, FedEx, USPS, DHL, Canada Post): ${stack.carriers.url}
  Shoppers' inbox and phone (SMTP 127.0.0.1:${stack.smtp.port}, SMS stand-in ${stack.sms.url}): ${stack.mailboxUrl}
    notification rules, previews and "Send me a test": ${stack.app.url}/app/notifications
Every demo order #N belongs to shopper+N@example.com. Press Ctrl+C to stop.
`);

const shutdown = () => void stack.stop().then(() => process.exit(0));
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
stack.app.process.once("exit", (code) => {
  console.error(`the app exited (code ${code}); stopping the demo`);
  void stack.standin.close().then(() => process.exit(1));
});
