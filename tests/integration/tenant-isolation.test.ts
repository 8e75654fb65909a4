import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { refreshDeliveryStats } from "../../app/models/delivery-stats/refresh.server";
import { sealSecret } from "../../app/services/secret-box.server";
import { APP_SCOPES } from "../../app/shopify-scopes";
import { seedShop } from "../../prisma/seed/demo-shop";
import { webhookHmac } from "../../shopify-standin";
import { sessionToken } from "../helpers/session-token";
import { SHOP_A, SHOP_B, seedOptions, testDatabase } from "../helpers/seeded-shops";
import { TEST_ENV } from "../setup/test-env";

// Tenant isolation: a session of shop A can read or change nothing of shop B through any route, loaders and
// actions alike, including with B's real IDs substituted wherever a route takes one.
//
// - Every route module in app/routes is found when the test runs (a new route cannot be forgotten) and called
//   the way Remix calls it after matching: production mode (no demo), A authenticated as Shopify does it for
//   embedded requests (an ID token signed with the app's secret in `Authorization: Bearer`, A's offline session
//   stored), with B's shipment, order, help request, notification… IDs in the path params, the query string and
//   the form, for every `intent` any form or route of the app mentions (scanned from the sources, so new intents
//   are sent too).
// - Nothing identifying B (B's IDs, order names and numbers, tracking numbers, provider details, its domain) may
//   appear in any answer, except what the request itself carried; no write may touch B's rows (a hash of every
//   B row of every model in prisma/schema.prisma, checked after each route) or leave B's IDs in A's rows; and no
//   request may go out for B (Shopify, carriers).
// - Routes that Shopify, Twilio or a signed link call (webhooks, app proxy, SMS inbound, unsubscribe) check their
//   own signature: unsigned, forged or A-session-only requests for B must be refused (4xx) and change nothing.

// Outbound HTTP: Shopify's library keeps the `fetch` it finds when it loads, so this runs before any app module.
// Loopback stays reachable (nothing listens there in this test); anything else fails at once, as offline.
const outbound = vi.hoisted(() => {
  const realFetch = globalThis.fetch;
  const urls: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) return realFetch(input, init);
    urls.push(url.toString());
    throw new TypeError(`fetch failed: no network in the tenant isolation test (${url.host})`);
  }) as typeof fetch;
  return { realFetch, urls };
});

const ROUTES_DIR = path.resolve("app/routes");
const APP_DIR = path.resolve("app");
const APP_URL = TEST_ENV.SHOPIFY_APP_URL;
// Shopify's library answers 410 to anything that looks like a bot, and a request without a user agent does.
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36";
// B's orders are numbered from 7001 (A's from 1001): B's order names, numbers and GIDs exist nowhere in A.
const B_FIRST_ORDER = 7001;
const B_NAME = "Bravo Supply Co";
// Each call with B's IDs is made this many times, the IDs rotating through B's rows of each kind.
const VARIANTS = 3;

// ---------------------------------------------------------------------------------------------------------
// Routes, as Remix's flat routes convention names them.

type RouteKind = "session" | "webhook" | "app-proxy" | "twilio" | "signed-link" | "open";
type RouteFile = { id: string; file: string; path: string; params: string[]; kind: RouteKind };

function routeFiles(): RouteFile[] {
  const files: Array<{ id: string; file: string }> = [];
  for (const entry of readdirSync(ROUTES_DIR).sort()) {
    const full = path.join(ROUTES_DIR, entry);
    if (statSync(full).isDirectory()) {
      const index = ["route.tsx", "route.ts", "route.jsx", "route.js"].find((name) =>
        existsSync(path.join(full, name)),
      );
      if (index) files.push({ id: entry, file: path.join(full, index) });
    } else if (/\.(tsx?|jsx?)$/.test(entry) && !/\.(test|spec)\./.test(entry)) {
      files.push({ id: entry.replace(/\.(tsx?|jsx?)$/, ""), file: full });
    }
  }
  return files.map(({ id, file }) => {
    const { path: urlPath, params } = urlOf(id);
    return { id, file, path: urlPath, params, kind: kindOf(urlPath) };
  });
}

function segmentsOf(id: string): string[] {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const char of id) {
    if (char === "[" || char === "]") escaped = char === "[";
    else if (char === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += char;
  }
  segments.push(current);
  return segments;
}

function urlOf(id: string): { path: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  for (let segment of segmentsOf(id)) {
    if (segment === "_index" || segment.startsWith("_")) continue; // index route, pathless layout
    if (segment.endsWith("_")) segment = segment.slice(0, -1); // out of the parent's layout, same URL
    if (/^\(.*\)$/.test(segment)) segment = segment.slice(1, -1); // optional segment
    if (segment === "$") {
      params.push("*");
      parts.push(":*");
    } else if (segment.startsWith("$")) {
      params.push(segment.slice(1));
      parts.push(`:${segment.slice(1)}`);
    } else parts.push(segment);
  }
  return { path: `/${parts.join("/")}`, params };
}

