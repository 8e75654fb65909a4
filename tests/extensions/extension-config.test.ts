// @vitest-environment node
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { attentionKindLabel, attentionOwnerLabel } from "../../app/models/attention-guidance";
import { ATTENTION_OWNERS } from "../../app/models/shipment-attention";
import { ATTENTION_KINDS, SHIPMENT_STATUS_LABELS } from "../../app/models/shipment-status";
import { SUBSTATUSES } from "../../app/models/tracking-taxonomy";
import { APP_URL as ORDER_STATUS_APP_URL } from "../../extensions/order-status/src/app-url";
import { APP_URL as THANK_YOU_APP_URL } from "../../extensions/thank-you/src/app-url";
import { EXTENSIONS_DIR, readLocale } from "../helpers/extension-harness";

// The checkout, customer account and admin UI extensions: every visible string in every language, the same
// status vocabulary as the app, and the app URL they call.
const SOURCES = {
  "order-status": "OrderStatusBlock.tsx",
  "thank-you": "ThankYouBlock.tsx",
  "admin-order-block": "OrderBlock.tsx",
} as const;
const UI_EXTENSIONS = Object.keys(SOURCES) as Array<keyof typeof SOURCES>;
// Checkout and customer account extensions declare network access to call the app; admin extensions' fetches
// of the app's own URL need no capability (Shopify adds the ID token).
const SHOPPER_EXTENSIONS: ReadonlySet<string> = new Set(["order-status", "thank-you"]);
const LOCALES = ["en.default", "es", "fr", "de"] as const;

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1] ?? "").sort();
}

describe.each(UI_EXTENSIONS)("%s extension", (name) => {
  const toml = readFileSync(path.join(EXTENSIONS_DIR, name, "shopify.extension.toml"), "utf8");
  const source = readFileSync(path.join(EXTENSIONS_DIR, name, "src", SOURCES[name]), "utf8");
  const english = readLocale(name, "en.default");

  it.each(LOCALES.slice(1))("translates every string into %s, with the same placeholders", (locale) => {
    const translated = readLocale(name, locale);
    expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english)) {
      expect(translated[key]?.trim(), `${locale}: ${key}`).toBeTruthy();
      expect(placeholders(translated[key] ?? ""), `${locale}: ${key}`).toEqual(placeholders(text));
    }
  });

  it("uses only keys its locale file has", () => {
    for (const match of source.matchAll(/\bt\("([\w.]+)"/g)) {
      const key = match[1] ?? "";
      expect(english, key).toHaveProperty([key]);
    }
  });

  it("declares its target module, the API version of the installed packages and network access", () => {
    expect(toml).toMatch(/^api_version = "2026-07"$/m);
    expect(toml).toMatch(new RegExp(`^\\s*module = "\\./src/${SOURCES[name].replace(".", "\\.")}"$`, "m"));
    if (SHOPPER_EXTENSIONS.has(name)) expect(toml).toMatch(/^\s*network_access = true$/m);
  });
});

describe("order status vocabulary", () => {
  const english = readLocale("order-status", "en.default");

  it("says what the app says for every status and substatus", () => {
    for (const [status, label] of Object.entries(SHIPMENT_STATUS_LABELS)) {
      expect(english[`status.${status}`]).toBe(label);
    }
    for (const [code, substatus] of Object.entries(SUBSTATUSES)) {
      expect(english[`substatus.${code}`]).toBe(substatus.label);
    }
  });
});

describe("admin order block", () => {
  const english = readLocale("admin-order-block", "en.default");
  const toml = readFileSync(path.join(EXTENSIONS_DIR, "admin-order-block", "shopify.extension.toml"), "utf8");

  it("renders on the order details page", () => {
    expect(toml).toMatch(/^\s*target = "admin\.order-details\.block\.render"$/m);
  });

  it("says what the app's admin says for every status, kind of problem and owner", () => {
    for (const [status, label] of Object.entries(SHIPMENT_STATUS_LABELS)) {
      expect(english[`status.${status}`]).toBe(label);
    }
    for (const kind of ATTENTION_KINDS) expect(english[`attention.${kind}`]).toBe(attentionKindLabel(kind));
    for (const owner of ATTENTION_OWNERS) expect(english[`owner.${owner}`]).toBe(attentionOwnerLabel(owner));
  });

  it("calls a route the app has", () => {
    expect(existsSync(path.join(EXTENSIONS_DIR, "..", "app", "routes", "api.admin-order.$orderId.tsx"))).toBe(
      true,
    );
  });
});

describe("app URL", () => {
  it("is the application_url of shopify.app.toml in both extensions", () => {
    const appToml = readFileSync(path.join(EXTENSIONS_DIR, "..", "shopify.app.toml"), "utf8");
    const applicationUrl = /^application_url = "([^"]+)"$/m.exec(appToml)?.[1];
    expect(ORDER_STATUS_APP_URL).toBe(applicationUrl);
    expect(THANK_YOU_APP_URL).toBe(applicationUrl);
  });
});
