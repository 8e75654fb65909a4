import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "../config.server";

// Expiring tokens that name one order of one shop and prove Parcelwise issued them for a purpose (the help form
// after a verified lookup, a notification's tracking link): "<orderId>.<expires, base 36>.<mac>", nothing
// personal in it.

// 128 bits of the HMAC: as unforgeable as the whole for this use, and 21 characters shorter — these tokens
// ride in text messages, where every character counts against one segment.
function mac(purpose: string, shop: string, orderId: string, expires: number): Buffer {
  return createHmac("sha256", config().CUSTOMER_HASH_KEY)
    .update(`${purpose}\u0000${shop}\u0000${orderId}\u0000${expires}`)
    .digest()
    .subarray(0, 16);
}

export function signOrderToken({
  purpose,
  shop,
  orderId,
  ttlSeconds,
  now = Date.now(),
}: {
  purpose: string;
  shop: string;
  orderId: string;
  ttlSeconds: number;
  now?: number;
}): string {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  return `${orderId}.${expires.toString(36)}.${mac(purpose, shop, orderId, expires).toString("base64url")}`;
}

export function verifyOrderToken({
  purpose,
  shop,
  token,
  now = Date.now(),
}: {
  purpose: string;
  shop: string;
  token: string;
  now?: number;
}): string | null {
  const [orderId, expiresText, signature] = token.split(".");
  const expires = expiresText && /^[0-9a-z]+$/.test(expiresText) ? parseInt(expiresText, 36) : NaN;
  if (!orderId || !signature || !Number.isInteger(expires) || expires < now / 1000) return null;
  const expected = mac(purpose, shop, orderId, expires);
  const given = Buffer.from(signature, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? orderId : null;
}