function kindOf(urlPath: string): RouteKind {
  if (urlPath.startsWith("/webhooks/")) return "webhook";
  if (urlPath === "/proxy" || urlPath.startsWith("/proxy/")) return "app-proxy";
  if (urlPath.startsWith("/sms/")) return "twilio";
  if (urlPath.startsWith("/notifications/unsubscribe")) return "signed-link";
  if (urlPath === "/" || urlPath === "/healthz" || urlPath === "/auth" || urlPath.startsWith("/auth/"))
    return "open";
  // Everything else answers only an authenticated session: the admin, and the extensions' APIs.
  return "session";
}

const ROUTES = routeFiles();

// ---------------------------------------------------------------------------------------------------------
// What forms and routes send: every `intent` value and form/query field name mentioned anywhere in app/.

function sourcesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: "utf8" })
    .filter((entry) => /\.(tsx?|jsx?)$/.test(entry))
    .map((entry) => readFileSync(path.join(directory, entry), "utf8"));
}

function collect(sources: string[], patterns: RegExp[]): string[] {
  const found = new Set<string>();
  for (const source of sources)
    for (const pattern of patterns)
      for (const match of source.matchAll(pattern)) if (match[1]) found.add(match[1]);
  return [...found].sort();
}

const APP_SOURCES = sourcesUnder(APP_DIR);
const LITERAL = String.raw`["'\`]([\w:.-]+)["'\`]`;

const INTENTS = (() => {
  const intents = new Set(
    collect(APP_SOURCES, [
      new RegExp(String.raw`intent["'\`]?\)?\s*(?:===|!==|==|!=)\s*${LITERAL}`, "g"),
      new RegExp(String.raw`${LITERAL}\s*(?:===|!==|==|!=)\s*[\w.?]*intent\b`, "g"),
      new RegExp(String.raw`\bintent\s*:\s*${LITERAL}`, "g"),
      new RegExp(String.raw`name=["']intent["'][^>]*?\bvalue=\{?${LITERAL}`, "g"),
      new RegExp(String.raw`value=\{?${LITERAL}\}?[^>]*?\bname=["']intent["']`, "g"),
      new RegExp(String.raw`\.(?:set|append)\(\s*["']intent["']\s*,\s*${LITERAL}`, "g"),
    ]),
  );
  // `switch (intent) { case "…": }` and `type Intent = "…" | "…"`.
  for (const source of APP_SOURCES) {
    if (/switch\s*\([^)]*intent[^)]*\)/i.test(source))
      for (const match of source.matchAll(new RegExp(String.raw`\bcase\s+${LITERAL}\s*:`, "g")))
        if (match[1]) intents.add(match[1]);
    for (const union of source.matchAll(/\btype\s+\w*Intent\w*\s*=([^;]+);/g))
      for (const match of (union[1] ?? "").matchAll(new RegExp(LITERAL, "g")))
        if (match[1]) intents.add(match[1]);
  }
  return [...intents].sort();
})();

