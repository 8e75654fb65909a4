import { randomUUID } from "node:crypto";
import { freePort } from "../../scripts/lib/free-port";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { openRowWriter } from "../../prisma/seed/row-writer";
import { startAppServer } from "../../scripts/lib/app-server";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { DEMO_CUSTOMER_HASH_KEY } from "../../scripts/lib/prepare-database";
import { storedLocalSmtpProvider } from "../../scripts/lib/demo-messaging";
import { startSmtpInbox } from "../../scripts/lib/smtp-inbox";
import { createShopifyStandin, generateStandinOrders, type StandinOrder } from "../../shopify-standin";
import { createThrowawayDatabase } from "../databases";
import { recordOutputTail } from "../processes";
import type { RunContext, RunOutcome, SelfContainedScenario } from "../scenario";

const ACCESS_TOKEN = "shpat_parcelwise_bench_notify";
const FULL_MESSAGES = 10_000;
const QUICK_MESSAGES = 2_000;
// The shopper's address is read from Shopify when a message goes out (Parcelwise keeps none), so one shop's
// messages are paced by its Admin API budget (~6 points each; 100 points/s on a Standard plan: ~16 messages/s
// per shop). The load is spread over shops as an app serving many merchants sees it; the single-shop ceiling
// is reported apart.
const SHOPS = 20;
const shopDomain = (n: number) => `parcelwise-bench-notify-${n}.myshopify.com`;
const POLL_INTERVAL_MS = 100;
const timeoutMs = (messages: number) => 60_000 + messages * 20;

// Due "shipped" notifications for distinct shipments, each of an order the Shopify stand-in knows (the
// dispatcher reads the shopper's address from Shopify at send time). They wait far in the future until the
// measurement starts.
async function seed(databaseUrl: string, ordersByShop: StandinOrder[][], smtpPort: number) {
  const writer = await openRowWriter(parseDatabaseUrl(databaseUrl));
  try {
    for (const [n, orders] of ordersByShop.entries()) await seedShop(writer, shopDomain(n), orders, smtpPort);
  } finally {
    await writer.close();
  }
}

