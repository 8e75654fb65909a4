import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookHmac } from "../../shopify-standin";
import { startAppServer, type RunningServer } from "../../scripts/lib/app-server";
import { prepareDatabase } from "../../scripts/lib/prepare-database";
import { DEMO } from "../../scripts/lib/demo-stack";
import { APP_SCOPES } from "../../app/shopify-scopes";
import { createPrismaClient } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { sessionToken } from "../helpers/session-token";
import { requireBuild, temporarySqliteUrl } from "./built-app";

const databaseUrl = temporarySqliteUrl("production");
const productionEnv = {
  SHOPIFY_APP_URL: "https://parcelwise.example.com",
  SHOPIFY_API_KEY: "production-key",
  SHOPIFY_API_SECRET: "production-secret",
  CUSTOMER_HASH_KEY: "production-customer-hash-key-0123456789",
  CREDENTIALS_ENCRYPTION_KEY: "production-credentials-key-0123456789",
  DATABASE_URL: databaseUrl,
  PARCELWISE_DEMO: "0",
};
let server: RunningServer;
// Shopify's library answers 410 to anything that looks like a bot, which Node's own user agent does.
const browserHeaders = {
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36",
};

beforeAll(async () => {
  requireBuild();
  await prepareDatabase({ databaseUrl, shops: [{ shop: DEMO.shop, orders: 20 }] });
  const db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  // The offline session Shopify's token exchange leaves after install.
  await db.session.create({
    data: {
      id: `offline_${DEMO.shop}`,
      shop: DEMO.shop,
      state: "",
      isOnline: false,
      scope: APP_SCOPES.join(","),
      accessToken: "shpat_offline_token",
    },
  });
  await db.$disconnect();
  server = await startAppServer({ env: productionEnv });
});

function embeddedAdminUrl(token: string): string {
  const host = Buffer.from(`admin.shopify.com/store/${DEMO.shop.split(".")[0]}`).toString("base64url");
  return `${server.url}/app?${new URLSearchParams({ embedded: "1", shop: DEMO.shop, host, id_token: token })}`;
}

afterAll(async () => {
  await server?.stop();
});

describe("production server (no demo mode)", () => {
  it("never serves the admin without a Shopify session", async () => {
    const response = await fetch(`${server.url}/app?shop=${DEMO.shop}`, {
      redirect: "manual",
      headers: browserHeaders,
    });
    expect(response.status).not.toBe(200);
    expect([302, 401]).toContain(response.status);
    const body = await response.text();
    expect(body).not.toContain("data-metric");
  });

  it("serves the admin for a session token Shopify signed, and refuses one signed with another secret", async () => {
    const token = sessionToken({
      shop: DEMO.shop,
      apiKey: productionEnv.SHOPIFY_API_KEY,
      apiSecret: productionEnv.SHOPIFY_API_SECRET,
    });
    const response = await fetch(embeddedAdminUrl(token), { redirect: "manual", headers: browserHeaders });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/data-metric="orders"[\s\S]*?>20</);

    const forged = sessionToken({
      shop: DEMO.shop,
      apiKey: productionEnv.SHOPIFY_API_KEY,
      apiSecret: "guessed",
    });
    const refused = await fetch(embeddedAdminUrl(forged), { redirect: "manual", headers: browserHeaders });
    expect(refused.status).not.toBe(200);
    expect(await refused.text()).not.toContain("data-metric");
  });

  it("refuses a forged webhook with 401 over real HTTP", async () => {
    const body = JSON.stringify({ shop_domain: DEMO.shop });
    const response = await fetch(`${server.url}/webhooks/shop/redact`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": "shop/redact",
        "X-Shopify-Shop-Domain": DEMO.shop,
        "X-Shopify-Hmac-Sha256": webhookHmac(Buffer.from(body), "someone-elses-secret"),
        "X-Shopify-Webhook-Id": "forged-1",
        "X-Shopify-API-Version": "2025-10",
      },
      body,
    });
    expect(response.status).toBe(401);
  });

  it("refuses to start in demo mode on a public URL", () => {
    const result = spawnSync(process.execPath, ["server.mjs"], {
      env: { ...process.env, ...productionEnv, NODE_ENV: "production", PARCELWISE_DEMO: "1", PORT: "0" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toMatch(/only allowed on a loopback/);
  });
});