// Form fields: what the admin's forms post (components, routes) and what routes read.
const FORM_SOURCES = [...sourcesUnder(ROUTES_DIR), ...sourcesUnder(path.join(APP_DIR, "components"))];
const FIELD_NAMES = collect(FORM_SOURCES, [
  /\bname=["']([A-Za-z_][\w-]*)["']/g,
  /\.(?:get|getAll|has)\(\s*["']([A-Za-z_][\w-]*)["']\s*\)/g,
  /\b(?:form|fields|formData|values)\.([A-Za-z_]\w*)\b/g,
]).filter(
  (name) =>
    !/^(intent|viewport|get|getAll|has|entries|keys|set|append|delete|data|state)$/.test(name) &&
    !/^x-|-/.test(name),
);

// Query keys a loader might read: the fields above (search params use the same `.get("…")`), plus the usual
// names an ID or a search could go by.
const QUERY_KEYS = [
  ...new Set([
    ...FIELD_NAMES,
    "id",
    "shipmentId",
    "shipment",
    "orderId",
    "order",
    "requestId",
    "notificationId",
    "q",
    "query",
    "search",
    "shop",
  ]),
].sort();

// ---------------------------------------------------------------------------------------------------------
// The shops.

type ShopIds = {
  shop: string;
  shipments: string[];
  orders: string[];
  orderNumbers: string[];
  orderGids: string[];
  orderNames: string[];
  trackingNumbers: string[];
  supportRequests: string[];
  notifications: string[];
  jobs: string[];
  syncRuns: string[];
  carrierAccounts: string[];
  preferences: string[];
  webhookDeliveries: string[];
};

async function idsOf(shop: string): Promise<ShopIds> {
  // Shipments that matter most first: one needing attention, one with a help request, then any.
  const shipments = await prisma.shipment.findMany({
    where: { shop },
    orderBy: [{ attention: "desc" }, { id: "asc" }],
    select: { id: true, trackingNumber: true, orderId: true, supportRequests: { select: { id: true } } },
  });
  const withHelp = shipments.filter((shipment) => shipment.supportRequests.length);
  const picked = [
    ...new Set(
      [shipments[0], withHelp[0], ...shipments].filter(
        (shipment): shipment is (typeof shipments)[number] => shipment !== undefined,
      ),
    ),
  ].slice(0, VARIANTS);
  const orders = await prisma.order.findMany({
    where: { shop, id: { in: picked.map((shipment) => shipment.orderId) } },
    select: { id: true, shopifyId: true, name: true },
  });
  const first = async <T extends { id: string }>(rows: Promise<T[]>) => (await rows).map((row) => row.id);
  return {
    shop,
    shipments: picked.map((shipment) => shipment.id),
    trackingNumbers: picked.flatMap((shipment) => (shipment.trackingNumber ? [shipment.trackingNumber] : [])),
    orders: orders.map((order) => order.id),
    orderGids: orders.map((order) => order.shopifyId),
    orderNumbers: orders.map((order) => order.shopifyId.split("/").pop() ?? ""),
    orderNames: orders.map((order) => order.name),
    supportRequests: await first(prisma.supportRequest.findMany({ where: { shop }, take: VARIANTS })),
    notifications: await first(prisma.notification.findMany({ where: { shop }, take: VARIANTS })),
    jobs: await first(prisma.job.findMany({ where: { shop }, take: VARIANTS })),
    syncRuns: await first(prisma.syncRun.findMany({ where: { shop }, take: VARIANTS })),
    carrierAccounts: await first(prisma.carrierAccount.findMany({ where: { shop }, take: VARIANTS })),
    preferences: await first(prisma.notificationPreference.findMany({ where: { shop }, take: VARIANTS })),
    webhookDeliveries: await first(prisma.webhookDelivery.findMany({ where: { shop }, take: VARIANTS })),
  };
}

// The IDs a param, query key or form field named `name` could take, from one shop.
function candidatesFor(name: string, ids: ShopIds): string[] {
  const lower = name.toLowerCase();
  const pick = (values: string[]) => (values.length ? values : [ids.shipments[0] ?? ""]);
  if (lower === "shop" || lower === "shopdomain" || lower === "domain") return [ids.shop];
  if (/tracking|number$/.test(lower) && !/order/.test(lower)) return pick(ids.trackingNumbers);
  if (/^(q|query|search|term)$/.test(lower))
    return pick(interleave(ids.trackingNumbers, ids.orderNames, ids.orderNumbers));
  if (/notification|message/.test(lower)) return pick(ids.notifications);
  if (/shipment|parcel/.test(lower)) return pick(ids.shipments);
  // An order goes by its row ID in the admin and by Shopify's number or GID in the extensions' APIs.
  if (/order/.test(lower)) return pick(interleave(ids.orderNumbers, ids.orders, ids.orderGids));
  if (/request|support|help|ticket|case/.test(lower)) return pick(ids.supportRequests);
  if (/job/.test(lower)) return pick(ids.jobs);
  if (/run|sync|backfill/.test(lower)) return pick(ids.syncRuns);
  if (/account|credential/.test(lower)) return pick(ids.carrierAccounts);
  if (/preference|consent/.test(lower)) return pick(ids.preferences);
  if (/webhook|delivery/.test(lower)) return pick(ids.webhookDeliveries);
  // A bare `id` (or a param whose name says nothing): one of each kind, in turn.
  return pick(
    [
      ids.shipments[0],
      ids.supportRequests[0],
      ids.notifications[0],
      ids.orders[0],
      ids.orderNumbers[0],
      ids.carrierAccounts[0],
      ids.jobs[0],
      ids.syncRuns[0],
    ].filter((value): value is string => Boolean(value)),
  );
}

// [a0, b0, c0, a1, b1, c1, …]: the first few variants try each kind of value.
function interleave(...lists: string[][]): string[] {
  const longest = Math.max(0, ...lists.map((list) => list.length));
  return Array.from({ length: longest }, (_, index) => lists.flatMap((list) => list[index] ?? [])).flat();
}

function isIdName(name: string): boolean {
  return (
    /(^id$|^ids$|Ids?$|_ids?$|^shop$|^shopDomain$)/.test(name) ||
    /^(shipment|order|request|notification|q|query|search|trackingNumber)$/i.test(name)
  );
}

// What a merchant would type in a field that is not an ID: enough to get past validation where it can.
function plausibleValue(name: string): string {
  const lower = name.toLowerCase();
  if (/carrier/.test(lower)) return "ups";
  if (/email|address|replyto|to$/.test(lower)) return "merchant@alpha-goods.example";
  if (/phone|number$/.test(lower)) return "+14155550100";
  if (/status/.test(lower)) return "resolved";
  if (/reason/.test(lower)) return "late";
  if (/channel/.test(lower)) return "email";
  if (/milestone|preview/.test(lower)) return "shipped";
  if (/locale|language/.test(lower)) return "en";
  if (/host/.test(lower)) return "127.0.0.1";
  if (/port/.test(lower)) return "1";
  if (/url/.test(lower)) return "http://127.0.0.1:1";
  if (/color|colour/.test(lower)) return "#1a73e8";
  if (lower === "table") return "carriers";
  if (lower === "kind") return "late";
  if (lower === "owner") return "carrier";
  if (/time$/.test(lower)) return "14:00";
  if (/businessdays/.test(lower)) return "MON";
  if (/days|hours|minutes|count|limit|max|per|radius/.test(lower)) return "3";
  if (/secure|enabled|writeback|^on$/.test(lower)) return "on";
  return "A's note";
}

// ---------------------------------------------------------------------------------------------------------
// Seeding: both shops through the demo seed, plus a row of every other kind for B (and A).

async function seedExtras(shop: string, ids: { orderId: string; shipmentId: string }, tag: string) {
  const key = TEST_ENV.CREDENTIALS_ENCRYPTION_KEY;
  await prisma.shopSettings.update({
    where: { shop },
    data: {
      emailProvider: JSON.stringify({
        type: "smtp",
        host: `smtp.${tag}-mail.example`,
        port: 587,
        secure: false,
        username: `${tag}-smtp-user`,
        sealedPassword: sealSecret(`${tag}-smtp-password`, key),
        passwordHint: "••••word",
        fromAddress: `shipping@${tag}-mail.example`,
        fromName: `${tag} shipping desk`,
        replyTo: null,
        verifiedAt: "2026-11-01T00:00:00.000Z",
      }),
      smsProvider: JSON.stringify({
        type: "twilio",
        baseUrl: "http://127.0.0.1:1",
        accountSid: `AC${createHash("sha256").update(tag).digest("hex").slice(0, 32)}`,
        sealedAuthToken: sealSecret(`${tag}-twilio-auth-token`, key),
        authTokenHint: "••••oken",
        fromNumber: tag === "bravo" ? "+14155550177" : "+14155550100",
        accountName: `${tag} texts account`,
        verifiedAt: "2026-11-01T00:00:00.000Z",
      }),
    },
  });
  const common = { shop, orderId: ids.orderId, shipmentId: ids.shipmentId, channel: "email" };
  await prisma.notification.createMany({
    data: [
      {
        ...common,
        milestone: "delayed",
        status: "dead",
        idempotencyKey: `${tag}-dead-1`,
        attempts: 6,
        lastError: `550 ${tag} mailbox unavailable`,
        recipientHint: `${tag[0]}•••@${tag}-shopper.example`,
      },
      {
        ...common,
        milestone: "shipped",
        status: "sent",
        idempotencyKey: `${tag}-sent-1`,
        sentAt: new Date(),
        providerMessageId: `<${tag}-message-1@${tag}-mail.example>`,
        recipientHint: `${tag[0]}•••@${tag}-shopper.example`,
      },
    ],
  });
  await prisma.notificationPreference.create({
    data: {
      shop,
      orderId: ids.orderId,
      emailOptIn: true,
      smsOptIn: true,
      phone: tag === "bravo" ? "+14155550188" : "+14155550111",
      consentText: `${tag} consent wording`,
      consentAt: new Date(),
      source: "thank_you",
    },
  });
  await prisma.messagingOptOut.create({
    data: { shop, channel: "sms", addressHash: `${tag}-opt-out-hash`, source: "sms_stop" },
  });
  await prisma.carrierAccount.create({
    data: {
      shop,
      carrier: "fedex",
      credentials: sealSecret(JSON.stringify({ clientId: `${tag}-fedex-client` }), key),
      credentialHint: `••••${tag.slice(0, 4).toUpperCase()}`,
    },
  });
  await prisma.job.create({
    data: { shop, type: "shipment.refresh", payload: JSON.stringify({ shipmentId: ids.shipmentId }) },
  });
  await prisma.syncRun.create({
    data: {
      shop,
      kind: "backfill",
      status: "completed",
      bulkOperationId: `gid://shopify/BulkOperation/${tag}1`,
    },
  });
  await prisma.webhookDelivery.create({
    data: { shop, webhookId: `${tag}-webhook-1`, topic: "orders/create", status: "processed" },
  });
  await prisma.supportRequest.updateMany({
    where: { shop },
    data: { contactEmail: `${tag}.shopper@${tag}-shopper.example`, internalNotes: `${tag} internal note` },
  });
  await prisma.session.create({
    data: {
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      scope: APP_SCOPES.join(","),
      accessToken: `shpat_${tag}_offline_token`,
    },
  });
  await refreshDeliveryStats({ shop });
}

async function firstShipment(shop: string) {
  const shipment = await prisma.shipment.findFirstOrThrow({
    where: { shop, attention: { not: null } },
    orderBy: { id: "asc" },
    select: { id: true, orderId: true },
  });
  return { shipmentId: shipment.id, orderId: shipment.orderId };
}

// ---------------------------------------------------------------------------------------------------------
// B's rows: a hash per model, and the values that identify B.

type Model = { name: string; delegate: string; shopField: string | null };

const MODELS: Model[] = (() => {
  const schema = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(([, name = "", body = ""]) => ({
    name,
    delegate: name.charAt(0).toLowerCase() + name.slice(1),
    shopField: name === "Shop" ? "domain" : /^\s+shop\s+String\b/m.test(body) ? "shop" : null,
  }));
})();

type Delegate = { findMany(args: object): Promise<Array<Record<string, unknown>>> };

function delegateOf(model: Model): Delegate {
  const delegate = (prisma as unknown as Record<string, Delegate | undefined>)[model.delegate];
  if (!delegate)
    throw new Error(`prisma.${model.delegate} is missing: is the client generated from the schema?`);
  return delegate;
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? item.toString() : item));
}

async function rowsOf(shop: string): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const model of MODELS) {
    // A model without a shop column is read whole: no call of A may change it either.
    const where = model.shopField ? { [model.shopField]: shop } : {};
    rows[model.name] = (await delegateOf(model).findMany({ where })).map(stable).sort();
  }
  return rows;
}

