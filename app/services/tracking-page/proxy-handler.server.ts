import { z } from "zod";
import { config } from "../../config.server";
import {
  createShopperHelpRequest,
  HELP_REASONS,
  signHelpToken,
  verifyHelpToken,
} from "../../models/shopper-help.server";
import { verifyOrderViewToken } from "../../models/notification-links.server";
import { trackingPageLookForProxy } from "../../models/settings.server";
import {
  countTrackingLookup,
  findOrderForShopper,
  findShipmentByTrackingNumber,
  findTrackedOrderById,
  type ShopperContact,
} from "../../models/tracking-lookup.server";
import { verifyProxyQuery } from "../app-proxy-signature";
import { RateLimiter } from "../rate-limit";
import { renderMessage, renderOrder, renderPage, renderParcel, type RenderContext } from "./render";
import { resolveLocale, translator } from "./translations";

// Storefront /apps/track/* as Shopify's app proxy forwards it to /proxy/*. One implementation for both ways in:
// the production server's early lane (proxy-lane.server.ts) and the Remix routes (development, tests).
export type ProxyRequest = {
  method: string;
  // "/proxy" or "/proxy/help"
  pathname: string;
  query: URLSearchParams;
  header: (name: string) => string | null;
  body: string;
  remoteAddress: string | null;
};

export type ProxyReply = { status: number; headers: Record<string, string>; body: string };

export const MAX_PROXY_BODY_BYTES = 8 * 1024;
const MINUTE_MS = 60_000;

let limiters: { ip: RateLimiter; shop: RateLimiter } | null = null;
function rateLimiters() {
  limiters ??= {
    ip: new RateLimiter(config().TRACKING_LOOKUPS_PER_IP_PER_MINUTE, MINUTE_MS),
    shop: new RateLimiter(config().TRACKING_LOOKUPS_PER_SHOP_PER_MINUTE, MINUTE_MS),
  };
  return limiters;
}

// Tests start each case with fresh counters.
export function resetTrackingRateLimits() {
  limiters = null;
}

const text = (max: number) => z.string().trim().max(max).default("");

const lookupSchema = z.object({
  order: text(40),
  contact: text(254),
  // The first version of the block named the field "email".
  email: text(254),
  tracking: text(64),
});

