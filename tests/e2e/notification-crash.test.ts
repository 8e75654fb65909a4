import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { startSmtpInbox, type SmtpInbox } from "../../scripts/lib/smtp-inbox";
import { storedLocalSmtpProvider, storedSmsProvider } from "../../scripts/lib/demo-messaging";
import { createShopifyStandin, generateStandinOrders, type ShopifyStandin } from "../../shopify-standin";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { startSmsStandin, type SmsStandin } from "../../sms-standin";
import { adminQuery } from "../setup/postgresql-template";
import { postgresUrlFor } from "../setup/test-env";
import { requireBuild } from "./built-app";

// The outbox's promise, on PostgreSQL with real worker processes: a worker killed (SIGKILL) in the middle of
// sending loses nothing and sends nothing twice once another worker takes over. The kill lands while the
// SMTP server and the SMS provider hold their replies, so messages are in the worst place: handed over, not
// yet acknowledged.

const SHOP = "crash.myshopify.com";
const ACCESS_TOKEN = "shpat_crash_test";
const EMAILS = 240;
const TEXTS = 80;
const ACCOUNT_SID = `AC${"c".repeat(32)}`;
const AUTH_TOKEN = "crash-auth-token";
const CREDENTIALS_KEY = "crash-credentials-key-0123456789-abcdef";
const database = `parcelwise_notify_crash_${process.pid}`;
const databaseUrl = postgresUrlFor(database);

let db: Database;
let inbox: SmtpInbox;
let sms: SmsStandin;
let standin: ShopifyStandin;
const workers: ChildProcess[] = [];

const phoneFor = (n: number) => `+1415555${String(n).padStart(4, "0")}`;

beforeAll(async () => {
  if (!sharedDirExists()) return;
  requireBuild();
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${database}"`);
  migrateDatabase(databaseUrl);
  db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  inbox = await startSmtpInbox({ parse: false });
  sms = await startSmsStandin({
    accounts: [{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, friendlyName: "Crash" }],
  });
  const orders = generateStandinOrders({ count: EMAILS + TEXTS, daysBack: 3 });
  standin = await createShopifyStandin({
    appUrl: "http://127.0.0.1:9",
    apiKey: "crash-key",
    apiSecret: "crash-secret",
    shops: [{ myshopifyDomain: SHOP, accessToken: ACCESS_TOKEN, orders }],
  });
  const now = new Date();
  await db.shop.create({ data: { domain: SHOP, name: "Crash" } });
  await db.session.create({
    data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: ACCESS_TOKEN },
  });
  await db.shopSettings.create({
    data: {
      shop: SHOP,
      notificationRules: JSON.stringify({ quietHours: { enabled: false, start: "21:00", end: "08:00" } }),
      emailProvider: storedLocalSmtpProvider({ port: inbox.port, fromAddress: "shipping@crash.example" }),
      smsProvider: storedSmsProvider({
        baseUrl: sms.url,
        account: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, friendlyName: "Crash" },
        credentialsKey: CREDENTIALS_KEY,
      }),
    },
  });
  for (const [n, shopifyOrder] of orders.entries()) {
    const channel = n < EMAILS ? "email" : "sms";
    const order = await db.order.create({
      data: { shop: SHOP, shopifyId: shopifyOrder.id, name: shopifyOrder.name, orderedAt: now },
    });
    const shipment = await db.shipment.create({
      data: {
        shop: SHOP,
        orderId: order.id,
        shopifyFulfillmentId: `gid://shopify/Fulfillment/crash-${n}`,
        trackingNumber: `1Z999AA1${String(n).padStart(10, "0")}`,
        trackingCompany: "UPS",
        status: "pre_transit",
        shippedAt: now,
      },
    });
    if (channel === "sms") {
      await db.notificationPreference.create({
        data: {
          shop: SHOP,
          orderId: order.id,
          emailOptIn: false,
          smsOptIn: true,
          phone: phoneFor(n),
          consentText: "Text me shipping updates",
          consentAt: now,
          source: "thank_you",
        },
      });
    }
    await db.notification.create({
      data: {
        id: randomUUID(),
        shop: SHOP,
        orderId: order.id,
        shipmentId: shipment.id,
        channel,
        milestone: "shipped",
        eventAt: now,
        idempotencyKey: `${shipment.id}:shipped:${channel}`,
        sendAfter: now,
      },
    });
  }
}, 120_000);

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await inbox?.close();
  await sms?.close();
  await standin?.close();
  await db?.$disconnect();
  if (sharedDirExists()) await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