async function snapshotOf(shop: string): Promise<Record<string, string>> {
  const rows = await rowsOf(shop);
  return Object.fromEntries(
    Object.entries(rows).map(([name, list]) => [
      name,
      `${list.length} rows ${createHash("sha256").update(list.join("\n")).digest("hex")}`,
    ]),
  );
}

// Fields whose values say whose data it is. JSON text columns are read for their string leaves.
const IDENTIFYING_FIELD =
  /^(id|\w+Id|name|trackingNumber|trackingUrl|lastMileTrackingNumber|\w*Email|contactEmail|phone|consentText|internalNotes|credentialHint|recipientHint|providerMessageId|idempotencyKey|webhookId|uniqueKey|lastError|host|username|fromAddress|fromName|accountSid|accountName|fromNumber|addressHash|payload|accessToken|credentials|emailProvider|smsProvider)$/;

function stringLeaves(value: unknown, out: string[]): void {
  if (typeof value === "string") {
    out.push(value);
    if (/^[[{]/.test(value)) {
      try {
        stringLeaves(JSON.parse(value), out);
      } catch {
        // Not JSON: the string itself is enough.
      }
    }
  } else if (Array.isArray(value)) for (const item of value) stringLeaves(item, out);
  else if (value && typeof value === "object")
    for (const item of Object.values(value)) stringLeaves(item, out);
}

// The row IDs of `shop`'s rows: what a job, a note or a link in another shop's rows must never point at.
async function rowIdsOf(shop: string): Promise<string[]> {
  const ids: string[] = [];
  for (const model of MODELS) {
    if (!model.shopField || model.name === "Shop") continue;
    for (const row of await delegateOf(model).findMany({ where: { [model.shopField]: shop } }))
      if (typeof row.id === "string") ids.push(row.id);
  }
  return ids;
}

async function markersOf(shop: string, exclude: string): Promise<string[]> {
  const markers = new Set<string>([shop, shop.split(".")[0] ?? shop, B_NAME, "bravosupply", "bravo"]);
  for (const model of MODELS) {
    if (!model.shopField) continue;
    for (const row of await delegateOf(model).findMany({ where: { [model.shopField]: shop } })) {
      for (const [field, value] of Object.entries(row)) {
        if (!IDENTIFYING_FIELD.test(field)) continue;
        const leaves: string[] = [];
        stringLeaves(value, leaves);
        for (const leaf of leaves) if (leaf.length >= 5 && !/^\{|^\[/.test(leaf)) markers.add(leaf);
      }
    }
  }
  // Whatever A's own rows also hold does not identify B (shared vocabulary, the same carrier names…).
  return [...markers].filter((marker) => !exclude.includes(marker)).sort();
}

// ---------------------------------------------------------------------------------------------------------
// Calling a route module as Remix does after matching it.

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: object }) => unknown;
  action?: (args: { request: Request; params: Record<string, string>; context: object }) => unknown;
};

type Answer = { routeId: string; status: number; text: string; request: string; label: string };

async function invoke(
  routeId: string,
  handler: NonNullable<RouteModule["loader"]>,
  request: Request,
  params: Record<string, string>,
  label: string,
): Promise<Answer> {
  const requestText = `${request.method} ${request.url} ${await request.clone().text()}`;
  let result: unknown;
  try {
    result = await handler({ request, params, context: {} });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    const text = await result.text().catch(() => "");
    return {
      routeId,
      status: result.status,
      text: `${text} ${result.headers.get("Location") ?? ""}`,
      request: requestText,
      label,
    };
  }
  if (result instanceof Error) {
    return { routeId, status: 500, text: `${result.message}`, request: requestText, label };
  }
  return { routeId, status: 200, text: stable(result ?? null), request: requestText, label };
}

function adminToken(shop: string): string {
  return sessionToken({
    shop,
    apiKey: TEST_ENV.SHOPIFY_API_KEY,
    apiSecret: TEST_ENV.SHOPIFY_API_SECRET,
    // The admin's users and customer accounts' customers alike: a GID as the subject.
    userId: "gid://shopify/Customer/4242",
  });
}

function fill(route: RouteFile, ids: ShopIds, variant: number): string {
  let filled = route.path;
  for (const param of route.params) {
    const values = candidatesFor(param, ids);
    filled = filled.replace(`:${param}`, encodeURIComponent(values[variant % values.length] ?? ""));
  }
  return filled;
}

function paramsOf(route: RouteFile, ids: ShopIds, variant: number): Record<string, string> {
  return Object.fromEntries(
    route.params.map((param) => {
      const values = candidatesFor(param, ids);
      return [param, values[variant % values.length] ?? ""];
    }),
  );
}

function formFor(intent: string | null, ids: ShopIds, variant: number, full: boolean): URLSearchParams {
  const form = new URLSearchParams();
  if (intent !== null) form.set("intent", intent);
  for (const name of FIELD_NAMES) {
    if (isIdName(name)) {
      const values = candidatesFor(name, ids);
      form.set(name, values[variant % values.length] ?? "");
    } else if (full) form.set(name, plausibleValue(name));
  }
  for (const name of ["id", "shipmentId", "orderId", "requestId", "notificationId", "shop"]) {
    if (form.has(name)) continue;
    const values = candidatesFor(name, ids);
    form.set(name, values[variant % values.length] ?? "");
  }
  return form;
}

// The same fields as a JSON body, the way the extensions post them (switches as booleans), with what the
// extensions' APIs take besides IDs, so their bodies validate and the order lookup is what decides.
function typedJson(form: URLSearchParams): Record<string, unknown> {
  return {
    email: true,
    sms: true,
    phone: "+14155550100",
    consentText: "A's consent wording",
    locale: "en",
    ...Object.fromEntries(
      [...form].map(([name, value]) => [
        name,
        value === "on" || /^(email|sms|enabled|active|secure|optIn|\w+OptIn)$/i.test(name) ? true : value,
      ]),
    ),
  };
}

function queryFor(ids: ShopIds, variant: number): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of QUERY_KEYS) {
    const values = isIdName(key) ? candidatesFor(key, ids) : [plausibleValue(key)];
    query.set(key, values[variant % values.length] ?? "");
  }
  return query;
}

