import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The theme app extension as Shopify would load it: the block's Liquid and {% schema %}, its storefront
// locales and its assets, read from extensions/<name>/ on every request so edits show on reload.
export const DEFAULT_EXTENSION_DIR = fileURLToPath(new URL("../extensions/tracking-page/", import.meta.url));

export type BlockSetting = { id: string; type: string; default?: unknown };
export type BlockSchema = {
  name: string;
  stylesheet?: string;
  javascript?: string;
  settings?: BlockSetting[];
};
export type LocaleTree = { [key: string]: string | LocaleTree };

export type ThemeBlock = { liquid: string; schema: BlockSchema };

const SCHEMA_TAG = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/;

export function loadBlock(extensionDir: string, blockName: string): ThemeBlock {
  const source = readFileSync(path.join(extensionDir, "blocks", `${blockName}.liquid`), "utf8");
  const schemaJson = SCHEMA_TAG.exec(source)?.[1];
  if (schemaJson === undefined) throw new Error(`blocks/${blockName}.liquid has no {% schema %}`);
  // Shopify never renders the schema tag's content; liquidjs does not know the tag, so it is cut out.
  return { liquid: source.replace(SCHEMA_TAG, ""), schema: JSON.parse(schemaJson) as BlockSchema };
}

// `block.settings` as a block freshly added in the theme editor has them: each setting's default, else nil.
export function defaultSettings(schema: BlockSchema): Record<string, unknown> {
  return Object.fromEntries((schema.settings ?? []).map((setting) => [setting.id, setting.default ?? null]));
}

export function loadLocales(extensionDir: string): {
  defaultLocale: string;
  locales: Map<string, LocaleTree>;
} {
  const locales = new Map<string, LocaleTree>();
  let defaultLocale = "en";
  for (const file of readdirSync(path.join(extensionDir, "locales"))) {
    const match = /^([\w-]+?)(\.default)?\.json$/.exec(file);
    if (!match?.[1] || file.endsWith(".schema.json")) continue;
    if (match[2]) defaultLocale = match[1];
    locales.set(
      match[1],
      JSON.parse(readFileSync(path.join(extensionDir, "locales", file), "utf8")) as LocaleTree,
    );
  }
  return { defaultLocale, locales };
}

export function readAsset(extensionDir: string, name: string): Buffer | null {
  if (!/^[\w.-]+$/.test(name)) return null;
  try {
    return readFileSync(path.join(extensionDir, "assets", name));
  } catch {
    return null;
  }
}

// Shopify's CDN URLs carry a version, so assets can be cached for a year.
export function assetVersion(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex").slice(0, 10);
}
