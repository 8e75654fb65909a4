import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { saveEmailProvider, saveSmsProvider } from "../../app/models/messaging-providers.server";
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from "../../app/models/notification-rules";
import { unsubscribeWithToken } from "../../app/models/notification-unsubscribe.server";
import type { AdminGraphql } from "../../app/services/admin-graphql.server";
import { dispatchDueNotifications } from "../../app/services/notifications/dispatcher.server";
import { closeEmailTransports } from "../../app/services/notifications/email-sender.server";
import { retryNotification } from "../../app/services/notifications/notification-claims.server";
import type { ShopifyStandin } from "../../shopify-standin";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { startSmsStandin, type SmsStandin } from "../../sms-standin";
import { BIG_ORDER_ID, fulfillmentBody, fulfillmentEventBody, orderBody } from "../helpers/shopify-payloads";
import { startSmtpInbox, type SmtpInbox } from "../../scripts/lib/smtp-inbox";
import { installedShopWithStandin } from "../helpers/standin-shop";
import { deliver } from "../helpers/webhook-actions";

// Shipping updates end to end: signed webhooks through the routes and the worker's apply path write the
// outbox; the dispatcher reads the shopper's contact from the Shopify stand-in and sends through a real SMTP
// server (and a Twilio-compatible stand-in for texts). Every assertion is about what a shopper receives.

const SHOP = "notify.myshopify.com";
const ORDER_GID = `gid://shopify/Order/${BIG_ORDER_ID}`;
const ACCOUNT_SID = `AC${"a".repeat(32)}`;
const AUTH_TOKEN = "notify-auth-token";
const MINUTE = 60_000;

if (!sharedDirExists()) console.warn("skipping notification tests: the Shopify stand-in needs ../shared");

let inbox: SmtpInbox | undefined;
let standin: ShopifyStandin | undefined;
let sms: SmsStandin | undefined;
let admin: AdminGraphql;

afterEach(async () => {
  closeEmailTransports();
  await inbox?.close();
  await standin?.close();
  await sms?.close();
  inbox = standin = sms = undefined;
  await prisma.shop.deleteMany({});
  await prisma.session.deleteMany({});
});

const NO_QUIET_HOURS: Partial<NotificationRules> = {
  quietHours: { enabled: false, start: "21:00", end: "08:00" },
};

async function installShop(rules: Partial<NotificationRules> = NO_QUIET_HOURS) {
  inbox = await startSmtpInbox();
  const setup = await installedShopWithStandin({ shop: SHOP, orders: 0 });
  standin = setup.standin;
  admin = setup.admin;
  const shopify = standin.shop(SHOP);
  shopify.name = "Hollow Pine Goods";
  shopify.orders.push({
    id: ORDER_GID,
    name: "#4242",
    createdAt: "2026-11-01T15:00:00Z",
    processedAt: "2026-11-01T15:00:00Z",
    updatedAt: "2026-11-01T15:00:00Z",
    cancelledAt: null,
    cancelReason: null,
    displayFulfillmentStatus: "FULFILLED",
    email: "ana@example.com",
    phone: null,
    customerLocale: "fr",
    customer: { firstName: "Ana" },
    lineItems: [{ id: "gid://shopify/LineItem/1", title: "Cedar & Pine candle", quantity: 2 }],
    shippingAddress: { countryCodeV2: "US", provinceCode: "CA", zip: "94107" },
    fulfillments: [],
  });
  await prisma.shopSettings.upsert({
    where: { shop: SHOP },
    create: { shop: SHOP, notificationRules: JSON.stringify({ ...DEFAULT_NOTIFICATION_RULES, ...rules }) },
    update: { notificationRules: JSON.stringify({ ...DEFAULT_NOTIFICATION_RULES, ...rules }) },
  });
  await saveEmailProvider({
    shop: SHOP,
    input: {
      host: "127.0.0.1",
      port: String(inbox.port),
      fromAddress: "shipping@hollowpine.example",
      fromName: "Hollow Pine Goods",
    },
  });
}

