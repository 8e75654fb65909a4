// @vitest-environment node
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHIPMENT_STATUS_LABELS } from "../../app/models/shipment-status";
import { SUBSTATUSES } from "../../app/models/tracking-taxonomy";
import { APP_URL as ORDER_STATUS_APP_URL } from "../../extensions/order-status/src/app-url";
import { APP_URL as THANK_YOU_APP_URL } from "../../extensions/thank-you/src/app-url";
import { EXTENSIONS_DIR, readLocale } from "../helpers/extension-harness";

// The checkout and customer account UI extensions: every shopper-visible string in every language, the same
// status vocabulary as the app, and the app URL they call.
const UI_EXTENSIONS = ["order-status", "thank-you"] as const;
const LOCALES = ["en.default", "es", "fr", "de"] as const;

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1] ?? "").sort();
}

describe.each(UI_EXTENSIONS)("%s extension", (name) => {
  const toml = readFileSync(path.join(EXTENSIONS_DIR, name, "shopify.extension.toml"), "utf8");
  const source = readFileSync(
    path.join(
      EXTENSIONS_DIR,
      name,
      "src",
      name === "thank-you" ? "ThankYouBlock.tsx" : "OrderStatusBlock.tsx",
    ),
    "utf8",
  );
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
    expect(toml).toMatch(/^\s*network_access = true$/m);
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

describe("app URL", () => {
  it("is the application_url of shopify.app.toml in both extensions", () => {
    const appToml = readFileSync(path.join(EXTENSIONS_DIR, "..", "shopify.app.toml"), "utf8");
    const applicationUrl = /^application_url = "([^"]+)"$/m.exec(appToml)?.[1];
    expect(ORDER_STATUS_APP_URL).toBe(applicationUrl);
    expect(THANK_YOU_APP_URL).toBe(applicationUrl);
  });
});
