import { gidNumber } from "./gid";
import { badRequest, notImplemented } from "./resolver-errors";
import type { StandinOrder } from "./standin-store";

type Operator = "=" | ">" | ">=" | "<" | "<=";

interface SearchTerm {
  field: string;
  operator: Operator;
  value: string;
  negated: boolean;
}

type TermMatcher = (order: StandinOrder, term: SearchTerm) => boolean;

const FULFILLMENT_STATUS_FILTERS: Record<string, readonly string[]> = {
  shipped: ["FULFILLED"],
  fulfilled: ["FULFILLED"],
  partial: ["PARTIALLY_FULFILLED"],
  unshipped: ["UNFULFILLED"],
  unfulfilled: ["UNFULFILLED", "PARTIALLY_FULFILLED"],
};

// Search fields the stand-in understands; add an entry here to support another one.
const matchers: Record<string, TermMatcher> = {
  created_at: (order, term) => compareWith(term.operator, Date.parse(order.createdAt), parseDate(term.value)),
  updated_at: (order, term) => compareWith(term.operator, Date.parse(order.updatedAt), parseDate(term.value)),
  id: (order, term) => compareWith(term.operator, gidNumber(order.id) ?? -1n, parseId(term.value)),
  name: (order, term) => normalizeOrderName(order.name) === normalizeOrderName(term.value),
  fulfillment_status: (order, term) => {
    if (term.value === "any") return true;
    const statuses = FULFILLMENT_STATUS_FILTERS[term.value];
    if (!statuses) throw notImplemented(`orders search value fulfillment_status:${term.value}`);
    return statuses.includes(order.displayFulfillmentStatus);
  },
};

const TERM_PATTERN = /^(-?)([a-z_]+):(>=|<=|>|<)?(?:"([^"]*)"|'([^']*)'|(\S+))/;

/** Filters orders by a Shopify search query such as `updated_at:>'2025-01-01T00:00:00Z' fulfillment_status:shipped`. */
export function searchOrders(
  orders: readonly StandinOrder[],
  query: string | null | undefined,
): StandinOrder[] {
  const terms = parseSearchQuery(query ?? "");
  return orders.filter((order) =>
    terms.every((term) => {
      const matcher = matchers[term.field];
      if (!matcher) throw notImplemented(`orders search field '${term.field}'`);
      return matcher(order, term) !== term.negated;
    }),
  );
}

function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  let rest = query.trim();
  while (rest) {
    const conjunction = /^AND\s+/.exec(rest);
    if (conjunction) {
      rest = rest.slice(conjunction[0].length);
      continue;
    }
    const match = TERM_PATTERN.exec(rest);
    if (!match)
      throw notImplemented(`orders search syntax other than AND-ed field:value terms (got '${rest}')`);
    const [whole, negation, field, operator, doubleQuoted, singleQuoted, bare] = match;
    terms.push({
      field: field ?? "",
      operator: (operator as Operator | undefined) ?? "=",
      value: doubleQuoted ?? singleQuoted ?? bare ?? "",
      negated: negation === "-",
    });
    rest = rest.slice(whole.length).trimStart();
  }
  return terms;
}

function compareWith<T extends number | bigint>(operator: Operator, actual: T, expected: T): boolean {
  switch (operator) {
    case "=":
      return actual === expected;
    case ">":
      return actual > expected;
    case ">=":
      return actual >= expected;
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
  }
}

function parseDate(value: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw badRequest(`Invalid date in orders search: '${value}'`);
  return time;
}

function parseId(value: string): bigint {
  if (!/^\d+$/.test(value)) throw badRequest(`Invalid id in orders search: '${value}'`);
  return BigInt(value);
}

function normalizeOrderName(name: string): string {
  return name.replace(/^#/, "").toLowerCase();
}
