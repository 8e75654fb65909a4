// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SHIPMENT_STATUSES } from "../../app/models/shipment-status";
import { SUBSTATUSES } from "../../app/models/tracking-taxonomy";

const EXTENSION_DIR = fileURLToPath(new URL("../../extensions/tracking-page/", import.meta.url));
const BLOCK_FILE = path.join(EXTENSION_DIR, "blocks", "tracking-page.liquid");
const LOCALES = ["en.default", "es", "fr", "de"] as const;
const ASSETS = ["tracking-page.js", "tracking-page.css"] as const;
const MAX_ASSETS_GZIP_BYTES = 10 * 1024;
// Shopify's limit for a theme app extension's locale file.
const MAX_LOCALE_FILE_BYTES = 15 * 1024;
const SERVER_SOURCES = fileURLToPath(new URL("../../app/services/tracking-page/", import.meta.url));
// Keys the proxy builds from data: result.status.<status>.*, result.sub.<substatus>, result.step_<milestone>,
// result.help_<reason>.
const DYNAMIC_SERVER_KEYS =
  /^result\.(status\.|sub\.|step_|help_(late|missing|damaged|wrong_address|other)$)/;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function read(...segments: string[]): string {
  return readFileSync(path.join(EXTENSION_DIR, ...segments), "utf8");
}

function readLocale(name: string): Record<string, string> {
  return flatten(JSON.parse(read("locales", `${name}.json`)) as Json);
}

/** Flattens nested locale JSON into dotted keys: { a: { b: "x" } } -> { "a.b": "x" }. */
function flatten(value: Json, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`Locale value at "${prefix}" must be a string or an object`);
  }
  return Object.entries(value).reduce<Record<string, string>>(
    (acc, [key, child]) => ({ ...acc, ...flatten(child, prefix ? `${prefix}.${key}` : key) }),
    {},
  );
}

