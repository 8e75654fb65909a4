import { createHmac } from "node:crypto";

/** Query parameters Shopify sets on every app-proxy request; a visitor cannot supply their own. */
export const APP_PROXY_PARAMS = [
  "shop",
  "logged_in_customer_id",
  "path_prefix",
  "timestamp",
  "signature",
] as const;

/**
 * The signed message: every parameter except `signature`, sorted by key, rendered `key=value` with repeated
 * values joined by ",", concatenated without separator. Keys are compared with localeCompare, like
 * @shopify/shopify-api's validator, so the app's check and ours agree even on mixed-case keys.
 */
export function appProxySignatureMessage(query: URLSearchParams): string {
  const valuesByKey = new Map<string, string[]>();
  for (const [key, value] of query) {
    if (key === "signature") continue;
    valuesByKey.set(key, [...(valuesByKey.get(key) ?? []), value]);
  }
  return [...valuesByKey]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
}

/** The `signature` parameter: hex HMAC-SHA256 of the signed message, keyed with the app's client secret. */
export function signAppProxyQuery(query: URLSearchParams, apiSecret: string): string {
  return createHmac("sha256", apiSecret).update(appProxySignatureMessage(query)).digest("hex");
}

export interface AppProxyQueryRequest {
  shop: string;
  pathPrefix: string;
  apiSecret: string;
  /** The visitor's own query parameters. */
  query?: URLSearchParams;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Empty when no customer is logged in. */
  loggedInCustomerId?: string;
}

/** The query string Shopify sends to the app's proxy URL: the visitor's parameters plus Shopify's, signed. */
export function signedAppProxyQuery(request: AppProxyQueryRequest): URLSearchParams {
  const reserved: readonly string[] = APP_PROXY_PARAMS;
  const signed = new URLSearchParams(
    [...(request.query ?? new URLSearchParams())].filter(([key]) => !reserved.includes(key)),
  );
  signed.append("shop", request.shop);
  signed.append("logged_in_customer_id", request.loggedInCustomerId ?? "");
  signed.append("path_prefix", request.pathPrefix);
  signed.append("timestamp", String(request.timestamp ?? Math.floor(Date.now() / 1000)));
  signed.append("signature", signAppProxyQuery(signed, request.apiSecret));
  return signed;
}
