import type { IncomingHttpHeaders } from "node:http";
import { signedAppProxyQuery } from "./app-proxy-signature";
import { textReply, type HttpReply } from "./http-reply";

export interface AppProxyConfig {
  /** Storefront path Shopify proxies, e.g. "/apps/track". */
  pathPrefix: string;
  /** Path on the app that receives proxied requests, e.g. "/proxy". */
  appPath: string;
}

export interface ProxiedRequest {
  shop: string;
  method: string;
  /** The storefront path after the prefix, "" or starting with "/". */
  subpath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface AppProxyTarget {
  appUrl: string;
  apiSecret: string;
  config: AppProxyConfig;
}

const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
];
// Shopify strips cookies both ways; fetch decodes the body, so its length and encoding headers no longer apply.
const DROPPED_REQUEST_HEADERS = new Set([...HOP_BY_HOP, "host", "cookie", "content-length"]);
const DROPPED_RESPONSE_HEADERS = new Set([...HOP_BY_HOP, "set-cookie", "content-length", "content-encoding"]);

/** Forwards a storefront request under the proxy prefix to the app, signed, and relays the answer. */
export async function forwardToAppProxy(request: ProxiedRequest, target: AppProxyTarget): Promise<HttpReply> {
  const query = signedAppProxyQuery({
    shop: request.shop,
    pathPrefix: target.config.pathPrefix,
    apiSecret: target.apiSecret,
    query: request.query,
  });
  const url = `${target.appUrl.replace(/\/$/, "")}${target.config.appPath}${request.subpath}?${query}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: forwardedRequestHeaders(request.headers),
      body: request.method === "GET" || request.method === "HEAD" ? undefined : new Uint8Array(request.body),
      redirect: "manual",
    });
  } catch (error) {
    return textReply(502, `shopify-standin: the app proxy at ${url} did not answer (${String(error)})`);
  }
  return {
    status: response.status,
    headers: relayedResponseHeaders(response.headers),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

function forwardedRequestHeaders(headers: IncomingHttpHeaders): Headers {
  const forwarded = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROPPED_REQUEST_HEADERS.has(name)) continue;
    forwarded.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return forwarded;
}

function relayedResponseHeaders(headers: Headers): Record<string, string> {
  const relayed: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) relayed[name] = value;
  });
  // Shopify renders application/liquid in the shop's theme; until the stand-in renders Liquid it serves it raw.
  if (relayed["content-type"]?.startsWith("application/liquid"))
    relayed["content-type"] = "text/html; charset=utf-8";
  return relayed;
}