function sessionRequest(url: string, init: { method?: string; body?: BodyInit; json?: boolean } = {}) {
  const headers = new Headers({
    Authorization: `Bearer ${adminToken(SHOP_A)}`,
    "User-Agent": USER_AGENT,
  });
  if (init.body !== undefined)
    headers.set("Content-Type", init.json ? "application/json" : "application/x-www-form-urlencoded");
  return new Request(`${APP_URL}${url}`, { method: init.method ?? "GET", headers, body: init.body });
}

// ---------------------------------------------------------------------------------------------------------

let aIds: ShopIds;
let bIds: ShopIds;
let markers: string[];
let baseline: Record<string, string>;
const answers: Answer[] = [];
const modules = new Map<string, RouteModule>();

beforeAll(async () => {
  await seedShop(testDatabase(), seedOptions(SHOP_A, 30, 7));
  await seedShop(testDatabase(), {
    ...seedOptions(SHOP_B, 30, 99),
    name: B_NAME,
    firstOrderNumber: B_FIRST_ORDER,
  });
  await seedExtras(SHOP_A, await firstShipment(SHOP_A), "alpha");
  await seedExtras(SHOP_B, await firstShipment(SHOP_B), "bravo");
  aIds = await idsOf(SHOP_A);
  bIds = await idsOf(SHOP_B);
  markers = await markersOf(SHOP_B, stable(await rowsOf(SHOP_A)));
  baseline = await snapshotOf(SHOP_B);
  for (const route of ROUTES) modules.set(route.id, (await import(route.file)) as RouteModule);
}, 120_000);

