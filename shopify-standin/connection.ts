import { badRequest } from "./resolver-errors";
import type { CursorKey, SortedItems } from "./sorting";

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const MAX_PAGE_SIZE = 250;

/**
 * One page of the filtered, sorted items `listItems` returns, the way Shopify's cursor connections page.
 * The page arguments are checked before `listItems` runs, so their errors come first, as on Shopify.
 * A cursor is a position in the sort order, not an item: when the item it came from has since changed (an
 * order updated, so it sorts later) the next page still starts where the previous one ended.
 */
export function connectionFromArray<T>(args: ConnectionArgs, listItems: () => SortedItems<T>): Connection<T> {
  assertPageSize(args);
  const after = args.after == null ? null : decodeCursor(args.after);
  const before = args.before == null ? null : decodeCursor(args.before);
  const sorted = listItems();
  const { items } = sorted;
  let start = after ? firstIndexAfter(sorted, after) : 0;
  let end = before ? firstIndexAtOrAfter(sorted, before) : items.length;
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  end = Math.max(start, end);
  const page = items.slice(start, end);
  const edges = page.map((node) => ({ cursor: encodeCursor(sorted.keyOf(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A plain list field with a `first` argument, such as `Order.fulfillments(first:)`. */
export function firstOf<T>(items: readonly T[], first: number | null | undefined): T[] {
  return first == null ? [...items] : items.slice(0, Math.max(0, first));
}

function assertPageSize({ first, last }: ConnectionArgs): void {
  if (first == null && last == null) throw badRequest("you must provide one of first or last");
  if (first != null && last != null) throw badRequest("providing both first and last is not supported");
  for (const [name, size] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw badRequest(`The ${name} argument must be between 0 and ${MAX_PAGE_SIZE}, but was ${size}.`);
    }
  }
}

function firstIndexAfter<T>(sorted: SortedItems<T>, key: CursorKey): number {
  const index = sorted.items.findIndex((item) => sorted.compareToKey(item, key) > 0);
  return index === -1 ? sorted.items.length : index;
}

function firstIndexAtOrAfter<T>(sorted: SortedItems<T>, key: CursorKey): number {
  const index = sorted.items.findIndex((item) => sorted.compareToKey(item, key) >= 0);
  return index === -1 ? sorted.items.length : index;
}

function encodeCursor({ lastId, lastValue }: CursorKey): string {
  return Buffer.from(JSON.stringify({ last_id: lastId, last_value: lastValue })).toString("base64url");
}

function decodeCursor(cursor: string): CursorKey {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const { last_id: lastId, last_value: lastValue } = (decoded ?? {}) as Record<string, unknown>;
    if (typeof lastId === "string" && typeof lastValue === "string") return { lastId, lastValue };
  } catch {
    // Not base64 JSON: the same answer as a well-formed cursor of the wrong shape.
  }
  throw badRequest(`Invalid cursor: ${cursor}`);
}
