import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { promiseAndLikelyDay, shownDeliveryWindow } from "../../app/models/delivery-windows/shown-window";
import { action, loader } from "../../app/routes/api.admin-order.$orderId";
import { APP_SCOPES } from "../../app/shopify-scopes";
import { seedShop } from "../../prisma/seed/demo-shop";
import { sessionToken } from "../helpers/session-token";
import { SHOP_A, SHOP_B, seedOptions, testDatabase } from "../helpers/seeded-shops";
import { TEST_ENV } from "../setup/test-env";

// The app side of the admin order details block (extensions/admin-order-block): Shopify's ID token in
// `Authorization: Bearer`, verified by requireAdminContext (authenticate.admin, production mode), answered with
// that shop's order only, with CORS headers for the extension's origin.

const ORIGIN = "https://extensions.shopifycdn.com";
// Shopify's library answers 410 to anything that looks like a bot, and a request without a user agent does.
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36";
// Shop B's orders are numbered from 7001, so their GIDs exist in no other shop.
const B_FIRST_ORDER = 7001;

type Handler = (args: ActionFunctionArgs) => Promise<Response>;

function token(shop: string, apiSecret: string = TEST_ENV.SHOPIFY_API_SECRET, lifetimeSeconds = 60) {
  return sessionToken({
    shop,
    apiKey: TEST_ENV.SHOPIFY_API_KEY,
    apiSecret,
    lifetimeSeconds,
  });
}