afterAll(() => {
  globalThis.fetch = outbound.realFetch;
});

function moduleOf(route: RouteFile): RouteModule {
  const module = modules.get(route.id);
  if (!module) throw new Error(`${route.file} was not imported`);
  return module;
}

function leaksIn(answer: Answer): string[] {
  return markers.filter((marker) => answer.text.includes(marker) && !answer.request.includes(marker));
}

async function expectBUnchanged(label: string) {
  expect(await snapshotOf(SHOP_B), `B's rows after ${label}`).toEqual(baseline);
}

describe("the routes found in app/routes", () => {
  it("are all classified, and the admin, its extensions' APIs and every public entry point are among them", () => {
    const paths = ROUTES.map((route) => route.path);
    expect(paths).toEqual(expect.arrayContaining(["/app", "/app/shipments", "/webhooks/orders/create"]));
    expect(ROUTES.filter((route) => route.kind === "session").length).toBeGreaterThan(5);
    // Enough of B to look for: IDs of every kind the routes take.
    for (const list of [bIds.shipments, bIds.orders, bIds.supportRequests, bIds.notifications])
      expect(list.length).toBeGreaterThan(0);
    expect(markers.length).toBeGreaterThan(50);
    expect(INTENTS.length).toBeGreaterThan(3);
  });

  it("run in production mode: without A's session token the admin answers nothing", async () => {
    expect(process.env.PARCELWISE_DEMO).toBe("0");
    const route = ROUTES.find((candidate) => candidate.id === "app._index");
    const loader = route && moduleOf(route).loader;
    if (!route || !loader) throw new Error("app/routes/app._index.tsx has no loader");
    const anonymous = new Request(`${APP_URL}/app`, { headers: { "User-Agent": USER_AGENT } });
    const answer = await invoke(route.id, loader, anonymous, {}, "GET /app without a session");
    expect(answer.status).not.toBe(200);
    expect(answer.status).toBeLessThan(500);
  });
});

