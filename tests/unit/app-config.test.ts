import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SHOPIFY_API_VERSION } from "../../app/shopify-api-version";
import { APP_SCOPES } from "../../app/shopify-scopes";

const toml = readFileSync("shopify.app.toml", "utf8");

describe("shopify.app.toml", () => {
  it("declares the one API version the app uses", () => {
    expect(/^api_version = "([^"]+)"/m.exec(toml)?.[1]).toBe(SHOPIFY_API_VERSION);
  });

  it("subscribes to the three mandatory compliance topics", () => {
    for (const topic of ["customers/data_request", "customers/redact", "shop/redact"]) {
      expect(toml).toContain(`compliance_topics = ["${topic}"]`);
    }
  });

  it("points every webhook subscription at a route file that exists, named in its # Handled by comment", () => {
    const blocks = toml.split("[[webhooks.subscriptions]]").slice(1);
    expect(blocks.length).toBeGreaterThan(0);
    const sections = toml.split(/\n\s*# Handled by: /).slice(1);
    expect(sections).toHaveLength(blocks.length);
    for (const section of sections) {
      const routeFile = section.split("\n")[0]?.trim() ?? "";
      const uri = /uri = "([^"]+)"/.exec(section)?.[1] ?? "";
      expect(() => readFileSync(routeFile)).not.toThrow();
      const expectedFile = `app/routes/${uri.slice(1).replace(/\//g, ".")}.tsx`;
      expect(routeFile).toBe(expectedFile);
    }
  });

  it("requests exactly the scopes the app configures, each explained", () => {
    const scopes = /^scopes = "([^"]+)"/m.exec(toml)?.[1]?.split(",") ?? [];
    for (const scope of scopes) expect(toml).toMatch(new RegExp(`#\\s+${scope}\\s+\\S`));
    expect(scopes).toEqual(APP_SCOPES);
  });
});
