import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const EXTENSIONS_DIR = fileURLToPath(new URL("../../extensions/", import.meta.url));

type Json = string | { [key: string]: Json };

export function readLocale(extension: string, locale: string): Record<string, string> {
  const flat: Record<string, string> = {};
  const walk = (value: Json, prefix: string) => {
    if (typeof value === "string") flat[prefix] = value;
    else for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
  };
  walk(
    JSON.parse(readFileSync(path.join(EXTENSIONS_DIR, extension, "locales", `${locale}.json`), "utf8")),
    "",
  );
  return flat;
}

// shopify.i18n.translate over the extension's real locale file, so tests read what shoppers read and a key
// missing from the file fails the test instead of rendering the key.
export function translator(extension: string, locale = "en.default") {
  const strings = readLocale(extension, locale);
  return (key: string, replacements: Record<string, unknown> = {}): string => {
    const template = strings[key];
    if (template === undefined) throw new Error(`${extension}/locales/${locale}.json has no "${key}"`);
    return template.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(replacements[name] ?? ""));
  };
}

// Dates as an en-US shopper in UTC would see them: deterministic, and a scan's local time shows as shifted.
export function formatDate(date: Date, options: Intl.DateTimeFormatOptions = {}): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", ...options }).format(date);
}

export async function waitFor(assertion: () => void, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

// Lets Preact apply the state changes an event caused (it renders on a later tick, as in a browser).
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function textOf(element: { textContent: string | null } | null): string {
  return (element?.textContent ?? "").replace(/\s+/g, " ").trim();
}