describe.each(ROUTES.filter((route) => route.kind === "session").map((route) => [route.id, route] as const))(
  "%s, with shop A's session",
  (_id, route) => {
    it("shows and changes nothing of shop B, whatever B IDs it is given", async () => {
      const module = moduleOf(route);
      const own: Answer[] = [];
      const calls: Answer[] = [];
      if (module.loader) {
        // A's own page first: A's session is accepted (otherwise nothing below would be tested).
        own.push(
          await invoke(
            route.id,
            module.loader,
            sessionRequest(fill(route, aIds, 0)),
            paramsOf(route, aIds, 0),
            "own",
          ),
        );
        for (let variant = 0; variant < VARIANTS; variant += 1) {
          const url = fill(route, bIds, variant);
          const params = paramsOf(route, bIds, variant);
          calls.push(await invoke(route.id, module.loader, sessionRequest(url), params, `GET ${url}`));
          const query = `${url}?${queryFor(bIds, variant)}`;
          calls.push(await invoke(route.id, module.loader, sessionRequest(query), params, `GET ${query}`));
        }
      }
      if (module.action) {
        const source = readFileSync(route.file, "utf8");
        const readsJson = /request\.json\(\)|readJsonBody/.test(source);
        for (const intent of [null, ...INTENTS]) {
          for (let variant = 0; variant < VARIANTS; variant += 1) {
            const url = fill(route, bIds, variant);
            const params = paramsOf(route, bIds, variant);
            for (const full of variant === 0 ? [false, true] : [false]) {
              const form = formFor(intent, bIds, variant, full);
              const label = `POST ${url} intent=${intent} ${full ? "full" : "ids only"}`;
              calls.push(
                await invoke(
                  route.id,
                  module.action,
                  sessionRequest(url, { method: "POST", body: form }),
                  params,
                  label,
                ),
              );
              if (readsJson && intent === null) {
                const json = JSON.stringify(typedJson(form));
                calls.push(
                  await invoke(
                    route.id,
                    module.action,
                    sessionRequest(url, { method: "POST", body: json, json: true }),
                    params,
                    `${label} (JSON)`,
                  ),
                );
              }
            }
          }
        }
      }
      answers.push(...own, ...calls);

      for (const answer of own) {
        expect(
          [401, 403, 410],
          `${route.id}: A's own request was refused (${answer.text.slice(0, 200)})`,
        ).not.toContain(answer.status);
        expect(answer.status, `${route.id} for A: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
      }
      for (const answer of calls) {
        expect(leaksIn(answer), `${answer.label} → ${answer.status}`).toEqual([]);
        // Refused for B's data, not for lack of a session: the session was A's, and it was accepted.
        expect([401, 403, 410], `${answer.label}: ${answer.text.slice(0, 200)}`).not.toContain(answer.status);
      }
      await expectBUnchanged(route.id);
    }, 240_000);
  },
);

// ---------------------------------------------------------------------------------------------------------
// Public entry points: their own signatures, never A's session.

function webhookRequest(route: RouteFile, signature: "none" | "forged", bearer: boolean): Request {
  const topic = route.path.replace(/^\/webhooks\//, "");
  const body = JSON.stringify({
    id: Number(bIds.orderNumbers[0]),
    admin_graphql_api_id: bIds.orderGids[0],
    name: bIds.orderNames[0],
    shop_domain: SHOP_B,
  });
  const headers = new Headers({
    "Content-Type": "application/json",
    "User-Agent": "Shopify-Captain-Hook",
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": SHOP_B,
    "X-Shopify-Webhook-Id": `forged-${topic}-${signature}-${bearer}`,
    "X-Shopify-API-Version": "2025-10",
    "X-Shopify-Triggered-At": new Date().toISOString(),
  });
  if (signature === "forged")
    headers.set("X-Shopify-Hmac-Sha256", webhookHmac(Buffer.from(body), "someone-elses-secret"));
  if (bearer) headers.set("Authorization", `Bearer ${adminToken(SHOP_A)}`);
  return new Request(`${APP_URL}${route.path}`, { method: "POST", headers, body });
}

function signedEntryRequests(route: RouteFile): Array<{ request: Request; label: string }> {
  const requests: Array<{ request: Request; label: string }> = [];
  for (const bearer of [false, true]) {
    const headers = (extra: Record<string, string> = {}) => {
      const list = new Headers({ "User-Agent": USER_AGENT, ...extra });
      if (bearer) list.set("Authorization", `Bearer ${adminToken(SHOP_A)}`);
      return list;
    };
    const suffix = bearer ? " with A's session token" : "";
    if (route.kind === "webhook") {
      for (const signature of ["none", "forged"] as const)
        requests.push({
          request: webhookRequest(route, signature, bearer),
          label: `${signature} HMAC${suffix}`,
        });
    } else if (route.kind === "app-proxy") {
      const query = new URLSearchParams({
        shop: SHOP_B,
        path_prefix: "/apps/track",
        timestamp: String(Math.floor(Date.now() / 1000)),
        logged_in_customer_id: "",
      });
      const forged = new URLSearchParams(query);
      forged.set("signature", "0".repeat(64));
      const lookup = new URLSearchParams({
        order: bIds.orderNames[0] ?? "",
        email: "shopper+7001@example.com",
      });
      for (const [name, search] of [
        ["unsigned", query],
        ["forged", forged],
      ] as const) {
        requests.push({
          request: new Request(`${APP_URL}${route.path}?${search}`, { headers: headers() }),
          label: `GET ${name}${suffix}`,
        });
        requests.push({
          request: new Request(`${APP_URL}${route.path}?${search}`, {
            method: "POST",
            headers: headers({ "Content-Type": "application/x-www-form-urlencoded" }),
            body: lookup,
          }),
          label: `POST lookup of B's order, ${name}${suffix}`,
        });
      }
    } else if (route.kind === "twilio") {
      const body = new URLSearchParams({ From: "+14155550123", To: "+14155550177", Body: "STOP" });
      for (const signature of [null, "Zm9yZ2VkIHNpZ25hdHVyZQ=="]) {
        requests.push({
          request: new Request(`${APP_URL}${route.path}?shop=${SHOP_B}`, {
            method: "POST",
            headers: headers({
              "Content-Type": "application/x-www-form-urlencoded",
              ...(signature ? { "X-Twilio-Signature": signature } : {}),
            }),
            body,
          }),
          label: `STOP for B, ${signature ? "forged" : "unsigned"}${suffix}`,
        });
      }
    } else if (route.kind === "signed-link") {
      const token = `${bIds.orders[0]}.email.${"a".repeat(64)}.${"b".repeat(43)}`;
      const url = `${APP_URL}${route.path}?shop=${SHOP_B}&token=${encodeURIComponent(token)}`;
      requests.push({ request: new Request(url, { headers: headers() }), label: `GET forged link${suffix}` });
      requests.push({
        request: new Request(url, { method: "POST", headers: headers() }),
        label: `POST forged link${suffix}`,
      });
    }
  }
  return requests;
}