const helpSchema = z.object({
  token: z.string().max(200),
  reason: z.enum(HELP_REASONS),
  shipment: z.string().max(40).optional(),
  message: text(1000),
  contact_email: z
    .string()
    .trim()
    .email()
    .max(254)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export async function answerProxyRequest(request: ProxyRequest): Promise<ProxyReply> {
  const verdict = verifyProxyQuery(request.query, config().SHOPIFY_API_SECRET);
  if (!verdict.valid)
    return { status: 401, headers: { "content-type": "text/plain; charset=utf-8" }, body: "" };
  const { shop } = verdict;
  const form = new URLSearchParams(request.method === "POST" ? request.body : "");
  const locale = resolveLocale(
    form.get("locale") ?? request.query.get("locale"),
    request.header("accept-language"),
  );
  const context: RenderContext = {
    t: translator(locale.language),
    locale,
    now: new Date(),
    proxyPath: (request.query.get("path_prefix") ?? "/apps/track").replace(/\/$/, ""),
  };
  const fragment = form.get("fragment") === "1";
  // A whole page (no script) wears the look saved in Settings, as the block does; a fragment goes inside the block.
  const look = fragment ? null : await trackingPageLookForProxy({ shop });
  const reply = (status: number, result: string, headers: Record<string, string> = {}): ProxyReply => ({
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store, private",
      "x-robots-tag": "noindex",
      ...headers,
    },
    body: fragment ? result : renderPage({ context, result, look }),
  });

  const path = request.pathname.replace(/\/$/, "");
  if (path !== "/proxy" && path !== "/proxy/help") return reply(404, "");
  if (request.method === "GET" && path === "/proxy") {
    const view = request.query.get("view");
    return reply(200, view ? await answerOrderLink({ shop, token: view, context }) : "");
  }
  if (request.method !== "POST") return reply(405, "", { allow: path === "/proxy" ? "GET, POST" : "POST" });

  const limited = takeRateLimit({ shop, ip: clientIp(request) });
  if (limited) {
    return reply(429, renderMessage(context.t("result.rate_limited", { seconds: limited }), "rate_limited"), {
      "retry-after": String(limited),
    });
  }
  if (path === "/proxy/help") return reply(200, await answerHelp({ shop, form, context }));
  return reply(200, await answerLookup({ shop, form, context }));
}

async function answerLookup({
  shop,
  form,
  context,
}: {
  shop: string;
  form: URLSearchParams;
  context: RenderContext;
}) {
  const { t } = context;
  const input = lookupSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return renderMessage(t("result.invalid"), "invalid");
  const { order, tracking } = input.data;
  const contactValue = input.data.contact || input.data.email;
  if (order && contactValue) {
    const contact = classifyContact(contactValue);
    const found = await findOrderForShopper({ shop, orderName: order, contact });
    if (!found) return renderMessage(t("result.not_found"), "not_found");
    await countTrackingLookup({ shop, orderId: found.id, now: new Date() });
    return renderOrder(found, context, {
      token: signHelpToken({ shop, orderId: found.id }),
      contactEmail: contact.kind === "email" ? contact.value : "",
    });
  }
  if (tracking && !order) {
    const shipment = await findShipmentByTrackingNumber({ shop, trackingNumber: tracking });
    return shipment
      ? renderParcel(shipment, context)
      : renderMessage(t("result.tracking_not_found"), "not_found");
  }
  return renderMessage(t("result.invalid"), "invalid");
}

// A notification's "Track your order" link: signed for this order, so no lookup form in between.
async function answerOrderLink({
  shop,
  token,
  context,
}: {
  shop: string;
  token: string;
  context: RenderContext;
}) {
  const orderId = verifyOrderViewToken({ shop, token });
  const found = orderId ? await findTrackedOrderById({ shop, orderId }) : null;
  if (!found) return renderMessage(context.t("result.link_expired"), "expired");
  await countTrackingLookup({ shop, orderId: found.id, now: new Date() });
  return renderOrder(found, context, { token: signHelpToken({ shop, orderId: found.id }), contactEmail: "" });
}

async function answerHelp({
  shop,
  form,
  context,
}: {
  shop: string;
  form: URLSearchParams;
  context: RenderContext;
}) {
  const { t } = context;
  const input = helpSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return renderMessage(t("result.invalid"), "invalid");
  const orderId = verifyHelpToken({ shop, token: input.data.token });
  if (!orderId) return renderMessage(t("result.help_expired"), "expired");
  const created = await createShopperHelpRequest({
    shop,
    orderId,
    shipmentId: input.data.shipment ?? null,
    reason: input.data.reason,
    message: input.data.message,
    contactEmail: input.data.contact_email ?? null,
  });
  return created
    ? renderMessage(t("result.help_sent"), "help_sent")
    : renderMessage(t("result.help_expired"), "expired");
}

export function classifyContact(value: string): ShopperContact {
  if (value.includes("@")) return { kind: "email", value };
  const digits = value.replace(/\D/g, "").length;
  if (digits >= 7 && /^[+\d\s().-]+$/.test(value)) return { kind: "phone", value };
  return { kind: "postal", value };
}

// Shopify's proxy passes the shopper's address in X-Forwarded-For (its own is the socket's).
function clientIp(request: ProxyRequest): string {
  const forwarded = request.header("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.remoteAddress || "unknown";
}

// Seconds to wait, or null when the request may go ahead. The IP's limit is checked first, so one client over
// its limit does not use up the shop's.
function takeRateLimit({ shop, ip }: { shop: string; ip: string }): number | null {
  const { ip: perIp, shop: perShop } = rateLimiters();
  const byIp = perIp.take(ip);
  if (!byIp.allowed) return byIp.retryAfterSeconds;
  const byShop = perShop.take(shop);
  return byShop.allowed ? null : byShop.retryAfterSeconds;
}
