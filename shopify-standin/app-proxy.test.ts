import "@shopify/shopify-api/adapters/node";
import { existsSync, readFileSync } from "node:fs";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHOPIFY_API_VERSION } from "../app/shopify-api-version";
import { loadAdminSchemas } from "./admin-schema";
import { appProxySignatureMessage, signAppProxyQuery } from "./app-proxy-signature";
import { demoShop } from "./demo-seed";
import { sharedDir, sharedFile } from "./shared-dir";
import { createShopifyStandin, type ShopifyStandin } from "./standin-server";
import { startTestApp, type TestAppServer } from "./test-app-server";

interface ProxyVectors {
  app_proxy: {
    secret: string;
    vectors: { source: string; query?: string; message: string; signature: string }[];
  };
}

const vectorsPath = sharedFile("appProxyTestVectors");
const vectorsAvailable = existsSync(vectorsPath);
const sharedAvailable = loadAdminSchemas() !== null;
if (!vectorsAvailable || !sharedAvailable)
  console.warn(`skipping app-proxy tests that need ${sharedDir()}: not found`);

describe.skipIf(!vectorsAvailable)("app-proxy signature", () => {
  const { secret, vectors } = vectorsAvailable
    ? (JSON.parse(readFileSync(vectorsPath, "utf8")) as ProxyVectors).app_proxy
    : { secret: "", vectors: [] };

  it.each(vectors.filter((vector) => vector.query !== undefined))("matches the vector: $source", (vector) => {
    const query = new URLSearchParams(vector.query);
    expect(appProxySignatureMessage(query)).toBe(vector.message);
    expect(signAppProxyQuery(query, secret)).toBe(vector.signature);
  });
});

describe.skipIf(!sharedAvailable)("stand-in app proxy", () => {
  const SECRET = "proxy-test-secret";
  const SHOP = "proxy-test.myshopify.com";
  const OTHER_SHOP = "other-proxy-test.myshopify.com";
  const shopify = shopifyApi({
    apiKey: "proxy-test-key",
    apiSecretKey: SECRET,
    apiVersion: SHOPIFY_API_VERSION as ApiVersion,
    hostName: "parcelwise.test",
    isEmbeddedApp: true,
    logger: { level: 0 },
  });
  let app: TestAppServer;
  let standin: ShopifyStandin;
  const verdicts: boolean[] = [];

  beforeAll(async () => {
    app = await startTestApp(async (request, { response }) => {
      verdicts.push(
        await shopify.utils.validateHmac(Object.fromEntries(request.url.searchParams), {
          signator: "appProxy",
        }),
      );
      if (request.url.pathname === "/proxy/moved") {
        response.writeHead(302, { Location: "/apps/track/elsewhere" }).end();
        return;
      }
      response.writeHead(200, {
        "Content-Type": request.url.pathname.endsWith(".liquid") ? "application/liquid" : "application/json",
        "Set-Cookie": "session=secret",
        "Cache-Control": "no-store",
      });
      response.end(request.method === "POST" ? request.body : "{% if true %}hello{% endif %}");
    });
    standin = await createShopifyStandin({
      appUrl: app.url,
      apiKey: "proxy-test-key",
      apiSecret: SECRET,
      shops: [demoShop(SHOP, "t1"), demoShop(OTHER_SHOP, "t2")],
    });
  });
  afterAll(async () => {
    await standin.close();
    await app.close();
  });

  it("forwards to the app's proxy path with Shopify's signed parameters, without cookies", async () => {
    verdicts.length = 0;
    const response = await fetch(`${standin.url}/apps/track/status/abc?order=%231001&email=a%40b.c`, {
      headers: { Cookie: "storefront=1", Accept: "application/json" },
    });
    const forwarded = app.requests.at(-1);
    expect(response.status).toBe(200);
    expect(forwarded?.url.pathname).toBe("/proxy/status/abc");
    expect([...(forwarded?.url.searchParams.keys() ?? [])]).toEqual([
      "order",
      "email",
      "shop",
      "logged_in_customer_id",
      "path_prefix",
      "timestamp",
      "signature",
    ]);
    expect(Object.fromEntries(forwarded?.url.searchParams ?? [])).toMatchObject({
      order: "#1001",
      shop: SHOP,
      logged_in_customer_id: "",
      path_prefix: "/apps/track",
    });
    expect(forwarded?.headers.cookie).toBeUndefined();
    expect(forwarded?.headers.accept).toBe("application/json");
    expect(verdicts).toEqual([true]);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("routes /shops/<shop>/apps/track to that shop and replaces parameters a visitor forged", async () => {
    await fetch(standin.shopUrl(OTHER_SHOP, "/apps/track?shop=evil.myshopify.com&signature=forged"));
    const forwarded = app.requests.at(-1);
    expect(forwarded?.url.pathname).toBe("/proxy");
    expect(forwarded?.url.searchParams.getAll("shop")).toEqual([OTHER_SHOP]);
    expect(verdicts.at(-1)).toBe(true);
  });

  it("forwards POST bodies and relays status and redirects", async () => {
    const posted = await fetch(`${standin.url}/apps/track/lookup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ order: "#1001" }),
    });
    expect(await posted.json()).toEqual({ order: "#1001" });
    expect(app.requests.at(-1)?.method).toBe("POST");

    const moved = await fetch(`${standin.url}/apps/track/moved`, { redirect: "manual" });
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe("/apps/track/elsewhere");
  });

  it("passes application/liquid through as HTML until Liquid rendering exists", async () => {
    const response = await fetch(`${standin.url}/apps/track/page.liquid`);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toBe("{% if true %}hello{% endif %}");
  });

  it("signs queries for tests that call the app directly", async () => {
    const query = standin.signProxyQuery({ query: new URLSearchParams({ order: "#1001" }) });
    expect(query.get("shop")).toBe(SHOP);
    expect(await shopify.utils.validateHmac(Object.fromEntries(query), { signator: "appProxy" })).toBe(true);
  });

  it("honours injected proxy failures", async () => {
    standin.failNextRequests({ failure: 504, target: "proxy" });
    expect((await fetch(`${standin.url}/apps/track/x`)).status).toBe(504);
    expect((await fetch(`${standin.url}/apps/track/x`)).status).toBe(200);
  });

  it("answers 502 while the app is down", async () => {
    const downApp = await startTestApp(() => undefined);
    await downApp.close();
    const orphan = await createShopifyStandin({
      appUrl: downApp.url,
      apiKey: "k",
      apiSecret: SECRET,
      shops: [demoShop(SHOP, "t")],
    });
    try {
      expect((await fetch(`${orphan.url}/apps/track/x`)).status).toBe(502);
    } finally {
      await orphan.close();
    }
  });
});