async function call(
  handler: Handler,
  orderId: string,
  { method = "GET", bearer }: { method?: string; bearer?: string | null } = {},
): Promise<Response> {
  const headers = new Headers({ Origin: ORIGIN, "User-Agent": USER_AGENT });
  if (bearer) headers.set("Authorization", `Bearer ${bearer}`);
  const request = new Request(`${TEST_ENV.SHOPIFY_APP_URL}/api/admin-order/${orderId}`, { method, headers });
  try {
    // As Remix hands the route its params: decoded.
    return await handler({ request, params: { orderId: decodeURIComponent(orderId) }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const get = (orderId: string, bearer: string | null = token(SHOP_A)) => call(loader, orderId, { bearer });

beforeAll(async () => {
  await seedShop(testDatabase(), seedOptions(SHOP_A, 60, 7));
  await seedShop(testDatabase(), { ...seedOptions(SHOP_B, 40, 99), firstOrderNumber: B_FIRST_ORDER });
  // The offline sessions Shopify's token exchange stores at install: authenticate.admin loads the token's shop's.
  for (const shop of [SHOP_A, SHOP_B]) {
    await prisma.session.create({
      data: {
        id: `offline_${shop}`,
        shop,
        state: "",
        isOnline: false,
        scope: APP_SCOPES.join(","),
        accessToken: `shpat_${shop.split(".")[0]}`,
      },
    });
  }
});

// An order of `shop` with two shipments, one of them needing attention: the richest answer the seed has.
async function splitOrder(shop: string) {
  const orders = await prisma.order.findMany({
    where: { shop },
    orderBy: { orderedAt: "asc" },
    select: {
      shopifyId: true,
      name: true,
      shipments: { select: { attention: true } },
    },
  });
  const order =
    orders.find((candidate) => candidate.shipments.length > 1) ??
    orders.find((candidate) => candidate.shipments.some((shipment) => shipment.attention));
  if (!order) throw new Error(`the seed of ${shop} has no split order`);
  return order;
}

describe("GET /api/admin-order/:orderId (admin ID token)", () => {
  it("answers the token's shop with the order's shipments: carrier, tracking, status, window, attention, support view", async () => {
    const order = await splitOrder(SHOP_A);
    const response = await get(order.shopifyId.split("/").pop() ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const view = await response.json();
    // Shipped in full: no ship-by day left to keep.
    expect(view.order).toEqual({ name: order.name, shipBy: null });

    const now = new Date();
    const stored = await prisma.shipment.findMany({
      where: { shop: SHOP_A, order: { shopifyId: order.shopifyId } },
      orderBy: [{ createdAt: "asc" }, { trackingIndex: "asc" }, { id: "asc" }],
      include: { estimates: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });
    expect(view.shipments.map((shipment: { id: string }) => shipment.id)).toEqual(stored.map((s) => s.id));
    for (const [index, shipment] of stored.entries()) {
      const answered = view.shipments[index];
      expect(answered).toMatchObject({
        id: shipment.id,
        carrier: shipment.trackingCompany ?? shipment.carrier?.toUpperCase().replaceAll("_", " ") ?? null,
        trackingNumber: shipment.trackingNumber,
        status: shipment.status,
        supportPath: `/app/shipments/${shipment.id}`,
      });
      if (shipment.trackingUrl?.startsWith("https://"))
        expect(answered.trackingUrl).toBe(shipment.trackingUrl);
      // The one window function, as every surface shows it.
      const shown = shownDeliveryWindow({ ...shipment, ...promiseAndLikelyDay(shipment.estimates) }, now);
      expect(answered.window.kind).toBe(shown.kind);
      expect(JSON.parse(JSON.stringify(answered.window))).toEqual(JSON.parse(JSON.stringify(shown)));
      const open = shipment.attention && !shipment.attentionResolvedAt;
      expect(answered.attention).toEqual(
        open ? { kind: shipment.attention, owner: shipment.attentionOwner ?? null } : null,
      );
    }
  });

  it("accepts the order's GID as well as its number", async () => {
    const order = await splitOrder(SHOP_A);
    const response = await get(encodeURIComponent(order.shopifyId));
    expect(response.status).toBe(200);
    expect((await response.json()).order).toEqual({ name: order.name, shipBy: null });
  });

  it("answers another shop's order exactly like an order that does not exist", async () => {
    const bOrder = await splitOrder(SHOP_B);
    const bNumber = bOrder.shopifyId.split("/").pop() ?? "";
    const foreign = await get(bNumber);
    const missing = await get("999999999999");
    expect(foreign.status).toBe(200);
    expect(missing.status).toBe(200);
    const foreignBody = await foreign.text();
    expect(JSON.parse(foreignBody)).toEqual({ order: null, shipments: [] });
    expect(foreignBody).toBe(await missing.text());
    expect(foreignBody).not.toContain(bOrder.name);

    // B's own token gets it.
    const own = await get(bNumber, token(SHOP_B));
    expect((await own.json()).order).toEqual({ name: bOrder.name, shipBy: null });
  });

  it("flags an unfulfilled order past the day the shop's delivery promises said it would ship by", async () => {
    const unfulfilled = await prisma.order.findFirstOrThrow({
      where: { shop: SHOP_A, shipments: { none: {} }, cancelledAt: null },
      select: { id: true, shopifyId: true, name: true },
    });
    await prisma.shop.update({ where: { domain: SHOP_A }, data: { timezone: "America/New_York" } });
    await prisma.shopSettings.update({
      where: { shop: SHOP_A },
      data: { processingDays: 0, orderCutoffLocalTime: "14:00", businessDays: "MON,TUE,WED,THU,FRI" },
    });
    // Friday 6 June 2025, 15:00 in New York: after the cut-off, so it was due on Monday.
    await prisma.order.update({
      where: { id: unfulfilled.id },
      data: { orderedAt: new Date("2025-06-06T19:00:00Z"), fulfillmentStatus: "unfulfilled" },
    });
    const view = await (await get(unfulfilled.shopifyId.split("/").pop() ?? "")).json();
    expect(view).toEqual({
      order: { name: unfulfilled.name, shipBy: { day: "2025-06-09", overdue: true, part: "order" } },
      shipments: [],
    });
  });

  it("refuses a request without a token, a forged token and an expired one, with CORS headers", async () => {
    const order = await splitOrder(SHOP_A);
    const number = order.shopifyId.split("/").pop() ?? "";
    for (const bearer of [null, token(SHOP_A, "guessed-secret"), token(SHOP_A, undefined, -120)]) {
      const response = await get(number, bearer);
      expect(response.status, String(bearer)).toBe(401);
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(await response.text()).not.toContain(order.name);
    }
  });

  it("refuses an ID that is not an order's", async () => {
    const response = await get("not-an-order");
    expect(response.status).toBe(400);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("answers the browser's preflight without authentication, and nothing but GET", async () => {
    // Remix runs the loader for OPTIONS (not a mutation); the action answers it the same way.
    for (const handler of [loader, action]) {
      const preflight = await call(handler, "1", { method: "OPTIONS", bearer: null });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(preflight.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
    }

    const post = await call(action, "1", { method: "POST", bearer: token(SHOP_A) });
    expect(post.status).toBe(405);
    const anonymousPost = await call(action, "1", { method: "POST", bearer: null });
    expect(anonymousPost.status).toBe(401);
  });
});
