import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "../config.server";
import { signOrderToken, verifyOrderToken } from "../services/order-tokens.server";

// The two links every message carries, signed so neither needs a login nor reveals anything:
// - the tracking page opened straight on the order (the shopper already proved who they are by reading it);
// - one-click unsubscribe (RFC 8058), which names the order and a keyed hash of the address, never the address.

const ORDER_VIEW_TTL_SECONDS = 180 * 24 * 60 * 60;

function mac(purpose: string, ...parts: string[]): Buffer {
  return createHmac("sha256", config().CUSTOMER_HASH_KEY)
    .update([purpose, ...parts].join("\u0000"))
    .digest();
}

function same(given: string, expected: Buffer): boolean {
  const buffer = Buffer.from(given, "base64url");
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

export function signOrderViewToken({ shop, orderId, now }: { shop: string; orderId: string; now?: number }) {
  return signOrderToken({ purpose: "order-view", shop, orderId, ttlSeconds: ORDER_VIEW_TTL_SECONDS, now });
}

export function verifyOrderViewToken({ shop, token, now }: { shop: string; token: string; now?: number }) {
  return verifyOrderToken({ purpose: "order-view", shop, token, now });
}

export function signUnsubscribeToken({
  shop,
  orderId,
  channel,
  addressHash,
}: {
  shop: string;
  orderId: string;
  channel: string;
  addressHash: string;
}) {
  const body = `${orderId}.${channel}.${addressHash}`;
  return `${body}.${mac("unsubscribe", shop, body).toString("base64url")}`;
}

export function verifyUnsubscribeToken({ shop, token }: { shop: string; token: string }) {
  const [orderId, channel, addressHash, signature] = token.split(".");
  if (!orderId || !channel || !addressHash || !signature) return null;
  return same(signature, mac("unsubscribe", shop, `${orderId}.${channel}.${addressHash}`))
    ? { orderId, channel, addressHash }
    : null;
}

// The storefront's app proxy path (shopify.app.toml [app_proxy]): the tracking page in the shop's own domain.
export function trackingLinkFor({
  storefrontUrl,
  shop,
  orderId,
  now,
}: {
  storefrontUrl: string;
  shop: string;
  orderId: string;
  now?: number;
}) {
  const url = new URL("/apps/track", storefrontUrl);
  url.searchParams.set("view", signOrderViewToken({ shop, orderId, now }));
  return url.toString();
}

export function unsubscribeLinkFor({ shop, token }: { shop: string; token: string }) {
  const url = new URL("/notifications/unsubscribe", config().SHOPIFY_APP_URL);
  url.searchParams.set("shop", shop);
  url.searchParams.set("token", token);
  return url.toString();
}
