import { describe, expect, it } from "vitest";
import { SUBSTATUSES } from "../../app/models/tracking-taxonomy";
import { MILESTONES } from "../../app/models/notification-rules";
import { CATALOGS, placeholdersOf } from "../../app/services/notifications/templates/catalog";

type Entries = Map<string, string | null>;

function flatten(value: unknown, path = "", into: Entries = new Map()): Entries {
  if (value === null || typeof value === "string") into.set(path, value);
  else if (typeof value === "object")
    for (const [key, child] of Object.entries(value)) flatten(child, path ? `${path}.${key}` : key, into);
  return into;
}

const english = flatten(CATALOGS.en);
const translations = Object.entries(CATALOGS).filter(([language]) => language !== "en");

describe("notification copy", () => {
  it.each(translations)("%s has every English string, and no extra ones", (_, catalog) => {
    expect([...flatten(catalog).keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(translations)("%s fills the same {placeholders} as English in every string", (_, catalog) => {
    const mismatches = [...flatten(catalog)].filter(([key, text]) => {
      const expected = placeholdersOf(english.get(key) ?? "").sort();
      return JSON.stringify(placeholdersOf(text ?? "").sort()) !== JSON.stringify(expected);
    });
    expect(mismatches).toEqual([]);
  });

  it.each(translations)("%s offers an action exactly where English does", (_, catalog) => {
    const mismatches = [...flatten(catalog)].filter(
      ([key, text]) => (text === null) !== (english.get(key) === null),
    );
    expect(mismatches).toEqual([]);
  });

  it.each(Object.entries(CATALOGS))("%s has no empty strings", (_, catalog) => {
    expect([...flatten(catalog)].filter(([, text]) => text !== null && text.trim() === "")).toEqual([]);
  });

  it.each(Object.entries(CATALOGS))(
    "%s covers every milestone and every tracking situation",
    (_, catalog) => {
      expect(Object.keys(catalog.milestones).sort()).toEqual([...MILESTONES].sort());
      expect(Object.keys(catalog.situations).sort()).toEqual(
        [...Object.keys(SUBSTATUSES), "stuck", "late", "window_moved"].sort(),
      );
    },
  );

  it.each(Object.entries(CATALOGS))(
    "%s gives every situation the shopper can act on a short SMS form",
    (_, catalog) => {
      const missing = Object.entries(catalog.situations)
        .filter(([, copy]) => copy.action !== null && copy.smsAction === null)
        .map(([code]) => code);
      expect(missing).toEqual([]);
    },
  );
});
