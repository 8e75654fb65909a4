import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { config } from "../../app/config.server";
import prisma from "../../app/db.server";
import { hashCustomerContact } from "../../app/services/customer-identity.server";
import { action as consentAction, loader as consentLoader } from "../../app/routes/api.notification-consent";
import {
  action as orderStatusAction,
  loader as orderStatusLoader,
} from "../../app/routes/api.order-status.$orderId";
import { sessionToken } from "../helpers/session-token";
import { TEST_ENV } from "../setup/test-env";

// The app side of the shopper extensions: session tokens from customer accounts (order status page) and
// checkout (thank-you page), each answered only with the token's own shop's data.
const SHOP_A = "alpha-goods.myshopify.com";
const SHOP_B = "bravo-supply.myshopify.com";
const ORDER_NUMBER = "9007199254740993"; // above 2^53: the exact digits must survive
const ORDER_GID = `gid://shopify/Order/${ORDER_NUMBER}`;
const ORIGIN = "https://extensions.shopifycdn.com";
const CONSENT =
  "By choosing email or text updates, you agree that Alpha Goods sends you shipping updates about this order. " +
  "Message and data rates may apply. Reply STOP to stop texts; you can change this here at any time.";

type Handler = (args: ActionFunctionArgs) => Promise<Response>;

const CUSTOMER_GID = "gid://shopify/Customer/77";
// The parcel's window is still ahead when the test runs: a window that has passed reads as late.
const DAY = 86_400_000;
const WINDOW_START = new Date(Math.floor(Date.now() / DAY) * DAY + 15 * 3_600_000);
const WINDOW_END = new Date(WINDOW_START.getTime() + 2 * DAY + 8 * 3_600_000);

function token(shop: string, apiSecret: string = TEST_ENV.SHOPIFY_API_SECRET, customerGid = CUSTOMER_GID) {
  return sessionToken({ shop, apiKey: TEST_ENV.SHOPIFY_API_KEY, apiSecret, userId: customerGid });
}

async function call(
  handler: Handler,
  {
    path,
    method = "GET",
    bearer,
    body,
    params = {},
  }: { path: string; method?: string; bearer?: string; body?: unknown; params?: Record<string, string> },
): Promise<Response> {
  const headers = new Headers({ Origin: ORIGIN });
  if (bearer) headers.set("Authorization", `Bearer ${bearer}`);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  const request = new Request(`${TEST_ENV.SHOPIFY_APP_URL}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  try {
    return await handler({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function getOrderStatus(shop: string, orderId = ORDER_NUMBER, bearer = token(shop)) {
  return call(orderStatusLoader, { path: `/api/order-status/${orderId}`, bearer, params: { orderId } });
}

function postPreferences(shop: string, body: unknown, orderId = ORDER_NUMBER) {
  return call(orderStatusAction, {
    path: `/api/order-status/${orderId}`,
    method: "POST",
    bearer: token(shop),
    body,
    params: { orderId },
  });
}

function postConsent(shop: string, body: unknown, bearer = token(shop)) {
  return call(consentAction, { path: "/api/notification-consent", method: "POST", bearer, body });
}

// As the order webhooks leave it: the customer's GID kept as a keyed hash; placed an hour ago.
async function createOrder(shop: string, name: string) {
  return prisma.order.create({
    data: {
      shop,
      shopifyId: ORDER_GID,
      name,
      customerIdHash: hashCustomerContact({ shop, value: CUSTOMER_GID, key: config().CUSTOMER_HASH_KEY }),
      orderedAt: new Date(Date.now() - 3_600_000),
      shopifyUpdatedAt: new Date(Date.now() - 3_600_000),
      shipments: {
        create: [
          {
            shop,
            shopifyFulfillmentId: `gid://shopify/Fulfillment/${name.slice(1)}1`,
            trackingNumber: "1Z999AA10123456784",
            trackingCompany: "UPS",
            trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
            status: "out_for_delivery",
            substatus: "out_for_delivery",
            windowStart: WINDOW_START,
            windowEnd: WINDOW_END,
            events: {
              create: [
                {
                  shop,
                  status: "in_transit",
                  substatus: "picked_up",
                  occurredAt: new Date("2026-11-02T18:00:00Z"),
                  source: "carrier",
                  dedupeKey: "e1",
                  rawText: "ORIGIN SCAN",
                },
                {
                  shop,
                  status: "out_for_delivery",
                  substatus: "out_for_delivery",
                  occurredAt: new Date("2026-11-04T12:30:00Z"),
                  utcOffset: -300,
                  city: "San Francisco",
                  region: "CA",
                  country: "US",
                  source: "carrier",
                  dedupeKey: "e2",
                },
              ],
            },
          },
          {
            shop,
            shopifyFulfillmentId: `gid://shopify/Fulfillment/${name.slice(1)}2`,
            trackingNumber: "1234567890",
            trackingCompany: "DHL Express",
            status: "exception",
            substatus: "damaged",
            events: {
              create: [
                {
                  shop,
                  status: "in_transit",
                  occurredAt: new Date("2026-11-02T09:00:00Z"),
                  source: "carrier",
                  dedupeKey: "x1",
                },
                {
                  shop,
                  status: "exception",
                  substatus: "damaged",
                  occurredAt: new Date("2026-11-03T09:00:00Z"),
                  source: "carrier",
                  dedupeKey: "x2",
                },
              ],
            },
          },
        ],
      },
    },
  });
}

