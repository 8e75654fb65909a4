import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../app/config.server";

const production = {
  NODE_ENV: "production",
  SHOPIFY_APP_URL: "https://parcelwise.example.com",
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  CUSTOMER_HASH_KEY: "k".repeat(32),
  CREDENTIALS_ENCRYPTION_KEY: "c".repeat(32),
};

describe("configuration", () => {
  it("accepts a complete production environment", () => {
    const config = parseConfig(production);
    expect(config.PARCELWISE_DEMO).toBe(false);
    expect(config.database.provider).toBe("sqlite");
  });

  it("names every missing variable instead of starting half-configured", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrowError(
      /SHOPIFY_APP_URL[\s\S]*SHOPIFY_API_KEY[\s\S]*SHOPIFY_API_SECRET[\s\S]*CUSTOMER_HASH_KEY/,
    );
  });

  it("refuses demo mode on a public URL, so production can never skip Shopify auth", () => {
    expect(() => parseConfig({ ...production, PARCELWISE_DEMO: "1" })).toThrowError(ConfigError);
    expect(() => parseConfig({ ...production, PARCELWISE_DEMO: "1" })).toThrowError(/loopback/);
  });

  it("allows demo mode on loopback with demo credentials filled in", () => {
    const config = parseConfig({ PARCELWISE_DEMO: "1", SHOPIFY_APP_URL: "http://127.0.0.1:3000" });
    expect(config.PARCELWISE_DEMO).toBe(true);
    expect(config.SHOPIFY_API_KEY).toBeTruthy();
  });

  it("picks PostgreSQL from a postgresql:// DATABASE_URL and rejects unknown schemes", () => {
    const postgres = parseConfig({ ...production, DATABASE_URL: "postgresql://u@127.0.0.1:5432/db" });
    expect(postgres.database.provider).toBe("postgresql");
    expect(() => parseConfig({ ...production, DATABASE_URL: "mysql://x" })).toThrowError(/DATABASE_URL/);
  });

  it("reads carrier defaults and base URLs as JSON objects, and says which is malformed", () => {
    const config = parseConfig({ ...production, CARRIER_BASE_URLS: '{"ups":"http://127.0.0.1:3200/ups"}' });
    expect(config.CARRIER_BASE_URLS).toEqual({ ups: "http://127.0.0.1:3200/ups" });
    expect(config.CARRIER_DEFAULT_CREDENTIALS).toEqual({});
    expect(() => parseConfig({ ...production, CARRIER_DEFAULT_CREDENTIALS: "[1]" })).toThrowError(
      /CARRIER_DEFAULT_CREDENTIALS: must be a JSON object/,
    );
  });

  it("rejects a short customer hash key", () => {
    expect(() => parseConfig({ ...production, CUSTOMER_HASH_KEY: "short" })).toThrowError(
      /CUSTOMER_HASH_KEY/,
    );
  });
});
