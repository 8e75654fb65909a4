import de from "../../../extensions/tracking-page/locales/de.json";
import en from "../../../extensions/tracking-page/locales/en.default.json";
import es from "../../../extensions/tracking-page/locales/es.json";
import fr from "../../../extensions/tracking-page/locales/fr.json";

// The proxy's answers use the theme extension's own storefront locale files (the `result.*` keys), so every
// word a shopper reads lives in extensions/tracking-page/locales/.
type LocaleTree = { [key: string]: string | LocaleTree };

export const SUPPORTED_LANGUAGES = ["en", "es", "fr", "de"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

const RTL_LANGUAGES = new Set(["ar", "fa", "he", "ur", "yi"]);

function flatten(tree: LocaleTree, prefix = "", into = new Map<string, string>()) {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") into.set(path, value);
    else flatten(value, path, into);
  }
  return into;
}

const CATALOGS: Record<Language, Map<string, string>> = {
  en: flatten(en),
  es: flatten(es),
  fr: flatten(fr),
  de: flatten(de),
};

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export type ShopperLocale = { language: Language; tag: string; dir: "ltr" | "rtl" };

// The storefront's locale (the block sends request.locale.iso_code, e.g. "fr" or "pt-BR"), else the browser's.
export function resolveLocale(
  requested: string | null | undefined,
  acceptLanguage?: string | null,
): ShopperLocale {
  const candidates = [requested, ...(acceptLanguage ?? "").split(",").map((part) => part.split(";")[0])];
  const tag = candidates
    .map((value) => value?.trim() ?? "")
    .find((value) => /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value));
  const base = tag?.split("-")[0]?.toLowerCase() ?? "en";
  const language = (SUPPORTED_LANGUAGES as readonly string[]).includes(base) ? (base as Language) : "en";
  return { language, tag: tag ?? "en", dir: RTL_LANGUAGES.has(base) ? "rtl" : "ltr" };
}

export function translator(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, values = {}) => {
    const text = catalog.get(key) ?? CATALOGS.en.get(key) ?? key;
    if (!text.includes("{{")) return text;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ""));
  };
}

export function hasTranslation(key: string): boolean {
  return CATALOGS.en.has(key);
}
