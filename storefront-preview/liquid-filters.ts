import { Liquid } from "liquidjs";
import type { LocaleTree } from "./theme-extension";

// The Shopify filters the block uses that liquidjs lacks, as Shopify documents them.
export type FilterContext = {
  // Storefront locale first, then the extension's default locale.
  locales: LocaleTree[];
  assetUrl: (name: string) => string;
};

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

type KeywordArgs = Array<[string, unknown]>;
const keywords = (args: unknown[]) =>
  Object.fromEntries(args.filter((arg): arg is [string, unknown] => Array.isArray(arg)) as KeywordArgs);

function lookup(tree: LocaleTree, key: string): string | undefined {
  let node: string | LocaleTree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

export function createShopifyLiquid(context: FilterContext): Liquid {
  const engine = new Liquid({ strictFilters: true, ownPropertyOnly: true });
  // `t`: the storefront locale's string, else the default locale's; {{ name }} interpolated. Escaped unless the
  // key ends in _html, as Shopify does.
  engine.registerFilter("t", (key: string, ...args: unknown[]) => {
    const values = keywords(args);
    const text = context.locales.map((tree) => lookup(tree, key)).find((value) => value !== undefined);
    if (text === undefined) return `translation missing: ${key}`;
    const html = key.endsWith("_html");
    return (html ? text : escapeHtml(text)).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
      html ? String(values[name] ?? "") : escapeHtml(values[name]),
    );
  });
  engine.registerFilter("asset_url", (name: string) => context.assetUrl(name));
  engine.registerFilter(
    "stylesheet_tag",
    (url: string) => `<link href="${escapeHtml(url)}" rel="stylesheet" type="text/css" media="all" />`,
  );
  engine.registerFilter(
    "script_tag",
    (url: string) => `<script src="${escapeHtml(url)}" type="text/javascript"></script>`,
  );
  // Perceived brightness 0–255, W3C's formula (what Shopify's color_brightness returns).
  engine.registerFilter("color_brightness", (color: string) => {
    const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(color).trim())?.[1];
    if (!hex) return 0;
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
    const [r, g, b] = [0, 2, 4].map((start) => parseInt(full.slice(start, start + 2), 16)) as [
      number,
      number,
      number,
    ];
    return Math.round(((r * 299 + g * 587 + b * 114) / 1000) * 10) / 10;
  });
  // Images in the preview are plain URLs with their size: { src, width, height, alt }.
  engine.registerFilter("image_url", (image: { src?: string } | null, ...args: unknown[]) => {
    const { width } = keywords(args);
    return image?.src ? `${image.src}${width ? `?width=${String(width)}` : ""}` : "";
  });
  engine.registerFilter("image_tag", (url: string, ...args: unknown[]) => {
    const attributes = keywords(args);
    return `<img src="${escapeHtml(url)}"${Object.entries(attributes)
      .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
      .join("")}>`;
  });
  return engine;
}
