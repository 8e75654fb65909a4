import { badRequest } from "./resolver-errors";

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
 */
export function connectionFromArray<T>(
  args: ConnectionArgs,
  idOf: (item: T) => string,
  listItems: () => readonly T[],
): Connection<T> {
  assertPageSize(args);
  const { first, last } = args;
  const items = listItems();
  let start = args.after == null ? 0 : positionOf(items, args.after, idOf) + 1;
  let end = args.before == null ? items.length : positionOf(items, args.before, idOf);
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const page = items.slice(start, end);
  const edges = page.map((node) => ({ cursor: cursorFor(idOf(node)), node }));
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

function cursorFor(id: string): string {
  return Buffer.from(JSON.stringify({ last_id: id })).toString("base64url");
}

function positionOf<T>(items: readonly T[], cursor: string, idOf: (item: T) => string): number {
  const position = items.findIndex((item) => idOf(item) === idFromCursor(cursor));
  if (position === -1) throw badRequest(`Invalid cursor: ${cursor}`);
  return position;
}

function idFromCursor(cursor: string): string | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const lastId = (decoded as { last_id?: unknown } | null)?.last_id;
    return typeof lastId === "string" ? lastId : undefined;
  } catch {
    return undefined;
  }
}