async function seedShop(
  writer: Awaited<ReturnType<typeof openRowWriter>>,
  shop: string,
  orders: StandinOrder[],
  smtpPort: number,
) {
  const now = new Date();
  const later = new Date(now.getTime() + 365 * 24 * 60 * 60_000);
  {
    await writer.insert("Shop", [
      {
        domain: shop,
        name: "Bench Notify",
        status: "active",
        installedAt: now,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await writer.insert("Session", [
      { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: ACCESS_TOKEN },
    ]);
    await writer.insert("ShopSettings", [
      {
        shop,
        notificationRules: JSON.stringify({ quietHours: { enabled: false, start: "21:00", end: "08:00" } }),
        emailProvider: storedLocalSmtpProvider({
          port: smtpPort,
          fromAddress: "shipping@bench-notify.example",
        }),
        createdAt: now,
        updatedAt: now,
      },
    ]);
    const orderRows = [];
    const shipments = [];
    const notifications = [];
    for (const order of orders) {
      const orderId = randomUUID();
      const shipmentId = randomUUID();
      orderRows.push({
        id: orderId,
        shop,
        shopifyId: order.id,
        name: order.name,
        orderedAt: now,
        destinationCountry: order.shippingAddress?.countryCodeV2 ?? null,
        destinationProvince: order.shippingAddress?.provinceCode ?? null,
        createdAt: now,
        updatedAt: now,
      });
      shipments.push({
        id: shipmentId,
        shop,
        orderId,
        shopifyFulfillmentId: `gid://shopify/Fulfillment/bench-${orderId}`,
        trackingNumber: `1Z999AA1${String(orderRows.length).padStart(10, "0")}`,
        trackingCompany: "UPS",
        carrier: "ups",
        status: "pre_transit",
        shippedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      notifications.push({
        id: randomUUID(),
        shop,
        orderId,
        shipmentId,
        channel: "email",
        milestone: "shipped",
        eventAt: now,
        status: "queued",
        idempotencyKey: `${shipmentId}:shipped:email`,
        attempts: 0,
        sendAfter: later,
        createdAt: now,
        updatedAt: now,
      });
    }
    await writer.insert("Order", orderRows);
    await writer.insert("Shipment", shipments);
    await writer.insert("Notification", notifications);
  }
}

async function statusCounts(db: Database) {
  const groups = await db.notification.groupBy({
    by: ["status"],
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all])) as Record<
    string,
    number
  >;
}

async function run({ provider, options, cleanup, signal, log }: RunContext): Promise<RunOutcome> {
  const messages = options.quick ? QUICK_MESSAGES : FULL_MESSAGES;
  const database = await createThrowawayDatabase(provider);
  const dropDatabase = cleanup.add(`drop the ${provider} database (notify)`, database.drop);
  try {
    migrateDatabase(database.url);
    const inbox = await startSmtpInbox({ parse: false });
    const closeInbox = cleanup.add("close the SMTP server (notify)", () => inbox.close());
    const perShop = Math.ceil(messages / SHOPS);
    const ordersByShop = Array.from({ length: SHOPS }, (_, n) =>
      generateStandinOrders({
        count: perShop,
        seed: n + 1,
        daysBack: 5,
        firstOrderNumber: 1001 + n * perShop,
      }),
    );
    await seed(database.url, ordersByShop, inbox.port);
    const db = await createPrismaClient(parseDatabaseUrl(database.url));
    const disconnect = cleanup.add("disconnect from the notify database", () => db.$disconnect());
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const standin = await createShopifyStandin({
      appUrl,
      apiKey: "bench-notify-key",
      apiSecret: "bench-notify-secret",
      shops: ordersByShop.map((orders, n) => ({
        myshopifyDomain: shopDomain(n),
        accessToken: ACCESS_TOKEN,
        orders,
      })),
    });
    const closeStandin = cleanup.add("close the stand-in (notify)", () => standin.close());
    try {
      const server = await startAppServer({
        port,
        env: {
          SHOPIFY_APP_URL: appUrl,
          SHOPIFY_API_KEY: "bench-notify-key",
          SHOPIFY_API_SECRET: "bench-notify-secret",
          CUSTOMER_HASH_KEY: DEMO_CUSTOMER_HASH_KEY,
          CREDENTIALS_ENCRYPTION_KEY: "bench-notify-credentials-key-0123456789",
          SHOPIFY_ADMIN_API_ORIGIN: `${standin.url}/shops/{shop}`,
          DATABASE_URL: database.url,
        },
      });
      const stopServer = cleanup.add(`stop the app server (notify, ${provider})`, server.stop);
      const serverOutput = recordOutputTail(server.process);
      try {
        log(`${messages} due notifications of ${SHOPS} shops → SMTP on 127.0.0.1:${inbox.port}`);
        const started = performance.now();
        await db.notification.updateMany({ data: { sendAfter: new Date() } });
        const deadline = started + timeoutMs(messages);
        let counts = await statusCounts(db);
        for (;;) {
          signal.throwIfAborted();
          counts = await statusCounts(db);
          const settled = (counts.sent ?? 0) + (counts.suppressed ?? 0) + (counts.dead ?? 0);
          if (settled >= messages && inbox.acceptedCount() >= (counts.sent ?? 0)) break;
          if (performance.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
        }
        const seconds = (performance.now() - started) / 1000;
        const received = inbox.acceptedCount();
        const distinct = new Set(inbox.acceptedMessageIds()).size;
        const problems = [
          ...(received === messages
            ? []
            : [`the SMTP server received ${received} messages, not ${messages}`]),
          ...(distinct === received ? [] : [`${received - distinct} duplicate Message-IDs`]),
          ...((counts.sent ?? 0) === messages ? [] : [`outbox: ${JSON.stringify(counts)}`]),
        ];
        if (problems.length) log(`problems; the app server's last output:\n${serverOutput()}`);
        const perSecond = Math.round(received / seconds);
        return {
          details: {
            shops: SHOPS,
            messages,
            seconds: Math.round(seconds * 10) / 10,
            messagesPerSecond: perSecond,
            received,
            distinctMessageIds: distinct,
            outbox: counts,
          },
          summary: [
            `${perSecond} messages/s (${messages} over ${SHOPS} shops in ${seconds.toFixed(1)} s), ${received} received, ${distinct} distinct Message-IDs`,
          ],
          problems,
        };
      } finally {
        await stopServer();
      }
    } finally {
      await closeStandin();
      await disconnect();
      await closeInbox();
    }
  } finally {
    await dropDatabase();
  }
}

const notify: SelfContainedScenario = {
  kind: "self-contained",
  name: "notify",
  description:
    "Due shipping notifications (default 10,000) dispatched by the server's worker to a real SMTP server on 127.0.0.1, reading each shopper's contact from the Shopify stand-in: messages/s, and exactly as many received, none twice.",
  run,
};

export default notify;
