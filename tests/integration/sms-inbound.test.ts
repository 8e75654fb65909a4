import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { isOptedOut } from "../../app/models/messaging-opt-outs.server";
import { saveSmsProvider } from "../../app/models/messaging-providers.server";
import { action, loader } from "../../app/routes/sms.inbound";
import { signTwilioWebhook, startSmsStandin, type SmsStandin } from "../../sms-standin";
import { TEST_ENV } from "../setup/test-env";

// Shoppers' replies to shipping texts, as Twilio posts them to /sms/inbound?shop=…: through the route's action,
// reached through a proxy (the app sees an internal URL; Twilio signed the public one).
const SHOP_A = "alpha-goods.myshopify.com";
const SHOP_B = "bravo-supply.myshopify.com";
const SHOP_NUMBER = "+14155550100";
const SHOPPER = "+447700900123";
const OTHER_SHOPPER = "+447700900999";
const ACCOUNT = {
  accountSid: `AC${"4f".repeat(16)}`,
  authToken: "inbound-test-auth-token-0123456789",
  friendlyName: "Alpha Goods texts",
};
const INTERNAL_ORIGIN = "http://10.0.3.7:3000";
const publicUrl = (shop: string) => `${TEST_ENV.SHOPIFY_APP_URL}/sms/inbound?shop=${shop}`;

// What the load balancer does: same path and query, the app's internal address.
function throughProxy(url: string) {
  const received = new URL(url);
  return `${INTERNAL_ORIGIN}${received.pathname}${received.search}`;
}

