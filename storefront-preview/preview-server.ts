import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { renderLayout } from "./layout";
import { createShopifyLiquid } from "./liquid-filters";
import { appMetafieldsDrop, type AppDataMetafield } from "./app-metafields";
import {
  DEFAULT_EXTENSION_DIR,
  assetVersion,
  defaultSettings,
  loadBlock,
  loadLocales,
  readAsset,
} from "./theme-extension";

// A local storefront for the demo, the browser tests and the Lighthouse bench: the tracking page rendered from
// the extension's real Liquid block (liquidjs plus the Shopify filters it uses) inside a plain theme, with the
// block's assets, and /apps/track/* sent through the Shopify stand-in's signed app proxy to the app, as a shop
// would. Not part of the app: nothing in app/ imports it.
export type StorefrontPreviewOptions = {
  shopName: string;
  // Where the stand-in serves this shop's app proxy, e.g. http://127.0.0.1:3100/shops/<shop>/apps/track.
  appProxyUrl: string;
  port?: number;
  host?: string;
  extensionDir?: string;
  blockName?: string;
  // The app's app-data metafields as Shopify holds them now (the stand-in's store), read on every request:
  // the block sees them as `app.metafields.<namespace>.<key>`.
  appMetafields?: () => readonly AppDataMetafield[];
};

export type StorefrontPreview = { url: string; close: () => Promise<void> };

const PAGE_PATH = /^(?:\/([a-z]{2}(?:-[a-z]{2})?))?\/pages\/track\/?$/i;
const PROXY_PATH = /^(?:\/[a-z]{2}(?:-[a-z]{2})?)?\/apps\/track(\/.*)?$/i;
const ASSET_PATH = /^\/preview-assets\/([\w.-]+)$/;
const FORWARDED_HEADERS = ["content-type", "accept", "accept-language", "user-agent"];
const ASSET_TYPES: Record<string, string> = { css: "text/css", js: "text/javascript" };

export async function startStorefrontPreview(options: StorefrontPreviewOptions): Promise<StorefrontPreview> {
  const extensionDir = options.extensionDir ?? DEFAULT_EXTENSION_DIR;
  const blockName = options.blockName ?? "tracking-page";

  const assetUrl = (name: string) => {
    const content = readAsset(extensionDir, name);
    return `/preview-assets/${name}${content ? `?v=${assetVersion(content)}` : ""}`;
  };

  async function renderPage(url: URL, localeTag: string | undefined): Promise<string> {
    const { defaultLocale, locales } = loadLocales(extensionDir);
    const language = localeTag?.split("-")[0]?.toLowerCase() ?? defaultLocale;
    const trees = [locales.get(language), locales.get(defaultLocale)].filter((tree) => tree !== undefined);
    const withBlock = url.searchParams.get("block") !== "0";
    const dir = url.searchParams.get("dir") === "rtl" ? "rtl" : "ltr";
    const engine = createShopifyLiquid({ locales: trees, assetUrl });
    const heading = (await engine.parseAndRender("{{ 'tracking.heading' | t }}")) as string;
    let head = "";
    let main = `<h1>${heading}</h1><p>Questions about an order? Contact us any time.</p>`;
    if (withBlock) {
      const block = loadBlock(extensionDir, blockName);
      const overrides = Object.fromEntries(
        [...url.searchParams]
          .filter(([key]) => key.startsWith("setting."))
          .map(([key, value]) => [key.slice(8), value]),
      );
      main = (await engine.parseAndRender(block.liquid, {
        block: {
          id: "preview",
          shopify_attributes: "",
          settings: { ...defaultSettings(block.schema), ...overrides },
        },
        app: { metafields: appMetafieldsDrop(options.appMetafields?.() ?? []) },
        routes: { root_url: localeTag ? `/${localeTag}` : "/" },
        request: { locale: { iso_code: localeTag ?? defaultLocale } },
      })) as string;
      // What Shopify does with the schema's assets: the stylesheet in <head>, the script deferred.
      if (block.schema.stylesheet)
        head += `<link rel="stylesheet" href="${assetUrl(block.schema.stylesheet)}">`;
      if (block.schema.javascript)
        head += `<script src="${assetUrl(block.schema.javascript)}" defer></script>`;
    }
    return renderLayout({
      shopName: options.shopName,
      lang: localeTag ?? defaultLocale,
      dir,
      title: heading.replace(/&#39;/g, "'"),
      head,
      main,
    });
  }

  async function route(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://preview.invalid");
    if (url.pathname === "/") {
      response.writeHead(302, { location: "/pages/track" }).end();
      return;
    }
    const page = PAGE_PATH.exec(url.pathname);
    if (page && request.method === "GET") {
      return send(
        request,
        response,
        200,
        "text/html; charset=utf-8",
        await renderPage(url, page[1]),
        "no-cache",
      );
    }
    const proxied = PROXY_PATH.exec(url.pathname);
    if (proxied)
      return forwardToProxy(request, response, `${options.appProxyUrl}${proxied[1] ?? ""}${url.search}`);
    const asset = ASSET_PATH.exec(url.pathname)?.[1];
    const content = asset ? readAsset(extensionDir, asset) : null;
    if (asset && content) {
      const type = ASSET_TYPES[asset.split(".").pop() ?? ""] ?? "application/octet-stream";
      return send(
        request,
        response,
        200,
        `${type}; charset=utf-8`,
        content,
        "public, max-age=31536000, immutable",
      );
    }
    send(request, response, 404, "text/plain; charset=utf-8", "Not found", "no-cache");
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      console.error("storefront preview:", error);
      if (!response.headersSent) send(request, response, 500, "text/plain", "Preview failed", "no-cache");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// Shopify's edge compresses what it serves; so does the preview, or Lighthouse would count bytes a shop never sends.
function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cacheControl: string,
) {
  const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
  const bytes = gzip ? gzipSync(body) : Buffer.from(body);
  response.writeHead(status, {
    "content-type": type,
    "cache-control": cacheControl,
    "content-length": bytes.length,
    ...(gzip ? { "content-encoding": "gzip", vary: "Accept-Encoding" } : {}),
  });
  response.end(bytes);
}

// The storefront's side of the app proxy: the shopper's request goes to the stand-in, which signs it and
// forwards it to the app. The shopper's address travels in X-Forwarded-For, as Shopify sends it.
async function forwardToProxy(request: IncomingMessage, response: ServerResponse, target: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  headers.set("x-forwarded-for", request.socket.remoteAddress ?? "127.0.0.1");
  const upstream = await fetch(target, {
    method: request.method,
    headers,
    body: request.method === "GET" || request.method === "HEAD" ? undefined : Buffer.concat(chunks),
    redirect: "manual",
  });
  const body = Buffer.from(await upstream.arrayBuffer());
  const relayed: Record<string, string> = {};
  for (const name of ["content-type", "cache-control", "retry-after", "location"]) {
    const value = upstream.headers.get(name);
    if (value) relayed[name] = value;
  }
  response.writeHead(upstream.status, { ...relayed, "content-length": body.length });
  response.end(body);
}