/** Every `'some.key' | t` in the extension's Liquid files (blocks and snippets). */
function usedTranslationKeys(): Set<string> {
  const keys = new Set<string>();
  for (const dir of ["blocks", "snippets"]) {
    const full = path.join(EXTENSION_DIR, dir);
    if (!existsSync(full)) continue;
    for (const file of readdirSync(full).filter((name) => name.endsWith(".liquid"))) {
      for (const match of read(dir, file).matchAll(/(["'])([\w.-]+)\1\s*\|\s*t\b/g)) {
        const key = match[2];
        if (key) keys.add(key);
      }
    }
  }
  return keys;
}

function blockSchema(): Json {
  const match = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(
    read("blocks", "tracking-page.liquid"),
  );
  const body = match?.[1];
  if (body === undefined) throw new Error("blocks/tracking-page.liquid has no {% schema %} tag");
  return JSON.parse(body) as Json;
}

/** All `t:` references anywhere in the schema (names, labels, infos, option labels...). */
function schemaTranslationRefs(value: Json): string[] {
  if (typeof value === "string") return value.startsWith("t:") ? [value.slice(2)] : [];
  if (value === null || typeof value !== "object") return [];
  return (Array.isArray(value) ? value : Object.values(value)).flatMap(schemaTranslationRefs);
}

describe("tracking-page theme app extension", () => {
  it("is a theme extension", () => {
    const toml = read("shopify.extension.toml");
    expect(toml).toMatch(/^type\s*=\s*"theme"\s*$/m);
    expect(toml).toMatch(/^name\s*=\s*".+"\s*$/m);
    expect(existsSync(BLOCK_FILE)).toBe(true);
  });

  describe("storefront translations", () => {
    const used = usedTranslationKeys();

    it("the block uses translation keys", () => {
      expect(used.size).toBeGreaterThan(0);
    });

    it.each(LOCALES)("every key used in Liquid exists in %s.json", (locale) => {
      const translations = readLocale(locale);
      const missing = [...used].filter((key) => !translations[key]?.trim());
      expect(missing).toEqual([]);
    });

    it("all locale files have the same key set", () => {
      const [reference, ...others] = LOCALES.map((locale) => Object.keys(readLocale(locale)).sort());
      for (const keys of others) expect(keys).toEqual(reference);
    });

    it("has no unused translation keys: tracking.* in Liquid, result.* in the proxy's answers", () => {
      const server = readdirSync(SERVER_SOURCES)
        .map((file) => readFileSync(path.join(SERVER_SOURCES, file), "utf8"))
        .join("\n");
      const unused = Object.keys(readLocale("en.default")).filter(
        (key) => !used.has(key) && !DYNAMIC_SERVER_KEYS.test(key) && !server.includes(`"${key}"`),
      );
      expect(unused).toEqual([]);
    });

    it("names every shipment status and substatus in plain language", () => {
      const translations = readLocale("en.default");
      for (const status of SHIPMENT_STATUSES) {
        expect(translations[`result.status.${status}.label`], status).toBeTruthy();
        expect(translations[`result.status.${status}.next`], status).toBeTruthy();
      }
      for (const code of Object.keys(SUBSTATUSES))
        expect(translations[`result.sub.${code}`], code).toBeTruthy();
    });

    it.each(LOCALES)(`%s.json is within Shopify's ${MAX_LOCALE_FILE_BYTES} bytes`, (locale) => {
      expect(Buffer.byteLength(read("locales", `${locale}.json`))).toBeLessThan(MAX_LOCALE_FILE_BYTES);
    });
  });

  describe("schema translations", () => {
    const schema = blockSchema();
    const refs = schemaTranslationRefs(schema);

    it("uses t: references for merchant-facing schema text", () => {
      expect(refs.length).toBeGreaterThan(0);
    });

    it.each(LOCALES)("every schema t: reference resolves in %s.schema.json", (locale) => {
      const translations = readLocale(`${locale}.schema`);
      const missing = refs.filter((ref) => !translations[ref]?.trim());
      expect(missing).toEqual([]);
    });

    it("all schema locale files have the same key set", () => {
      const [reference, ...others] = LOCALES.map((locale) =>
        Object.keys(readLocale(`${locale}.schema`)).sort(),
      );
      for (const keys of others) expect(keys).toEqual(reference);
    });

    it("is an app block targeting sections with unique, well-formed settings", () => {
      expect(schema).toMatchObject({ target: "section" });
      const settings = (schema as { settings?: Array<Record<string, Json>> }).settings ?? [];
      const ids = settings.map((setting) => setting.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const setting of settings) {
        if (setting.type !== "select") continue;
        const values = (setting.options as Array<{ value: string }>).map((option) => option.value);
        expect(values).toContain(setting.default);
      }
    });
  });

  describe("assets", () => {
    it("the block loads its CSS and JS from the extension's assets, through its schema", () => {
      // Shopify then puts the stylesheet in <head> and the script deferred, once per page.
      expect(blockSchema()).toMatchObject({
        stylesheet: "tracking-page.css",
        javascript: "tracking-page.js",
      });
      for (const asset of ASSETS) expect(existsSync(path.join(EXTENSION_DIR, "assets", asset))).toBe(true);
    });

    it("uses logical properties only, so right-to-left storefronts mirror the layout", () => {
      const css = read("assets", "tracking-page.css");
      expect(css).not.toMatch(
        /(^|[\s;{-])(left|right)\s*:|(margin|padding|border)-(left|right)|text-align:\s*(left|right)/m,
      );
    });

    it(`JS + CSS are under ${MAX_ASSETS_GZIP_BYTES} bytes gzipped`, () => {
      const gzipped = ASSETS.reduce(
        (sum, asset) => sum + gzipSync(read("assets", asset), { level: 9 }).length,
        0,
      );
      expect(gzipped).toBeLessThan(MAX_ASSETS_GZIP_BYTES);
    });
  });
});
