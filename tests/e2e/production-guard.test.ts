import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookHmac } from "../../shopify-standin";
import { startAppServer, type RunningServer } from "../../scripts/lib/app-server";
import { prepareDatabase } from "../../scripts/lib/prepare-database";
import { DEMO } from "../../scripts/lib/demo-stack";
import { requireBuild, temporarySqliteUrl } from "./built-app";

const databaseUrl = temporarySqliteUrl("production");
const productionEnv = {
  SHOPIFY_APP_URL: "https://parcelwise.example.com",
  SHOPIFY_API_KEY: "production-key",
  SHOPIFY_API_SECRET: "production-secret",
  CUSTOMER_HASH_KEY: "production-customer-hash-key-0123456789",
  DATABASE_URL: databaseUrl,
  PARCELWISE_DEMO: "0",
};
let server: RunningServer;

beforeAll(async () => {
  requireBuild();
  await prepareDatabase({ databaseUrl, shops: [{ shop: DEMO.shop, orders: 20 }] });
  server = await startAppServer({ env: productionEnv });
});

afterAll(async () => {
  await server?.stop();
});

describe("production server (no demo mode)", () => {
  it("never serves the admin without a Shopify session", async () => {
    const response = await fetch(`${server.url}/app?shop=${DEMO.shop}`, { redirect: "manual" });
    expect([302, 401, 410]).toContain(response.status);
    const body = await response.text();
    expect(body).not.toContain("data-metric");
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