async function callAction(request: Request): Promise<Response> {
  try {
    return await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

let standin: SmsStandin;

beforeAll(async () => {
  standin = await startSmsStandin({
    accounts: [ACCOUNT],
    inboundWebhookUrl: publicUrl(SHOP_A),
    webhookFetch: async (input, init) => callAction(new Request(throughProxy(String(input)), init)),
  });
});
afterAll(() => standin.close());

// A hand-made delivery, for what Twilio itself would never send.
function post(
  form: Record<string, string>,
  { shop = SHOP_A, signature }: { shop?: string; signature?: string | null } = {},
) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  const signed =
    signature === undefined ? signTwilioWebhook(ACCOUNT.authToken, publicUrl(shop), form) : signature;
  if (signed !== null) headers.set("X-Twilio-Signature", signed);
  return callAction(
    new Request(throughProxy(publicUrl(shop)), { method: "POST", headers, body: new URLSearchParams(form) }),
  );
}

const inboundForm = (body: string, from = SHOPPER) => ({
  AccountSid: ACCOUNT.accountSid,
  ApiVersion: "2010-04-01",
  Body: body,
  From: from,
  MessageSid: `SM${"0".repeat(32)}`,
  NumMedia: "0",
  To: SHOP_NUMBER,
});

const texted = (body: string, from = SHOPPER) => standin.simulateInbound({ from, to: SHOP_NUMBER, body });

async function createOrder(shop: string, name: string, preference: { phone: string; email: boolean }) {
  return prisma.order.create({
    data: {
      shop,
      shopifyId: `gid://shopify/Order/${name.slice(1)}`,
      name,
      orderedAt: new Date(Date.now() - 86_400_000),
      notificationPreferences: {
        create: {
          shop,
          emailOptIn: preference.email,
          smsOptIn: true,
          phone: preference.phone,
          consentText: "Text me shipping updates. Reply STOP to stop.",
          consentAt: new Date(Date.now() - 86_400_000),
          source: "thank_you",
        },
      },
    },
  });
}

let orders: Record<"a1" | "a2" | "a3" | "b1", string>;

async function notification(
  shop: string,
  orderId: string,
  channel: "sms" | "email",
  status: string,
  milestone: string,
) {
  const row = await prisma.notification.create({
    data: { shop, orderId, channel, status, milestone, idempotencyKey: `${orderId}:${milestone}:${channel}` },
  });
  return row.id;
}

let notifications: Record<"a1Sms" | "a1Email" | "a2SmsSent" | "a2SmsRetrying" | "a3Sms" | "b1Sms", string>;

beforeEach(async () => {
  await prisma.shop.deleteMany({});
  await prisma.shop.create({ data: { domain: SHOP_A, name: "Alpha Goods" } });
  await prisma.shop.create({ data: { domain: SHOP_B, name: "Bravo Supply" } });
  await saveSmsProvider({
    shop: SHOP_A,
    input: {
      baseUrl: standin.url,
      accountSid: ACCOUNT.accountSid,
      authToken: ACCOUNT.authToken,
      fromNumber: SHOP_NUMBER,
    },
  });
  const a1 = await createOrder(SHOP_A, "#1001", { phone: SHOPPER, email: true });
  const a2 = await createOrder(SHOP_A, "#1002", { phone: SHOPPER, email: false });
  const a3 = await createOrder(SHOP_A, "#1003", { phone: OTHER_SHOPPER, email: false });
  const b1 = await createOrder(SHOP_B, "#2001", { phone: SHOPPER, email: false });
  orders = { a1: a1.id, a2: a2.id, a3: a3.id, b1: b1.id };
  notifications = {
    a1Sms: await notification(SHOP_A, a1.id, "sms", "queued", "out_for_delivery"),
    a1Email: await notification(SHOP_A, a1.id, "email", "queued", "out_for_delivery"),
    a2SmsSent: await notification(SHOP_A, a2.id, "sms", "sent", "shipped"),
    a2SmsRetrying: await notification(SHOP_A, a2.id, "sms", "failed", "out_for_delivery"),
    a3Sms: await notification(SHOP_A, a3.id, "sms", "queued", "shipped"),
    b1Sms: await notification(SHOP_B, b1.id, "sms", "queued", "shipped"),
  };
});

async function preferenceOf(orderId: string) {
  return prisma.notificationPreference.findFirstOrThrow({
    where: { orderId },
    select: { smsOptIn: true, phone: true, emailOptIn: true },
  });
}

async function statusOf(id: string) {
  return prisma.notification.findUniqueOrThrow({
    where: { id },
    select: { status: true, suppressedReason: true },
  });
}

async function expectNothingChanged() {
  expect(await preferenceOf(orders.a1)).toEqual({ smsOptIn: true, phone: SHOPPER, emailOptIn: true });
  expect(await preferenceOf(orders.a2)).toEqual({ smsOptIn: true, phone: SHOPPER, emailOptIn: false });
  expect(await statusOf(notifications.a1Sms)).toEqual({ status: "queued", suppressedReason: null });
  expect(await prisma.messagingOptOut.count()).toBe(0);
}

describe("STOP", () => {
  it("turns texts off for every order of this shop with that number and suppresses the unsent ones", async () => {
    const reply = await texted("STOP");
    expect(reply).toContain("<Message>You&#39;re unsubscribed from Alpha Goods shipping texts");

    expect(await preferenceOf(orders.a1)).toEqual({ smsOptIn: false, phone: null, emailOptIn: true });
    expect(await preferenceOf(orders.a2)).toEqual({ smsOptIn: false, phone: null, emailOptIn: false });
    const suppressed = { status: "suppressed", suppressedReason: "shopper replied STOP" };
    expect(await statusOf(notifications.a1Sms)).toEqual(suppressed);
    expect(await statusOf(notifications.a2SmsRetrying)).toEqual(suppressed);
    // Email still goes out; what was sent stays sent.
    expect(await statusOf(notifications.a1Email)).toEqual({ status: "queued", suppressedReason: null });
    expect(await statusOf(notifications.a2SmsSent)).toEqual({ status: "sent", suppressedReason: null });
    // Another shopper, and the same shopper at another shop, are untouched.
    expect(await preferenceOf(orders.a3)).toEqual({
      smsOptIn: true,
      phone: OTHER_SHOPPER,
      emailOptIn: false,
    });
    expect(await statusOf(notifications.a3Sms)).toEqual({ status: "queued", suppressedReason: null });
    expect(await preferenceOf(orders.b1)).toMatchObject({ smsOptIn: true, phone: SHOPPER });
    expect(await statusOf(notifications.b1Sms)).toEqual({ status: "queued", suppressedReason: null });

    expect(await isOptedOut({ shop: SHOP_A, channel: "sms", address: SHOPPER })).toBe(true);
    expect(await isOptedOut({ shop: SHOP_B, channel: "sms", address: SHOPPER })).toBe(false);
    // Only a keyed hash of the number is kept.
    const optOuts = await prisma.messagingOptOut.findMany();
    expect(optOuts).toHaveLength(1);
    expect(optOuts[0]).toMatchObject({ shop: SHOP_A, channel: "sms", source: "sms_stop" });
    expect(JSON.stringify(optOuts)).not.toContain("7700900123");
  });

  it.each(["stop", "  Stop\n", "STOPALL", "unsubscribe", "Cancel", "END", "quit", "OptOut", "revoke"])(
    "is recognised as %j",
    async (body) => {
      await texted(body);
      expect(await isOptedOut({ shop: SHOP_A, channel: "sms", address: SHOPPER })).toBe(true);
      expect(await preferenceOf(orders.a1)).toMatchObject({ smsOptIn: false, phone: null });
    },
  );

  it("twice is harmless", async () => {
    await texted("STOP");
    await texted("stop");
    expect(await prisma.messagingOptOut.count()).toBe(1);
  });

  it("answers TwiML as text/xml", async () => {
    const response = await post(inboundForm("STOP"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/xml/);
    expect(await response.text()).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><Response><Message>/);
  });
});

describe("START", () => {
  it("lifts the block but leaves each order's texts off until the shopper turns them on again", async () => {
    await texted("STOP");
    const reply = await texted("start");
    expect(reply).toContain("Alpha Goods can text you again");
    expect(await isOptedOut({ shop: SHOP_A, channel: "sms", address: SHOPPER })).toBe(false);
    expect(await preferenceOf(orders.a1)).toEqual({ smsOptIn: false, phone: null, emailOptIn: true });
    expect(await statusOf(notifications.a1Sms)).toMatchObject({ status: "suppressed" });
  });

  it.each(["UNSTOP", "yes"])("is also %j", async (body) => {
    await texted("STOP");
    await texted(body);
    expect(await isOptedOut({ shop: SHOP_A, channel: "sms", address: SHOPPER })).toBe(false);
  });
});

describe("HELP", () => {
  it.each(["HELP", " info "])("%j gets the shop's help text and changes nothing", async (body) => {
    const reply = await texted(body);
    expect(reply).toContain("<Message>Alpha Goods shipping updates");
    expect(reply).toContain("Reply STOP to unsubscribe.");
    await expectNothingChanged();
  });
});

describe("other texts", () => {
  it.each(["Please stop by tomorrow", "Where is my parcel?", ""])("%j get an empty reply", async (body) => {
    expect(await texted(body)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    await expectNothingChanged();
  });
});

describe("who may call it", () => {
  it("refuses a forged, missing or replayed-with-changes signature with 403 and changes nothing", async () => {
    const forged = await post(inboundForm("STOP"), { signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=" });
    expect(forged.status).toBe(403);
    const wrongToken = await post(inboundForm("STOP"), {
      signature: signTwilioWebhook("someone-elses-token", publicUrl(SHOP_A), inboundForm("STOP")),
    });
    expect(wrongToken.status).toBe(403);
    expect((await post(inboundForm("STOP"), { signature: null })).status).toBe(403);
    // A genuine HELP delivery with its body changed to STOP.
    const helpSignature = signTwilioWebhook(ACCOUNT.authToken, publicUrl(SHOP_A), inboundForm("HELP"));
    expect((await post(inboundForm("STOP"), { signature: helpSignature })).status).toBe(403);
    await expectNothingChanged();
  });

  it("checks the signature against the public URL, not the internal one the proxy forwards to", async () => {
    const signedInternally = signTwilioWebhook(
      ACCOUNT.authToken,
      throughProxy(publicUrl(SHOP_A)),
      inboundForm("STOP"),
    );
    expect((await post(inboundForm("STOP"), { signature: signedInternally })).status).toBe(403);
    expect((await post(inboundForm("STOP"))).status).toBe(200);
  });

  it("answers 404 for an unknown shop or a shop without an SMS provider", async () => {
    expect((await post(inboundForm("STOP"), { shop: "charlie-shop.myshopify.com" })).status).toBe(404);
    expect((await post(inboundForm("STOP"), { shop: SHOP_B })).status).toBe(404);
    expect((await post(inboundForm("STOP"), { shop: "not a shop" })).status).toBe(404);
    await expectNothingChanged();
  });

  it("only accepts POST", async () => {
    const response = loader();
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
  });
});
