import { createHmac, timingSafeEqual } from "node:crypto";

// Orders keep a keyed hash of the shopper's email (and phone), never the address itself: enough for the
// tracking page to check "order number + email", useless to anyone who reads the database without the key.
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalizePhone(phone: string): string {
  return phone.replace(/[^\d+]/g, "");
}

export function hashCustomerContact({
  shop,
  value,
  key,
}: {
  shop: string;
  value: string;
  key: string;
}): string {
  return createHmac("sha256", key).update(`${shop}\u0000${value}`).digest("hex");
}

export function hashCustomerEmail({
  shop,
  email,
  key,
}: {
  shop: string;
  email: string;
  key: string;
}): string {
  return hashCustomerContact({ shop, value: normalizeEmail(email), key });
}

export function hashesMatch(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, "hex");
  const b = Buffer.from(actual, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
