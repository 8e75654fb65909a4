import { notImplemented } from "./resolver-errors";

export type SortValue = string | number | bigint;
export type SortKeyAccessors<T> = Record<string, (item: T) => SortValue>;

/** Sorts by a Shopify `sortKey` enum value (default ID), ties broken by ID like Shopify's stable pagination. */
export function sortBySortKey<T>(
  items: readonly T[],
  accessors: SortKeyAccessors<T> & { ID: (item: T) => SortValue },
  sortKey: string | null | undefined,
  reverse: boolean | null | undefined,
  typeName: string,
): T[] {
  const key = sortKey ?? "ID";
  const valueOf = accessors[key];
  if (!valueOf) throw notImplemented(`sortKey ${key} on ${typeName}`);
  const sorted = [...items].sort(
    (a, b) => compare(valueOf(a), valueOf(b)) || compare(accessors.ID(a), accessors.ID(b)),
  );
  return reverse ? sorted.reverse() : sorted;
}

function compare(a: SortValue, b: SortValue): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