function startWorker(id: string): ChildProcess {
  const child = spawn(process.execPath, ["worker.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      SHOPIFY_APP_URL: "https://parcelwise.example.com",
      SHOPIFY_API_KEY: "crash-key",
      SHOPIFY_API_SECRET: "crash-secret",
      CUSTOMER_HASH_KEY: "crash-customer-hash-key-0123456789",
      CREDENTIALS_ENCRYPTION_KEY: CREDENTIALS_KEY,
      SHOPIFY_ADMIN_API_ORIGIN: `${standin.url}/shops/{shop}`,
      JOBS_WORKER_ID: id,
      JOBS_POLL_INTERVAL_MS: "100",
      // Short, so the killed worker's messages come back within the test.
      NOTIFICATIONS_LEASE_MS: "3000",
      SMTP_MAX_CONNECTIONS: "4",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  return child;
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!sharedDirExists())("notification dispatch survives a killed worker (PostgreSQL)", () => {
  it("sends every message exactly once after a SIGKILL mid-send and a restart", async () => {
    const first = startWorker("notify-a");
    await waitFor(
      () => inbox.acceptedCount() >= EMAILS / 3 && sms.messages().length >= TEXTS / 4,
      "sending to start",
    );
    // From here on, messages reach the servers but their "accepted" replies never reach the worker.
    inbox.holdReplies();
    sms.holdResponses();
    // Kill only once every message that was acknowledged is recorded as sent: then the only messages whose
    // fate the worker doesn't know are the ones still waiting for their reply — the window this test is about.
    // (A kill between an acknowledgement and its record is email's at-least-once window: the same Message-ID
    // goes out again and the receiving side drops it.)
    let sentSoFar = -1;
    await waitFor(async () => {
      const sent = await db.notification.count({ where: { shop: SHOP, status: "sent" } });
      const emailsSent = await db.notification.count({
        where: { shop: SHOP, channel: "email", status: "sent" },
      });
      const settled = sent === sentSoFar && emailsSent === inbox.acceptedCount();
      sentSoFar = sent;
      if (!settled) await new Promise((resolve) => setTimeout(resolve, 250));
      return settled;
    }, "acknowledged messages to be recorded");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    // The worker vanished before hearing 250: the SMTP server drops those messages. Twilio keeps what it
    // created: the restarted worker must find those texts instead of sending them again.
    const droppedEmails = inbox.dropHeldReplies();
    const heldTexts = sms.releaseHeld();
    const sentBeforeCrash = await db.notification.count({ where: { shop: SHOP, status: "sent" } });
    const inFlight = await db.notification.count({ where: { shop: SHOP, status: "sending" } });
    expect(inFlight).toBeGreaterThan(0);

    startWorker("notify-b");
    await waitFor(
      async () => (await db.notification.count({ where: { shop: SHOP, status: "sent" } })) === EMAILS + TEXTS,
      "every notification sent",
    );

    const emailIds = inbox.acceptedMessageIds();
    expect(emailIds).toHaveLength(EMAILS);
    expect(new Set(emailIds).size).toBe(EMAILS);
    const texts = sms.messages().filter((message) => message.direction === "outbound-api");
    expect(texts).toHaveLength(TEXTS);
    expect(new Set(texts.map((text) => text.to)).size).toBe(TEXTS);
    const statuses = await db.notification.groupBy({
      by: ["status"],
      where: { shop: SHOP },
      _count: { _all: true },
    });
    expect(statuses.map((group) => [group.status, group._count._all])).toEqual([["sent", EMAILS + TEXTS]]);
    // The texts the provider had already created were recognised, not sent again.
    if (heldTexts > 0) {
      expect(
        await db.notification.count({
          where: { shop: SHOP, channel: "sms", lastError: { contains: "found at the provider" } },
        }),
      ).toBeGreaterThan(0);
    }
    console.info(
      `crash test: ${sentBeforeCrash} sent before the kill, ${inFlight} in flight, ${droppedEmails} emails dropped by the server, ${heldTexts} texts created but unacknowledged`,
    );
  }, 120_000);
});
