import { createHmac, timingSafeEqual } from "node:crypto";

// Shopify signs every app-proxy request's query (not its body or headers): hex HMAC-SHA256, keyed with the app's
// secret, of every parameter but `signature`, sorted by key (localeCompare, as @shopify/shopify-api does), as
// `key=value` with repeated values joined by ",", concatenated. The library's check costs a WebCrypto key import
// per call; this one is synchronous, constant-time and also refuses replays older than 90 seconds.
export const PROXY_SIGNATURE_MAX_AGE_SECONDS = 90;

export type ProxyVerdict = { valid: true; shop: string; loggedInCustomerId: string } | { valid: false };

// Same order as String#localeCompare (what the library sorts with), without its per-call collator lookup.
const collator = new Intl.Collator();

export function proxySignatureMessage(query: URLSearchParams): string {
  const valuesByKey = new Map<string, string[]>();
  for (const [key, value] of query) {
    if (key === "signature") continue;
    const values = valuesByKey.get(key);
    if (values) values.push(value);
    else valuesByKey.set(key, [value]);
  }
  return [...valuesByKey]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
}

export function verifyProxyQuery(
  query: URLSearchParams,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): ProxyVerdict {
  const signature = query.get("signature") ?? "";
  const shop = query.get("shop") ?? "";
  const timestamp = Number(query.get("timestamp"));
  if (!/^[0-9a-f]{64}$/i.test(signature) || !shop || !Number.isFinite(timestamp)) return { valid: false };
  const expected = createHmac("sha256", secret).update(proxySignatureMessage(query)).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return { valid: false };
  if (Math.abs(nowSeconds - timestamp) > PROXY_SIGNATURE_MAX_AGE_SECONDS) return { valid: false };
  return { valid: true, shop, loggedInCustomerId: query.get("logged_in_customer_id") ?? "" };
}
