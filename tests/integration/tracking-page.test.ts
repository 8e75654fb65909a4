import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// Small limits, so the rate-limit cases run in a few requests; set before the app's config is first read.
vi.hoisted(() => {
  process.env.TRACKING_LOOKUPS_PER_IP_PER_MINUTE = "20";
  process.env.TRACKING_LOOKUPS_PER_SHOP_PER_MINUTE = "60";
});

import prisma from "../../app/db.server";
import { action as helpAction } from "../../app/routes/proxy.help";
import { action as lookupAction, loader as lookupLoader } from "../../app/routes/proxy";
import { hashCustomerContact, normalizePhone } from "../../app/services/customer-identity.server";
import { resetTrackingRateLimits } from "../../app/services/tracking-page/proxy-handler.server";
import { demoShopperEmail, seedShop } from "../../prisma/seed/demo-shop";
import { signedAppProxyQuery } from "../../shopify-standin";
import { SHOP_A, SHOP_B, seedOptions, testDatabase } from "../helpers/seeded-shops";
import { TEST_ENV } from "../setup/test-env";
import { buildShopRows } from "../../prisma/seed/demo-shop";

const options = seedOptions(SHOP_A, 80, 11);
const rows = buildShopRows(options);

type Call = {
  path?: "" | "/help";
  method?: "GET" | "POST";
  form?: Record<string, string>;
  shop?: string;
  secret?: string;
  timestamp?: number;
  ip?: string;
};

function proxyRequest({
  path = "",
  method = "POST",
  form = {},
  shop = SHOP_A,
  secret = TEST_ENV.SHOPIFY_API_SECRET,
  timestamp,
  ip = "203.0.113.7",
}: Call): Request {
  const query = signedAppProxyQuery({ shop, pathPrefix: "/apps/track", apiSecret: secret, timestamp });
  return new Request(`${TEST_ENV.SHOPIFY_APP_URL}/proxy${path}?${query}`, {
    method,
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `${ip}, 23.227.38.1` },
    body: method === "POST" ? new URLSearchParams({ fragment: "1", ...form }) : undefined,
  });
}

async function call(request: Request): Promise<Response> {
  const args = { request, params: {}, context: {} };
  if (request.method === "GET") return lookupLoader(args);
  return new URL(request.url).pathname.endsWith("/help") ? helpAction(args) : lookupAction(args);
}

async function lookup(form: Record<string, string>, extra: Partial<Call> = {}) {
  const response = await call(proxyRequest({ form, ...extra }));
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`no ${what} in the seeded rows`);
  return value;
}

const shipmentsOf = (orderId: string) => rows.shipments.filter((shipment) => shipment.orderId === orderId);
const orderNumber = (name: string) => Number(name.slice(1));
const shippedOrder = defined(
  rows.orders.find((order) => shipmentsOf(order.id as string).length === 1),
  "order with one shipment",
);
const splitOrder = rows.orders.find((order) => shipmentsOf(order.id as string).length === 2);
const unshippedOrder = defined(
  rows.orders.find((order) => shipmentsOf(order.id as string).length === 0),
  "unshipped order",
);
const firstShipment = () => defined(shipmentsOf(shippedOrder.id as string)[0], "shipment");
const helpTokenIn = (body: string) => defined(/name="token" value="([^"]+)"/.exec(body)?.[1], "help token");
const emailOf = (order: { name: string }) => demoShopperEmail(orderNumber(order.name));

async function supportRequestCount() {
  return prisma.supportRequest.count({ where: { shop: SHOP_A } });
}

beforeAll(async () => {
  await seedShop(testDatabase(), options);
  await seedShop(testDatabase(), seedOptions(SHOP_B, 20, 12));
});

beforeEach(() => resetTrackingRateLimits());

