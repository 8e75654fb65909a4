import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { applyQueuedWebhooks } from "../../app/models/webhook-inbox.server";
import { action as appUninstalled } from "../../app/routes/webhooks.app.uninstalled";
import { action as customersDataRequest } from "../../app/routes/webhooks.customers.data_request";
import { action as customersRedact } from "../../app/routes/webhooks.customers.redact";
import { action as shopRedact } from "../../app/routes/webhooks.shop.redact";
import { demoShopperEmail, seedShop } from "../../prisma/seed/demo-shop";
import { SHOP_A, SHOP_B, seedOptions, testDatabase } from "../helpers/seeded-shops";
import { signedWebhookRequest, statusOf } from "../helpers/signed-webhook";

type Action = (args: ActionFunctionArgs) => Promise<Response>;
// The route answers once the delivery is stored; the worker then applies it (here, at once).
async function call(action: Action, request: Request) {
  const status = await statusOf(() => action({ request, params: {}, context: {} }));
  await applyQueuedWebhooks();
  return status;
}

async function rowCounts(shop: string) {
  const [shops, orders, shipments, events, supportRequests, sessions] = await Promise.all([
    prisma.shop.count({ where: { domain: shop } }),
    prisma.order.count({ where: { shop } }),
    prisma.shipment.count({ where: { shop } }),
    prisma.trackingEvent.count({ where: { shop } }),
    prisma.supportRequest.count({ where: { shop } }),
    prisma.session.count({ where: { shop } }),
  ]);
  return { shops, orders, shipments, events, supportRequests, sessions };
}

async function addPreference(shop: string, orderName: string, phone: string | null) {
  const order = await prisma.order.findFirstOrThrow({ where: { shop, name: orderName } });
  return prisma.notificationPreference.create({
    data: {
      shop,
      orderId: order.id,
      emailOptIn: true,
      smsOptIn: phone !== null,
      phone,
      consentText: "By choosing email or text updates, you agree…",
      consentAt: new Date("2026-11-02T10:00:00Z"),
      source: "thank_you",
      locale: "en",
    },
  });
}

beforeEach(async () => {
  await prisma.shop.deleteMany({});
  await prisma.session.deleteMany({});
  await prisma.webhookDelivery.deleteMany({});
  await seedShop(testDatabase(), seedOptions(SHOP_A, 30, 3));
  await seedShop(testDatabase(), seedOptions(SHOP_B, 20, 4));
  for (const shop of [SHOP_A, SHOP_B]) {
    await prisma.session.create({
      data: { id: `offline_${shop}`, shop, state: "x", accessToken: "shpat_test", isOnline: false },
    });
  }
});

describe("signatures", () => {
  it("answers 401 to a forged webhook and writes nothing", async () => {
    const before = await rowCounts(SHOP_A);
    const forged = signedWebhookRequest({
      topic: "shop/redact",
      shop: SHOP_A,
      body: JSON.stringify({ shop_domain: SHOP_A }),
      secret: "not-the-app-secret",
    });
    expect(await call(shopRedact, forged)).toBe(401);
    expect(await rowCounts(SHOP_A)).toEqual(before);
    expect(await prisma.webhookDelivery.count()).toBe(0);
  });
});

describe("app/uninstalled", () => {
  it("marks the shop inactive and removes its sessions, keeping its data until shop/redact", async () => {
    const request = signedWebhookRequest({
      topic: "app/uninstalled",
      shop: SHOP_A,
      body: JSON.stringify({ id: 1 }),
    });
    expect(await call(appUninstalled, request)).toBe(200);
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP_A } });
    expect(shop.status).toBe("uninstalled");
    const counts = await rowCounts(SHOP_A);
    expect(counts.sessions).toBe(0);
    expect(counts.orders).toBeGreaterThan(0);
    expect((await rowCounts(SHOP_B)).sessions).toBe(1);
  });
});

describe("shop/redact", () => {
  it("deletes every row of the shop and nothing of another shop", async () => {
    await addPreference(SHOP_A, "#1005", "+14155550134");
    await addPreference(SHOP_B, "#1005", "+14155550134");
    const other = await rowCounts(SHOP_B);
    const request = signedWebhookRequest({
      topic: "shop/redact",
      shop: SHOP_A,
      body: JSON.stringify({ shop_id: 1, shop_domain: SHOP_A }),
    });
    expect(await call(shopRedact, request)).toBe(200);
    expect(await rowCounts(SHOP_A)).toEqual({
      shops: 0,
      orders: 0,
      shipments: 0,
      events: 0,
      supportRequests: 0,
      sessions: 0,
    });
    expect(await prisma.notificationPreference.count({ where: { shop: SHOP_A } })).toBe(0);
    expect(await rowCounts(SHOP_B)).toEqual(other);
    expect(await prisma.notificationPreference.count({ where: { shop: SHOP_B } })).toBe(1);
  });
});