const iso = (date: Date) => date.toISOString();

async function webhook(topic: string, body: string) {
  expect(await deliver(SHOP, { topic, body, webhookId: randomUUID() })).toBe(200);
}

// The order, then a fulfillment with a UPS number: Parcelwise learns the parcel has shipped.
async function orderShipped(at: Date) {
  await webhook("orders/create", orderBody({ updatedAt: iso(at) }));
  await webhook(
    "fulfillments/create",
    fulfillmentBody({ updatedAt: iso(at), numbers: ["1Z999AA10123456784"] }),
  );
}

let eventId = 1;
async function scan(status: string, at: Date) {
  eventId += 1;
  await webhook(
    "fulfillment_events/create",
    fulfillmentEventBody({ id: eventId, status, happenedAt: iso(at) }),
  );
}

async function dispatchAt(now: Date) {
  let total = 0;
  for (;;) {
    const claimed = await dispatchDueNotifications({ now, adminFor: async () => admin });
    total += claimed;
    if (claimed === 0) return total;
  }
}

const outbox = () =>
  prisma.notification.findMany({ where: { shop: SHOP }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

describe.skipIf(!sharedDirExists())("shipping notifications by email", () => {
  it("tells the shopper it shipped, personalized, in their language, with the tracking and unsubscribe links", async () => {
    await installShop();
    const now = new Date();
    await orderShipped(now);
    // Within the burst window nothing goes out yet.
    await dispatchAt(new Date(now.getTime() + MINUTE));
    expect(inbox?.messages()).toHaveLength(0);

    await dispatchAt(new Date(now.getTime() + 11 * MINUTE));
    const [mail] = (await inbox?.waitFor(1)) ?? [];
    expect(mail?.to).toEqual(["ana@example.com"]);
    expect(mail?.subject).toContain("#4242");
    // customer_locale "fr": the message is in French, addressed by first name.
    expect(mail?.text).toContain("Ana");
    expect(mail?.text).toMatch(/commande|colis/i);
    expect(mail?.html).toContain("Cedar &amp; Pine candle");
    const trackingLink = /https?:\/\/[^\s"]+\/apps\/track\?view=[^\s"&]+/.exec(mail?.text ?? "")?.[0];
    expect(trackingLink).toBeTruthy();
    const unsubscribe = mail?.header("list-unsubscribe") ?? "";
    expect(unsubscribe).toContain("/notifications/unsubscribe?shop=notify.myshopify.com");
    expect(mail?.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");

    const [row] = await outbox();
    expect(row).toMatchObject({
      milestone: "shipped",
      channel: "email",
      status: "sent",
      recipientHint: "a•••@example.com",
    });
    // The row never holds the address itself.
    expect(JSON.stringify(row)).not.toContain("ana@example.com");
  });

  it("sends each milestone once, however often Shopify repeats the webhook", async () => {
    await installShop();
    const now = new Date();
    await orderShipped(now);
    await dispatchAt(new Date(now.getTime() + 11 * MINUTE));
    await scan("out_for_delivery", new Date(now.getTime() + 60 * MINUTE));
    // The same fulfillment again (Shopify retries): nothing new to say.
    await webhook(
      "fulfillments/update",
      fulfillmentBody({ updatedAt: iso(now), numbers: ["1Z999AA10123456784"] }),
    );
    await dispatchAt(new Date(now.getTime() + 75 * MINUTE));
    await scan("delivered", new Date(now.getTime() + 180 * MINUTE));
    await dispatchAt(new Date(now.getTime() + 195 * MINUTE));
    await dispatchAt(new Date(now.getTime() + 300 * MINUTE));
    const mails = await inbox?.waitFor(3);
    expect(mails?.map((mail) => mail.subject)).toHaveLength(3);
    const rows = await outbox();
    expect(rows.map((row) => [row.milestone, row.status])).toEqual([
      ["shipped", "sent"],
      ["out_for_delivery", "sent"],
      ["delivered", "sent"],
    ]);
  });

  it("collapses a burst of scans into one message about the newest", async () => {
    await installShop();
    const now = new Date();
    await orderShipped(now);
    await scan("in_transit", new Date(now.getTime() + 2 * MINUTE));
    await scan("out_for_delivery", new Date(now.getTime() + 5 * MINUTE));
    await dispatchAt(new Date(now.getTime() + 20 * MINUTE));
    const mails = await inbox?.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox?.messages()).toHaveLength(1);
    expect(mails?.[0]?.subject).toMatch(/livraison|delivery/i);
    const rows = await outbox();
    expect(rows.find((row) => row.milestone === "shipped")).toMatchObject({
      status: "suppressed",
      suppressedReason: "superseded by out_for_delivery",
    });
  });

  it("holds messages during the shopper's quiet hours and sends them after", async () => {
    await installShop({ quietHours: { enabled: true, start: "21:00", end: "08:00" } });
    const now = new Date();
    await orderShipped(now);
    // 23:30 in California (the order ships to CA) on the next evening.
    const lateEvening = nextLocalTime("America/Los_Angeles", 23, 30, new Date(now.getTime() + 11 * MINUTE));
    await dispatchAt(lateEvening);
    expect(inbox?.messages()).toHaveLength(0);
    const [held] = await outbox();
    expect(held?.status).toBe("queued");
    expect(held?.suppressedReason).toContain("quiet hours (America/Los_Angeles)");
    const releaseAt = held?.sendAfter ?? new Date(0);
    expect(localHour("America/Los_Angeles", releaseAt)).toBe("08:00");
    await dispatchAt(new Date(releaseAt.getTime() + MINUTE));
    await inbox?.waitFor(1);
  });

  it("never sends more than the daily limit for one shipment: the rest waits", async () => {
    await installShop({ ...NO_QUIET_HOURS, maxPerShipmentPerDay: 1, burstWindowMinutes: 0 });
    const now = new Date();
    await orderShipped(now);
    await dispatchAt(new Date(now.getTime() + MINUTE));
    await scan("out_for_delivery", new Date(now.getTime() + 120 * MINUTE));
    await dispatchAt(new Date(now.getTime() + 121 * MINUTE));
    expect((await inbox?.waitFor(1))?.length).toBe(1);
    const waiting = (await outbox()).find((row) => row.milestone === "out_for_delivery");
    expect(waiting?.status).toBe("queued");
    expect(waiting?.suppressedReason).toContain("daily limit of 1");
    expect(waiting?.sendAfter.getTime()).toBeGreaterThan(now.getTime() + 23 * 60 * MINUTE);
  });

  it("stays silent about old news and about parcels first seen already delivered", async () => {
    await installShop();
    const now = new Date();
    await orderShipped(now);
    await dispatchAt(new Date(now.getTime() + 11 * MINUTE));
    // A scan from four days ago arriving now (a carrier backlog): recorded, not sent.
    await scan("out_for_delivery", new Date(now.getTime() - 4 * 24 * 60 * MINUTE));
    await dispatchAt(new Date(now.getTime() + 30 * MINUTE));
    const stale = (await outbox()).find((row) => row.milestone === "out_for_delivery");
    expect(stale).toMatchObject({ status: "suppressed" });
    expect(stale?.suppressedReason).toContain("older than 48 h");
    await inbox?.waitFor(1);
    expect(inbox?.acceptedCount()).toBe(1);
  });

  it("sends nothing for a milestone the merchant turned off", async () => {
    await installShop({
      ...NO_QUIET_HOURS,
      milestones: {
        ...DEFAULT_NOTIFICATION_RULES.milestones,
        shipped: { enabled: false, channels: ["email"] },
      },
    });
    const now = new Date();
    await orderShipped(now);
    await dispatchAt(new Date(now.getTime() + 11 * MINUTE));
    expect(await outbox()).toHaveLength(0);
    expect(inbox?.acceptedCount()).toBe(0);
  });

  it("tells the shopper what to do after a failed delivery attempt", async () => {
    await installShop();
    const now = new Date();
    await orderShipped(now);
    await dispatchAt(new Date(now.getTime() + 11 * MINUTE));
    await scan("attempted_delivery", new Date(now.getTime() + 60 * MINUTE));
    await dispatchAt(new Date(now.getTime() + 80 * MINUTE));
    const mails = await inbox?.waitFor(2);
    const attempt = mails?.[1];
    expect(attempt?.subject).toContain("#4242");
    const row = (await outbox()).find((r) => r.milestone === "exception");
    expect(row?.status).toBe("sent");
    // What happened and what to do next, not just a status word.
    expect(attempt?.text?.length ?? 0).toBeGreaterThan(150);
  });

  it("honours the unsubscribe link at once, for this and later messages", async () => {
    await installShop();
    const now = new Date();
    await orderShipped(now);
    await dispatchAt(new Date(now.getTime() + 11 * MINUTE));
    const [mail] = (await inbox?.waitFor(1)) ?? [];
    const link = new URL(/<([^>]+)>/.exec(mail?.header("list-unsubscribe") ?? "")?.[1] ?? "http://x");
    expect(await unsubscribeWithToken({ shop: SHOP, token: "forged.email.deadbeef.AAAA" })).toBeNull();
    expect(
      await unsubscribeWithToken({ shop: SHOP, token: link.searchParams.get("token") ?? "" }),
    ).not.toBeNull();
    await scan("out_for_delivery", new Date(now.getTime() + 60 * MINUTE));
    await dispatchAt(new Date(now.getTime() + 80 * MINUTE));
    const later = (await outbox()).find((row) => row.milestone === "out_for_delivery");
    expect(later).toMatchObject({ status: "suppressed", suppressedReason: "the shopper unsubscribed" });
    expect(inbox?.acceptedCount()).toBe(1);
  });

  it("retries a provider's temporary refusal with backoff, and parks a permanent one for the merchant", async () => {
    await installShop();
    const now = new Date();
    await orderShipped(now);
    inbox?.failNext(1, 451);
    await dispatchAt(new Date(now.getTime() + 11 * MINUTE));
    let [row] = await outbox();
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row?.lastError).toContain("451");
    const retryAt = row?.sendAfter ?? new Date(0);
    expect(retryAt.getTime() - (now.getTime() + 11 * MINUTE)).toBeGreaterThanOrEqual(0.75 * MINUTE);
    await dispatchAt(new Date(retryAt.getTime() + 1000));
    [row] = await outbox();
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(await inbox?.waitFor(1)).toHaveLength(1);

    inbox?.failNext(1, 550);
    await scan("out_for_delivery", new Date(now.getTime() + 120 * MINUTE));
    await dispatchAt(new Date(now.getTime() + 140 * MINUTE));
    const dead = (await outbox()).find((r) => r.milestone === "out_for_delivery");
    expect(dead).toMatchObject({ status: "dead" });
    expect(dead?.lastError).toContain("550");
    // The merchant fixes the cause and retries it from the dead-letter list.
    expect(await retryNotification({ shop: SHOP, id: dead?.id ?? "" })).toBe(true);
    await dispatchAt(new Date(now.getTime() + 141 * MINUTE));
    expect(await inbox?.waitFor(2)).toHaveLength(2);
  });
});

describe.skipIf(!sharedDirExists())("shipping notifications by text", () => {
  async function withSms() {
    sms = await startSmsStandin({
      accounts: [{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, friendlyName: "Notify" }],
    });
    await saveSmsProvider({
      shop: SHOP,
      input: { baseUrl: sms.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: "+15005550006" },
    });
  }

  async function consentToTexts(phone: string) {
    const order = await prisma.order.findFirstOrThrow({ where: { shop: SHOP } });
    await prisma.notificationPreference.create({
      data: {
        shop: SHOP,
        orderId: order.id,
        emailOptIn: true,
        smsOptIn: true,
        phone,
        consentText: "Text me shipping updates",
        consentAt: new Date(),
        source: "thank_you",
      },
    });
  }

  it("texts only shoppers who agreed, in one segment, and retries a throttled provider", async () => {
    await installShop();
    await withSms();
    const now = new Date();
    await webhook("orders/create", orderBody({ updatedAt: iso(now) }));
    await consentToTexts("+14155550123");
    await webhook(
      "fulfillments/create",
      fulfillmentBody({ updatedAt: iso(now), numbers: ["1Z999AA10123456784"] }),
    );
    sms?.failNext({ status: 429, count: 1, retryAfterSeconds: 30 });
    await dispatchAt(new Date(now.getTime() + 11 * MINUTE));
    const text = (await outbox()).find((row) => row.channel === "sms");
    expect(text).toMatchObject({ status: "failed" });
    expect(text?.sendAfter.getTime()).toBeGreaterThanOrEqual(now.getTime() + 11 * MINUTE + 30_000);
    await dispatchAt(new Date((text?.sendAfter ?? now).getTime() + 1000));
    const [message] = sms?.messages() ?? [];
    expect(message?.to).toBe("+14155550123");
    expect(Number(message?.num_segments)).toBe(1);
    expect(message?.body).toContain("/apps/track?view=");
    expect((await outbox()).find((row) => row.channel === "sms")).toMatchObject({
      status: "sent",
      recipientHint: expect.stringContaining("123"),
    });
  });

  it("sends no text without consent", async () => {
    await installShop();
    await withSms();
    const now = new Date();
    await orderShipped(now);
    await dispatchAt(new Date(now.getTime() + 11 * MINUTE));
    expect(sms?.messages()).toHaveLength(0);
    expect((await outbox()).map((row) => row.channel)).toEqual(["email"]);
  });
});

describe.skipIf(!sharedDirExists())("order confirmation", () => {
  it("is off by default, and sent once when the merchant turns it on", async () => {
    await installShop();
    const now = new Date();
    await webhook("orders/create", orderBody({ updatedAt: iso(now) }));
    expect(await outbox()).toHaveLength(0);
    await prisma.order.deleteMany({ where: { shop: SHOP } });
    await prisma.shopSettings.update({
      where: { shop: SHOP },
      data: {
        notificationRules: JSON.stringify({
          ...DEFAULT_NOTIFICATION_RULES,
          ...NO_QUIET_HOURS,
          milestones: {
            ...DEFAULT_NOTIFICATION_RULES.milestones,
            order_confirmed: { enabled: true, channels: ["email"] },
          },
        }),
      },
    });
    await webhook("orders/create", orderBody({ updatedAt: iso(new Date(now.getTime() + 1000)) }));
    await webhook("orders/updated", orderBody({ updatedAt: iso(new Date(now.getTime() + 2000)) }));
    await dispatchAt(new Date(now.getTime() + MINUTE));
    // An order placed weeks ago (a late webhook) is history: recorded, not sent.
    expect((await outbox()).map((row) => [row.milestone, row.status])).toEqual([
      ["order_confirmed", "suppressed"],
    ]);

    await prisma.order.deleteMany({ where: { shop: SHOP } });
    const placedNow = (body: string) => body.replaceAll("2026-11-01T10:00:00-05:00", iso(now));
    await webhook("orders/create", placedNow(orderBody({ updatedAt: iso(new Date(now.getTime() + 3000)) })));
    await dispatchAt(new Date(now.getTime() + MINUTE));
    const [mail] = (await inbox?.waitFor(1)) ?? [];
    expect(mail?.subject).toContain("#4242");
    expect((await outbox()).filter((row) => row.status === "sent")).toHaveLength(1);
  });
});

function localHour(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}

// The first instant at or after `from` when the clock in `timeZone` reads hour:minute.
function nextLocalTime(timeZone: string, hour: number, minute: number, from: Date): Date {
  const target = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  let at = new Date(Math.ceil(from.getTime() / MINUTE) * MINUTE);
  for (let step = 0; step < 2 * 24 * 60; step += 1) {
    if (localHour(timeZone, at) === target) return at;
    at = new Date(at.getTime() + MINUTE);
  }
  throw new Error("no such local time");
}