describe("proxy signature", () => {
  it("serves the lookup form to a signed GET", async () => {
    const response = await call(proxyRequest({ method: "GET" }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('method="post"');
    expect(html).toContain('name="contact"');
  });

  it.each([
    ["a wrong secret", { secret: "not-the-app-secret" }],
    ["a signature older than 90 s", { timestamp: Math.floor(Date.now() / 1000) - 91 }],
    ["a timestamp 95 s in the future", { timestamp: Math.floor(Date.now() / 1000) + 95 }],
  ])("answers 401 and nothing else to %s, and writes nothing", async (_, forged) => {
    const before = await supportRequestCount();
    const lookupResponse = await call(
      proxyRequest({ form: { order: shippedOrder.name, contact: emailOf(shippedOrder) }, ...forged }),
    );
    expect(lookupResponse.status).toBe(401);
    expect(await lookupResponse.text()).toBe("");
    const helpResponse = await call(
      proxyRequest({ path: "/help", form: { token: "x.1.y", reason: "late" }, ...forged }),
    );
    expect(helpResponse.status).toBe(401);
    expect(await helpResponse.text()).toBe("");
    expect(await supportRequestCount()).toBe(before);
  });

  it("accepts a signature 80 s old", async () => {
    const { status } = await lookup(
      { order: shippedOrder.name, contact: emailOf(shippedOrder) },
      { timestamp: Math.floor(Date.now() / 1000) - 80 },
    );
    expect(status).toBe(200);
  });

  it("refuses a query whose parameters were changed after signing", async () => {
    const query = signedAppProxyQuery({
      shop: SHOP_A,
      pathPrefix: "/apps/track",
      apiSecret: TEST_ENV.SHOPIFY_API_SECRET,
    });
    query.set("shop", SHOP_B);
    const response = await call(new Request(`${TEST_ENV.SHOPIFY_APP_URL}/proxy?${query}`, { method: "GET" }));
    expect(response.status).toBe(401);
  });
});

describe("lookup by order number", () => {
  it("finds an order by number and email, with its timeline, carrier and help form", async () => {
    const shipment = firstShipment();
    const { status, body } = await lookup({
      order: shippedOrder.name.slice(1),
      contact: emailOf(shippedOrder).toUpperCase(),
    });
    expect(status).toBe(200);
    expect(body).toContain(`Order ${shippedOrder.name}`);
    expect(body).toContain('class="pw-steps"');
    expect(body).toContain('aria-current="step"');
    for (const step of ["Ordered", "Packed", "Shipped", "Out for delivery", "Delivered"])
      expect(body).toContain(step);
    expect(body).toContain(shipment.trackingNumber as string);
    expect(body).toContain(shipment.trackingCompany as string);
    expect(body).toContain('name="token"');
    expect(body).not.toContain("<html");
  });

  it("counts each found lookup on the order (where-is-my-order load), and nothing for a wrong email", async () => {
    const lookups = async () =>
      (await prisma.order.findFirstOrThrow({ where: { shop: SHOP_A, name: shippedOrder.name } }))
        .trackingLookups;
    const before = await lookups();
    await lookup({ order: shippedOrder.name, contact: emailOf(shippedOrder) });
    await lookup({ order: shippedOrder.name, contact: emailOf(shippedOrder) });
    await lookup({ order: shippedOrder.name, contact: "someone@example.com" });
    expect(await lookups()).toBe(before + 2);
  });

  it("answers a full page when the form was posted without the block's script", async () => {
    const { body } = await lookup({ order: shippedOrder.name, contact: emailOf(shippedOrder), fragment: "" });
    expect(body).toMatch(/^<!doctype html><html lang="en" dir="ltr">/);
    expect(body).toContain(`Order ${shippedOrder.name}`);
  });

  it("shows an order that has not shipped yet at its first milestone", async () => {
    const { body } = await lookup({ order: unshippedOrder.name, contact: emailOf(unshippedOrder) });
    expect(body).toContain("Tracking appears here as soon as it ships");
  });

  describe("the day the store promised to ship by (Settings → Delivery promises)", () => {
    // Monday 2 June 2025, 13:00 in New York: after a 12:00 cut-off, so it counts from Tuesday; two processing
    // days make Thursday 5 June.
    const LONG_AGO = new Date("2025-06-02T17:00:00Z");

    beforeAll(async () => {
      await prisma.shop.update({ where: { domain: SHOP_A }, data: { timezone: "America/New_York" } });
      await prisma.shopSettings.update({
        where: { shop: SHOP_A },
        data: { processingDays: 2, orderCutoffLocalTime: "12:00", businessDays: "MON,TUE,WED,THU,FRI" },
      });
    });

    afterAll(async () => {
      await prisma.shop.update({ where: { domain: SHOP_A }, data: { timezone: "UTC" } });
      for (const order of [unshippedOrder, shippedOrder]) {
        await prisma.order.update({
          where: { id: order.id as string },
          data: { orderedAt: order.orderedAt as Date, fulfillmentStatus: order.fulfillmentStatus as string },
        });
      }
    });

    it("tells the shopper of an order not shipped yet by when it ships", async () => {
      await prisma.order.update({
        where: { id: unshippedOrder.id as string },
        data: { orderedAt: new Date() },
      });
      const { body } = await lookup({ order: unshippedOrder.name, contact: emailOf(unshippedOrder) });
      expect(body).toMatch(/<p class="pw-window">Ships by \w{3}, \w{3} \d{1,2}\.<\/p>/);
      expect(body).toContain("Tracking appears here as soon as it ships");
    });

    it("says calmly that the promised day has passed", async () => {
      await prisma.order.update({
        where: { id: unshippedOrder.id as string },
        data: { orderedAt: LONG_AGO },
      });
      const { body } = await lookup({ order: unshippedOrder.name, contact: emailOf(unshippedOrder) });
      expect(body).toContain("It was due to ship by Thu, Jun 5 and is taking a little longer than planned.");
      expect(body).not.toContain("Ships by");
    });

    it("speaks of the rest of a partly shipped order below its parcels, in the shopper's language", async () => {
      await prisma.order.update({
        where: { id: shippedOrder.id as string },
        data: { orderedAt: LONG_AGO, fulfillmentStatus: "partial" },
      });
      const { body } = await lookup({
        order: shippedOrder.name,
        contact: emailOf(shippedOrder),
        locale: "de",
      });
      expect(body.indexOf("Der Rest deiner Bestellung sollte bis")).toBeGreaterThan(
        body.lastIndexOf("</article>"),
      );
    });

    it("says nothing of shipping for an order that has shipped in full", async () => {
      await prisma.order.update({
        where: { id: shippedOrder.id as string },
        data: { orderedAt: LONG_AGO, fulfillmentStatus: "fulfilled" },
      });
      const { body } = await lookup({ order: shippedOrder.name, contact: emailOf(shippedOrder) });
      expect(body).not.toMatch(/ship by|ships by/i);
    });
  });

  it.skipIf(!splitOrder)("shows one card per shipment of a split order", async () => {
    const split = defined(splitOrder, "split order");
    const { body } = await lookup({ order: split.name, contact: emailOf(split) });
    expect(body).toContain("Shipment 1 of 2");
    expect(body).toContain("Shipment 2 of 2");
    expect(body.match(/<article/g)).toHaveLength(2);
  });

  it("finds an order by number and postal code", async () => {
    const postal = `${shippedOrder.destinationPostalPrefix as string}9 9ZZ`;
    const { body } = await lookup({ order: shippedOrder.name, contact: postal.toLowerCase() });
    expect(body).toContain(`Order ${shippedOrder.name}`);
  });

  it("finds an order by number and phone", async () => {
    const phone = "+1 (555) 010-7788";
    await prisma.order.update({
      where: { id: shippedOrder.id as string },
      data: {
        customerPhoneHash: hashCustomerContact({
          shop: SHOP_A,
          value: normalizePhone(phone),
          key: TEST_ENV.CUSTOMER_HASH_KEY,
        }),
      },
    });
    const { body } = await lookup({ order: shippedOrder.name, contact: "+15550107788" });
    expect(body).toContain(`Order ${shippedOrder.name}`);
    const wrong = await lookup({ order: shippedOrder.name, contact: "+15550107789" });
    expect(wrong.body).toContain("couldn&#39;t find an order");
  });

  it("gives the same answer for a wrong email, a missing order and another shop's order", async () => {
    const wrongEmail = await lookup({ order: shippedOrder.name, contact: "someone@example.com" });
    const noSuchOrder = await lookup({ order: "#999999", contact: emailOf(shippedOrder) });
    // Shop B has 20 orders (#1001–#1020): its shopper+1080 has no #1080 there.
    const lastOrder = defined(rows.orders.at(-1), "order");
    const otherShop = await lookup({ order: lastOrder.name, contact: emailOf(lastOrder) }, { shop: SHOP_B });
    expect(wrongEmail.status).toBe(200);
    expect(wrongEmail.body).toContain("couldn&#39;t find an order");
    expect(noSuchOrder).toEqual(wrongEmail);
    expect({ ...otherShop, headers: null }).toEqual({ ...wrongEmail, headers: null });
    expect([...noSuchOrder.headers]).toEqual([...wrongEmail.headers]);
  });

  it("takes the same time for a wrong email as for a missing order", async () => {
    const timings = { wrongEmail: [] as number[], noSuchOrder: [] as number[] };
    for (let round = 0; round < 60; round += 1) {
      resetTrackingRateLimits();
      for (const [kind, form] of [
        ["wrongEmail", { order: shippedOrder.name, contact: "someone@example.com" }],
        ["noSuchOrder", { order: "#999999", contact: "someone@example.com" }],
      ] as const) {
        const started = performance.now();
        await lookup(form);
        timings[kind].push(performance.now() - started);
      }
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const [a, b] = [median(timings.wrongEmail), median(timings.noSuchOrder)];
    expect(Math.abs(a - b)).toBeLessThan(Math.max(1, 0.5 * Math.min(a, b)));
  });

  it("answers in the storefront's language", async () => {
    const { body } = await lookup({ order: shippedOrder.name, contact: emailOf(shippedOrder), locale: "fr" });
    expect(body).toContain(`Commande ${shippedOrder.name}`);
    expect(body).toContain("Avancement de la livraison");
    const page = await lookup({ order: "#1", contact: "x@example.com", locale: "de-DE", fragment: "" });
    expect(page.body).toContain('<html lang="de-DE"');
    expect(page.body).toContain("Wir haben keine Bestellung");
  });

  it("escapes what carriers send", async () => {
    const shipment = firstShipment();
    await prisma.trackingEvent.updateMany({
      where: { shipmentId: shipment.id as string },
      data: { city: '<img src=x onerror="alert(1)">' },
    });
    const { body } = await lookup({ order: shippedOrder.name, contact: emailOf(shippedOrder) });
    expect(body).not.toContain("<img");
    expect(body).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});

describe("lookup by tracking number", () => {
  it("shows the parcel's progress without the order or a help form", async () => {
    const shipment = firstShipment();
    const { body } = await lookup({ tracking: ` ${(shipment.trackingNumber as string).toLowerCase()} ` });
    expect(body).toContain(`Parcel ${shipment.trackingNumber as string}`);
    expect(body).toContain('class="pw-steps"');
    expect(body).not.toContain(shippedOrder.name);
    expect(body).not.toContain('name="token"');
  });

  it("says plainly when the number is unknown", async () => {
    const { body } = await lookup({ tracking: "1Z0000000000000000" });
    expect(body).toContain("couldn&#39;t find that tracking number");
  });

  it("shows the window with its most likely day, and once the promise is broken, the promise and the new window", async () => {
    const DAY = 86_400_000;
    const midnight = (days: number) => new Date((Math.floor(Date.now() / DAY) + days) * DAY);
    const lastMomentOf = (days: number) => new Date(midnight(days + 1).getTime() - 1);
    const day = (value: Date) =>
      new Intl.DateTimeFormat("en", {
        weekday: "short",
        month: "short",
        day: "numeric",
        timeZone: "UTC",
      }).format(value);
    const order = await prisma.order.create({
      data: { shop: SHOP_A, shopifyId: "gid://shopify/Order/77001", name: "#77001", orderedAt: midnight(-3) },
    });
    const shipment = await prisma.shipment.create({
      data: {
        shop: SHOP_A,
        orderId: order.id,
        shopifyFulfillmentId: "gid://shopify/Fulfillment/77001",
        trackingNumber: "1ZWINDOW77001",
        status: "in_transit",
        shippedAt: midnight(-2),
        windowStart: midnight(1),
        windowEnd: lastMomentOf(3),
      },
    });
    await prisma.deliveryEstimate.create({
      data: {
        shop: SHOP_A,
        shipmentId: shipment.id,
        earliestAt: midnight(1),
        latestAt: lastMomentOf(3),
        likelyAt: midnight(2),
        basis: "lane",
        isOriginal: true,
        createdAt: midnight(-2),
      },
    });

    const onTrack = (await lookup({ tracking: "1ZWINDOW77001" })).body;
    expect(onTrack).toContain(
      `Expected between ${day(midnight(1))} and ${day(midnight(3))}, most likely ${day(midnight(2))}`,
    );

    // Revised to end two days after the promise.
    await prisma.shipment.update({
      where: { id: shipment.id },
      data: { windowStart: midnight(2), windowEnd: lastMomentOf(5) },
    });
    const revised = (await lookup({ tracking: "1ZWINDOW77001" })).body;
    expect(revised).toContain(
      `Running late: it was expected by ${day(midnight(3))}. Now expected between ${day(midnight(2))} and ${day(midnight(5))}.`,
    );
    expect(revised).toContain("data-pw-late");
  });
});

describe("get help", () => {
  async function helpToken() {
    const { body } = await lookup({ order: shippedOrder.name, contact: emailOf(shippedOrder) });
    return helpTokenIn(body);
  }

  it("creates one support request the merchant sees, even when sent twice", async () => {
    const token = await helpToken();
    const before = await supportRequestCount();
    const form = { token, reason: "damaged", message: "Box crushed", contact_email: emailOf(shippedOrder) };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await call(proxyRequest({ path: "/help", form }));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("The store has your request");
    }
    expect(await supportRequestCount()).toBe(before + 1);
    const created = await prisma.supportRequest.findFirstOrThrow({
      where: { shop: SHOP_A, orderId: shippedOrder.id as string, reason: "damaged" },
    });
    expect(created).toMatchObject({
      message: "Box crushed",
      status: "open",
      contactEmail: emailOf(shippedOrder),
    });
    expect(created.shipmentId).toBe(firstShipment().id);
  });

  it("refuses a forged, expired or other shop's token and writes nothing", async () => {
    const token = await helpToken();
    const [orderId, , mac] = token.split(".");
    const before = await supportRequestCount();
    for (const [forged, shop] of [
      [`${orderId}.${Math.floor(Date.now() / 1000) + 3600}.${mac}`, SHOP_A],
      [`${orderId}.${Math.floor(Date.now() / 1000) - 1}.${mac}`, SHOP_A],
      [token, SHOP_B],
    ] as const) {
      const response = await call(
        proxyRequest({ path: "/help", shop, form: { token: forged, reason: "late" } }),
      );
      expect(await response.text()).toContain("This form has expired");
    }
    expect(await supportRequestCount()).toBe(before);
  });

  it("rejects an unknown reason", async () => {
    const token = await helpToken();
    const response = await call(proxyRequest({ path: "/help", form: { token, reason: "refund_now" } }));
    expect(await response.text()).toContain('data-pw-outcome="invalid"');
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After once an IP is over its limit, without holding back other IPs", async () => {
    const form = { order: "#1", contact: "x@example.com" };
    for (let attempt = 0; attempt < 20; attempt += 1) expect((await lookup(form)).status).toBe(200);
    const limited = await lookup(form);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body).toContain("Too many attempts");
    expect((await lookup(form, { ip: "198.51.100.9" })).status).toBe(200);
  });

  it("limits a shop across IPs, and not another shop", async () => {
    const form = { order: "#1", contact: "x@example.com" };
    for (let attempt = 0; attempt < 60; attempt += 1) {
      expect((await lookup(form, { ip: `198.51.100.${attempt}` })).status).toBe(200);
    }
    expect((await lookup(form, { ip: "192.0.2.1" })).status).toBe(429);
    expect((await lookup(form, { ip: "192.0.2.1", shop: SHOP_B })).status).toBe(200);
  });

  it("counts help requests too, and a limited one writes nothing", async () => {
    const { body } = await lookup({ order: shippedOrder.name, contact: emailOf(shippedOrder) });
    const token = helpTokenIn(body);
    for (let attempt = 0; attempt < 19; attempt += 1) await lookup({ order: "#1", contact: "x@example.com" });
    const before = await supportRequestCount();
    const response = await call(proxyRequest({ path: "/help", form: { token, reason: "other" } }));
    expect(response.status).toBe(429);
    expect(await supportRequestCount()).toBe(before);
  });
});