describe("customers/redact", () => {
  it("removes what ties the customer to orders and help requests, once, even when Shopify retries", async () => {
    const order = await prisma.order.findFirstOrThrow({ where: { shop: SHOP_A, name: "#1005" } });
    const otherOrder = await prisma.order.findFirstOrThrow({ where: { shop: SHOP_A, name: "#1006" } });
    await prisma.supportRequest.create({
      data: {
        shop: SHOP_A,
        orderId: order.id,
        reason: "late",
        message: "Where is it?",
        contactEmail: "x@example.com",
        internalNotes: "2026-11-20 Sam: shopper says the new address is 12 Elm St",
      },
    });
    await prisma.shipment.updateMany({
      where: { orderId: order.id },
      data: { internalNotes: "Shopper called from +1 415 555 0134" },
    });
    const preference = await addPreference(SHOP_A, "#1005", "+14155550134");
    const otherPreference = await addPreference(SHOP_A, "#1006", "+14155550199");
    const body = `{"shop_id":1,"shop_domain":"${SHOP_A}","customer":{"id":9007199254740993,"email":"${demoShopperEmail(1005)}","phone":null},"orders_to_redact":[]}`;
    const request = () =>
      signedWebhookRequest({ topic: "customers/redact", shop: SHOP_A, body, webhookId: "w-1" });
    expect(await call(customersRedact, request())).toBe(200);
    expect(await call(customersRedact, request())).toBe(200);

    const redacted = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(redacted.customerEmailHash).toBeNull();
    const help = await prisma.supportRequest.findFirstOrThrow({
      where: { orderId: order.id, reason: "late", message: { not: "" } },
    });
    expect(help.contactEmail).toBeNull();
    expect(help.message).toBe("[redacted]");
    expect(help.internalNotes).toBe("");
    const notes = await prisma.shipment.findMany({
      where: { orderId: order.id },
      select: { internalNotes: true },
    });
    expect(notes.every((shipment) => shipment.internalNotes === "")).toBe(true);
    expect(
      (await prisma.order.findUniqueOrThrow({ where: { id: otherOrder.id } })).customerEmailHash,
    ).not.toBeNull();
    expect(await prisma.webhookDelivery.count({ where: { webhookId: "w-1" } })).toBe(1);
    // The shopper's notification choice (phone number, consent) goes entirely; another customer's stays.
    expect(await prisma.notificationPreference.findUnique({ where: { id: preference.id } })).toBeNull();
    expect(
      await prisma.notificationPreference.findUnique({ where: { id: otherPreference.id } }),
    ).not.toBeNull();
  });

  it("removes the notification choices that carry the customer's phone number", async () => {
    await addPreference(SHOP_A, "#1008", "+14155550134");
    await addPreference(SHOP_A, "#1009", "+14155550134");
    const otherShop = await addPreference(SHOP_B, "#1009", "+14155550134");
    const body = `{"shop_id":1,"shop_domain":"${SHOP_A}","customer":{"id":1,"email":null,"phone":"+1 415-555-0134"},"orders_to_redact":[]}`;
    expect(
      await call(customersRedact, signedWebhookRequest({ topic: "customers/redact", shop: SHOP_A, body })),
    ).toBe(200);
    const left = await prisma.notificationPreference.findMany({ select: { id: true } });
    expect(left.map((row) => row.id)).toEqual([otherShop.id]);
  });

  it("finds orders by their exact ID even above 2^53", async () => {
    const bigId = "9007199254740993";
    await prisma.order.updateMany({
      where: { shop: SHOP_A, name: "#1007" },
      data: { shopifyId: `gid://shopify/Order/${bigId}` },
    });
    const body = `{"shop_id":1,"shop_domain":"${SHOP_A}","customer":{"id":1,"email":null,"phone":null},"orders_to_redact":[${bigId}]}`;
    expect(
      await call(customersRedact, signedWebhookRequest({ topic: "customers/redact", shop: SHOP_A, body })),
    ).toBe(200);
    const order = await prisma.order.findFirstOrThrow({ where: { shop: SHOP_A, name: "#1007" } });
    expect(order.customerEmailHash).toBeNull();
  });
});

describe("customers/data_request", () => {
  it("stores an export of the customer's orders for the merchant to hand over", async () => {
    await addPreference(SHOP_A, "#1003", "+14155550134");
    const body = `{"shop_id":1,"shop_domain":"${SHOP_A}","customer":{"id":1,"email":"${demoShopperEmail(1003)}","phone":null},"orders_requested":[],"data_request":{"id":9999}}`;
    expect(
      await call(
        customersDataRequest,
        signedWebhookRequest({ topic: "customers/data_request", shop: SHOP_A, body }),
      ),
    ).toBe(200);
    const job = await prisma.job.findFirstOrThrow({ where: { shop: SHOP_A, type: "customer_data_export" } });
    const exported = JSON.parse(job.payload) as {
      orders: Array<{ name: string; notificationPreferences: unknown[] }>;
    };
    expect(exported.orders.map((o) => o.name)).toEqual(["#1003"]);
    expect(exported.orders[0]?.notificationPreferences).toEqual([
      {
        emailOptIn: true,
        smsOptIn: true,
        phone: "+14155550134",
        consentText: "By choosing email or text updates, you agree…",
        consentAt: "2026-11-02T10:00:00.000Z",
        source: "thank_you",
        locale: "en",
      },
    ]);
  });
});