beforeEach(async () => {
  await prisma.shop.deleteMany({});
  await prisma.shop.create({ data: { domain: SHOP_A, name: "Alpha Goods" } });
  await prisma.shop.create({ data: { domain: SHOP_B, name: "Bravo Supply" } });
  await createOrder(SHOP_A, "#1001");
  await createOrder(SHOP_B, "#2002");
});

describe("order status timeline (customer account session token)", () => {
  it("answers a signed token with its own shop's order: shipments, steps, window, scans", async () => {
    const response = await getOrderStatus(SHOP_A);
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const view = await response.json();
    // Shipped in full: nothing left to promise a ship day for.
    expect(view.order).toEqual({ name: "#1001", shipBy: null });
    expect(view.preferences).toBeNull();
    expect(view.shipments).toHaveLength(2);
    const [ups, dhl] = view.shipments;
    expect(ups).toMatchObject({
      status: "out_for_delivery",
      substatus: "out_for_delivery",
      step: 3,
      problem: null,
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456784",
      trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      window: { start: WINDOW_START.toISOString(), end: WINDOW_END.toISOString() },
    });
    expect(ups.events).toEqual([
      {
        status: "out_for_delivery",
        substatus: "out_for_delivery",
        occurredAt: "2026-11-04T12:30:00.000Z",
        utcOffsetMinutes: -300,
        place: "San Francisco, CA, US",
      },
      {
        status: "in_transit",
        substatus: "picked_up",
        occurredAt: "2026-11-02T18:00:00.000Z",
        utcOffsetMinutes: null,
        place: null,
      },
    ]);
    // An exception is shown as what it is, on the step the parcel had reached (shipped).
    expect(dhl).toMatchObject({ status: "exception", substatus: "damaged", step: 2, problem: "exception" });
    expect(JSON.stringify(view)).not.toContain("ORIGIN SCAN");
  });

  it("shows a parcel past its promise as running late: no passed window, the revised one while it is ahead", async () => {
    const ups = await prisma.shipment.findFirstOrThrow({
      where: { shop: SHOP_A, trackingNumber: "1Z999AA10123456784" },
    });
    const promisedBy = new Date(Date.now() - 2 * DAY);
    await prisma.deliveryEstimate.create({
      data: {
        shop: SHOP_A,
        shipmentId: ups.id,
        earliestAt: new Date(promisedBy.getTime() - 2 * DAY),
        latestAt: promisedBy,
        basis: "lane",
        isOriginal: true,
      },
    });
    await prisma.shipment.update({
      where: { id: ups.id },
      data: { status: "in_transit", substatus: "departed", windowEnd: promisedBy },
    });
    const passed = (await (await getOrderStatus(SHOP_A)).json()).shipments[0];
    expect(passed).toMatchObject({ problem: "delayed", window: null, carrierEstimatedAt: null });

    await prisma.shipment.update({ where: { id: ups.id }, data: { windowEnd: WINDOW_END } });
    const revised = (await (await getOrderStatus(SHOP_A)).json()).shipments[0];
    expect(revised).toMatchObject({
      problem: "delayed",
      window: { start: WINDOW_START.toISOString(), end: WINDOW_END.toISOString() },
    });
  });

  it("tells the customer by when an order not shipped yet ships, from the shop's delivery promises", async () => {
    await prisma.shipment.deleteMany({ where: { shop: SHOP_A } });
    // Monday 2 June 2025, 13:00 in New York.
    await prisma.order.updateMany({
      where: { shop: SHOP_A },
      data: { orderedAt: new Date("2025-06-02T17:00:00Z"), fulfillmentStatus: "unfulfilled" },
    });
    await prisma.shop.update({ where: { domain: SHOP_A }, data: { timezone: "America/New_York" } });
    const shipBy = async () => (await (await getOrderStatus(SHOP_A)).json()).order.shipBy;

    // Never saved: the defaults (one processing day, 14:00 cut-off, Monday to Friday) make it Tuesday.
    expect(await shipBy()).toEqual({ day: "2025-06-03", overdue: true, part: "order" });

    // A 12:00 cut-off and two processing days: counts from Tuesday, ships by Thursday.
    await prisma.shopSettings.create({
      data: { shop: SHOP_A, processingDays: 2, orderCutoffLocalTime: "12:00" },
    });
    expect(await shipBy()).toEqual({ day: "2025-06-05", overdue: true, part: "order" });

    await prisma.order.updateMany({ where: { shop: SHOP_A }, data: { cancelledAt: new Date() } });
    expect(await shipBy()).toBeNull();
  });

  it("accepts the order's GID as well as its number", async () => {
    // Remix hands the route its path parameter decoded.
    const response = await call(orderStatusLoader, {
      path: `/api/order-status/${encodeURIComponent(ORDER_GID)}`,
      bearer: token(SHOP_A),
      params: { orderId: ORDER_GID },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).order.name).toBe("#1001");
  });

  it("never answers with another shop's order", async () => {
    const bravo = await (await getOrderStatus(SHOP_B)).json();
    expect(bravo.order.name).toBe("#2002");
    const stranger = await getOrderStatus("charlie-shop.myshopify.com");
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(await stranger.json())).not.toContain("#1001");
  });

  it("answers 401, with CORS headers, to a forged or missing token", async () => {
    const forged = await getOrderStatus(SHOP_A, ORDER_NUMBER, token(SHOP_A, "not-the-app-secret"));
    expect(forged.status).toBe(401);
    expect(forged.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const missing = await call(orderStatusLoader, {
      path: `/api/order-status/${ORDER_NUMBER}`,
      params: { orderId: ORDER_NUMBER },
    });
    expect(missing.status).toBe(401);
    const consent = await postConsent(SHOP_A, { orderId: ORDER_GID }, token(SHOP_A, "not-the-app-secret"));
    expect(consent.status).toBe(401);
    expect(await prisma.notificationPreference.count()).toBe(0);
  });

  it("answers the CORS preflight", async () => {
    const response = await call(orderStatusLoader, {
      path: `/api/order-status/${ORDER_NUMBER}`,
      method: "OPTIONS",
      params: { orderId: ORDER_NUMBER },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
    const consent = await call(consentLoader, { path: "/api/notification-consent", method: "OPTIONS" });
    expect(consent.status).toBe(204);
  });

  it("refuses an order id that is not one", async () => {
    const response = await getOrderStatus(SHOP_A, "1001; DROP TABLE");
    expect(response.status).toBe(400);
  });
});

describe("notification preferences (order status page)", () => {
  it("round-trips: saved with the phone in E.164, shown back masked", async () => {
    const before = Date.now();
    const saved = await postPreferences(SHOP_A, {
      email: true,
      sms: true,
      phone: "+44 7700 900123",
      consentText: CONSENT,
      locale: "fr",
    });
    expect(saved.status).toBe(200);
    expect((await saved.json()).preferences).toMatchObject({
      email: true,
      sms: true,
      phone: "•••• 0123",
      source: "order_status",
    });

    const view = await (await getOrderStatus(SHOP_A)).json();
    expect(view.preferences).toMatchObject({ email: true, sms: true, phone: "•••• 0123" });
    expect(JSON.stringify(view)).not.toContain("7700900123");

    const row = await prisma.notificationPreference.findFirstOrThrow({ where: { shop: SHOP_A } });
    expect(row).toMatchObject({
      emailOptIn: true,
      smsOptIn: true,
      phone: "+447700900123",
      consentText: CONSENT,
      source: "order_status",
      locale: "fr",
    });
    expect(row.consentAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.consentAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // Only the token's shop was written.
    expect(await prisma.notificationPreference.count({ where: { shop: SHOP_B } })).toBe(0);
  });

  it("keeps the number on file when SMS stays on, and drops it when SMS is turned off", async () => {
    await postPreferences(SHOP_A, {
      email: false,
      sms: true,
      phone: "+1 415 555 0134",
      consentText: CONSENT,
    });
    const kept = await postPreferences(SHOP_A, { email: true, sms: true, phone: "", consentText: CONSENT });
    expect((await kept.json()).preferences.phone).toBe("•••• 0134");
    const off = await postPreferences(SHOP_A, { email: true, sms: false, consentText: CONSENT });
    expect((await off.json()).preferences).toMatchObject({ email: true, sms: false, phone: null });
    const row = await prisma.notificationPreference.findFirstOrThrow({ where: { shop: SHOP_A } });
    expect(row.phone).toBeNull();
    expect(await prisma.notificationPreference.count()).toBe(1);
  });

  it("answers 400 with a clear error for an invalid phone number and writes nothing", async () => {
    const response = await postPreferences(SHOP_A, {
      email: false,
      sms: true,
      phone: "415 555 0134",
      consentText: CONSENT,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await response.json()).toEqual({
      error: "Enter the mobile number with its country code, for example +1 415 555 0134.",
      field: "phone",
    });
    const missing = await postPreferences(SHOP_A, { email: false, sms: true, consentText: CONSENT });
    expect(missing.status).toBe(400);
    expect((await missing.json()).field).toBe("phone");
    expect(await prisma.notificationPreference.count()).toBe(0);
  });

  it("answers 400 to a body without the consent wording or that is not JSON", async () => {
    const noConsent = await postPreferences(SHOP_A, { email: true, sms: false, consentText: " " });
    expect(noConsent.status).toBe(400);
    expect((await noConsent.json()).field).toBe("consentText");
    const notJson = await postPreferences(SHOP_A, "{oops");
    expect(notJson.status).toBe(400);
  });

  it("answers 404 for an order of another shop", async () => {
    await prisma.order.deleteMany({ where: { shop: SHOP_B } });
    const response = await postPreferences(SHOP_B, { email: true, sms: false, consentText: CONSENT });
    expect(response.status).toBe(404);
    expect(await prisma.notificationPreference.count()).toBe(0);
  });
});

describe("whose order it is", () => {
  it("shows and changes an order only for its own customer", async () => {
    const stranger = token(SHOP_A, TEST_ENV.SHOPIFY_API_SECRET, "gid://shopify/Customer/78");
    expect((await getOrderStatus(SHOP_A, ORDER_NUMBER, stranger)).status).toBe(404);
    const change = await call(orderStatusAction, {
      path: `/api/order-status/${ORDER_NUMBER}`,
      method: "POST",
      bearer: stranger,
      body: { email: false, sms: true, phone: "+1 415 555 0199", consentText: CONSENT },
      params: { orderId: ORDER_NUMBER },
    });
    expect(change.status).toBe(404);
    expect(await prisma.notificationPreference.count()).toBe(0);
  });

  it("shows nothing for an order whose customer is unknown (backfilled or redacted)", async () => {
    await prisma.order.updateMany({ where: { shop: SHOP_A }, data: { customerIdHash: null } });
    expect((await getOrderStatus(SHOP_A)).status).toBe(404);
  });

  it("lets the thank-you page make the first choice only, and only for a recent order", async () => {
    const choice = {
      orderId: ORDER_GID,
      email: false,
      sms: true,
      phone: "+1 415 555 0134",
      consentText: CONSENT,
    };
    expect((await postPreferences(SHOP_A, choice)).status).toBe(200);
    // Made on the order status page by the customer: checkout cannot redirect the texts afterwards.
    expect((await postConsent(SHOP_A, { ...choice, phone: "+1 415 555 0199" })).status).toBe(404);
    await prisma.notificationPreference.deleteMany({});
    await prisma.order.updateMany({ where: { shop: SHOP_A }, data: { orderedAt: new Date("2026-01-01") } });
    expect((await postConsent(SHOP_A, choice)).status).toBe(404);
    expect(await prisma.notificationPreference.count()).toBe(0);
  });
});

describe("thank-you opt-in (checkout session token)", () => {
  it("stores the consent with the server's time and the exact wording", async () => {
    const before = Date.now();
    const response = await postConsent(SHOP_A, {
      orderId: ORDER_GID,
      email: true,
      sms: true,
      phone: "+1 (415) 555-0134",
      consentText: CONSENT,
      locale: "en",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const row = await prisma.notificationPreference.findFirstOrThrow({
      where: { shop: SHOP_A },
      include: { order: { select: { name: true } } },
    });
    expect(row).toMatchObject({
      emailOptIn: true,
      smsOptIn: true,
      phone: "+14155550134",
      consentText: CONSENT,
      source: "thank_you",
      locale: "en",
      order: { name: "#1001" },
    });
    expect(row.consentAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.consentAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("keeps the consent for an order Shopify has not sent yet, on a placeholder the order fills", async () => {
    const response = await postConsent(SHOP_A, {
      orderId: "gid://shopify/OrderIdentity/555000111",
      email: true,
      sms: false,
      consentText: CONSENT,
    });
    expect(response.status).toBe(200);
    const order = await prisma.order.findUniqueOrThrow({
      where: { shop_shopifyId: { shop: SHOP_A, shopifyId: "gid://shopify/Order/555000111" } },
      include: { notificationPreferences: true },
    });
    expect(order.shopifyUpdatedAt).toBeNull();
    expect(order.notificationPreferences).toHaveLength(1);
  });

  it("creates nothing for a shop that has not installed the app", async () => {
    const response = await postConsent("charlie-shop.myshopify.com", {
      orderId: ORDER_GID,
      email: true,
      sms: false,
      consentText: CONSENT,
    });
    expect(response.status).toBe(404);
    expect(await prisma.order.count({ where: { shop: "charlie-shop.myshopify.com" } })).toBe(0);
  });

  it("answers 400 with a clear error for an invalid phone and stores nothing", async () => {
    const response = await postConsent(SHOP_A, {
      orderId: "gid://shopify/Order/555000222",
      email: false,
      sms: true,
      phone: "12345",
      consentText: CONSENT,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "Enter the mobile number with its country code, for example +1 415 555 0134.",
      field: "phone",
    });
    expect(await prisma.notificationPreference.count()).toBe(0);
    // The placeholder order went with the failed transaction.
    expect(await prisma.order.count({ where: { shopifyId: "gid://shopify/Order/555000222" } })).toBe(0);
  });
});