describe.each(
  ROUTES.filter((route) => !["session", "open"].includes(route.kind)).map(
    (route) => [route.id, route] as const,
  ),
)("%s (signed by its caller)", (_id, route) => {
  it("refuses unsigned, forged and A-session-only requests for shop B, changing nothing", async () => {
    const module = moduleOf(route);
    const requests = signedEntryRequests(route);
    expect(requests.length).toBeGreaterThan(0);
    for (const { request, label } of requests) {
      const handler = request.method === "GET" ? module.loader : module.action;
      if (!handler) continue; // Remix answers 405 itself.
      const answer = await invoke(route.id, handler, request, {}, `${route.id} ${label}`);
      answers.push(answer);
      // Shopify's library answers a webhook without its HMAC header 400 and a wrong HMAC 401; the proxy and
      // Twilio's webhook 401/403; a forged unsubscribe link is "not valid" (400).
      const refusals =
        route.kind === "signed-link" || label.startsWith("none") ? [400, 401, 403] : [401, 403];
      expect(refusals, `${answer.label}: ${answer.status} ${answer.text.slice(0, 200)}`).toContain(
        answer.status,
      );
      expect(leaksIn(answer), answer.label).toEqual([]);
    }
    await expectBUnchanged(route.id);
  }, 120_000);
});

describe.each(ROUTES.filter((route) => route.kind === "open").map((route) => [route.id, route] as const))(
  "%s (open: login, health, redirects)",
  (_id, route) => {
    it("tells nothing of shop B, with or without A's session", async () => {
      const module = moduleOf(route);
      for (const bearer of [false, true]) {
        for (const [method, handler] of [
          ["GET", module.loader],
          ["POST", module.action],
        ] as const) {
          if (!handler) continue;
          const url = `${fill(route, bIds, 0)}?shop=${SHOP_B}`;
          const headers = new Headers({ "User-Agent": USER_AGENT });
          if (bearer) headers.set("Authorization", `Bearer ${adminToken(SHOP_A)}`);
          const body = method === "POST" ? new URLSearchParams({ shop: SHOP_B }) : undefined;
          const answer = await invoke(
            route.id,
            handler,
            new Request(`${APP_URL}${url}`, { method, headers, body }),
            paramsOf(route, bIds, 0),
            `${method} ${url}${bearer ? " with A's session token" : ""}`,
          );
          answers.push(answer);
          expect(leaksIn(answer), answer.label).toEqual([]);
        }
      }
      await expectBUnchanged(route.id);
    }, 120_000);
  },
);

afterAll(() => {
  // TENANT_ISOLATION_REPORT=<file>: the calls made and their answers' statuses, per route.
  const file = process.env.TENANT_ISOLATION_REPORT;
  if (!file) return;
  const byRoute: Record<string, Record<number, number>> = {};
  for (const answer of answers) {
    const statuses = (byRoute[answer.routeId] ??= {});
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  }
  writeFileSync(
    file,
    JSON.stringify(
      {
        routes: ROUTES.length,
        calls: answers.length,
        intents: INTENTS,
        byRoute,
        serverErrors: answers
          .filter((answer) => answer.status >= 500)
          .map((answer) => `${answer.label}: ${answer.text.slice(0, 160)}`),
      },
      null,
      2,
    ),
  );
});

describe("after every call", () => {
  it("B's rows are as seeded, A's rows hold none of B's IDs, and nothing went out for B", async () => {
    expect(answers.length).toBeGreaterThan(100);
    expect(await snapshotOf(SHOP_B)).toEqual(baseline);
    const aRows = await rowsOf(SHOP_A);
    // B's Shopify IDs an A session sends (a checkout's order GID) are A's own claim, kept under A and looked up
    // under A; B's row IDs are not: a job or a link of A's pointing at one of B's rows would act on B.
    const bRowIds = await rowIdsOf(SHOP_B);
    const inA = Object.entries(aRows).flatMap(([model, rows]) =>
      rows.flatMap((row) => bRowIds.filter((id) => row.includes(id)).map((id) => `${model} ${id}: ${row}`)),
    );
    expect(inA).toEqual([]);
    expect(outbound.urls.filter((url) => /bravo/i.test(url))).toEqual([]);
  });
});
