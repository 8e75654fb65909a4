import {
  ATTENTION_KINDS,
  isShipmentStatus,
  type AttentionKind,
  type ShipmentStatus,
} from "./shipment-status";

// The Shipments page's view as URL parameters, so a filtered list can be bookmarked and shared. Shared by the
// page (to build links) and the server (to read them). Anything malformed is dropped on its own, so one bad
// parameter never hides the rest of the view.

export const SHIPMENTS_PAGE_SIZE = 50;

export const SHIPMENT_SORTS = ["newest", "oldest", "last-scan", "window-end"] as const;
export type ShipmentSort = (typeof SHIPMENT_SORTS)[number];

// "any" is every open problem; a kind is that kind only.
export const ATTENTION_FILTERS = ["any", ...ATTENTION_KINDS] as const;
export type AttentionFilter = (typeof ATTENTION_FILTERS)[number];

export type Destination = { country: string; region: string | null };

export type ShipmentListFilters = {
  q: string | null;
  statuses: ShipmentStatus[];
  carrier: string | null;
  attention: AttentionFilter | null;
  // Calendar days (YYYY-MM-DD) in the shop's time zone, both included. The page offers the order day; the
  // dashboard's numbers link to a ship or delivery day.
  orderedFrom: string | null;
  orderedTo: string | null;
  shippedFrom: string | null;
  shippedTo: string | null;
  deliveredFrom: string | null;
  deliveredTo: string | null;
  destination: Destination | null;
};

export type ShipmentListParams = ShipmentListFilters & {
  sort: ShipmentSort;
  // Opaque page cursors: the rows after one, or before the other.
  after: string | null;
  before: string | null;
};

export const NO_FILTERS: ShipmentListFilters = {
  q: null,
  statuses: [],
  carrier: null,
  attention: null,
  orderedFrom: null,
  orderedTo: null,
  shippedFrom: null,
  shippedTo: null,
  deliveredFrom: null,
  deliveredTo: null,
  destination: null,
};

export const DAY_RANGE_PARAMS = [
  "orderedFrom",
  "orderedTo",
  "shippedFrom",
  "shippedTo",
  "deliveredFrom",
  "deliveredTo",
] as const;

const MAX_SEARCH_LENGTH = 200;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DESTINATION_PATTERN = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/;
const CARRIER_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export function parseShipmentListParams(search: URLSearchParams): ShipmentListParams {
  const text = (name: string) => search.get(name)?.trim() || null;
  const q = text("q");
  const attention = text("attention");
  const sort = text("sort");
  const carrier = text("carrier");
  return {
    q: q ? q.slice(0, MAX_SEARCH_LENGTH) : null,
    statuses: [...new Set((text("status") ?? "").split(","))].filter(isShipmentStatus),
    carrier: carrier && CARRIER_PATTERN.test(carrier) ? carrier : null,
    attention: ATTENTION_FILTERS.find((value) => value === attention) ?? null,
    ...(Object.fromEntries(DAY_RANGE_PARAMS.map((name) => [name, calendarDay(text(name))])) as Record<
      (typeof DAY_RANGE_PARAMS)[number],
      string | null
    >),
    destination: parseDestination(text("destination")),
    sort: SHIPMENT_SORTS.find((value) => value === sort) ?? "newest",
    after: text("after"),
    before: text("before"),
  };
}

/** The query string for a view; defaults are left out so links stay short. */
export function shipmentListSearch(params: Partial<ShipmentListParams>): string {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.statuses?.length) search.set("status", params.statuses.join(","));
  if (params.carrier) search.set("carrier", params.carrier);
  if (params.attention) search.set("attention", params.attention);
  for (const name of DAY_RANGE_PARAMS) {
    const day = params[name];
    if (day) search.set(name, day);
  }
  if (params.destination) search.set("destination", formatDestination(params.destination));
  if (params.sort && params.sort !== "newest") search.set("sort", params.sort);
  if (params.after) search.set("after", params.after);
  else if (params.before) search.set("before", params.before);
  const query = search.toString();
  return query ? `?${query}` : "";
}

export function parseDestination(value: string | null | undefined): Destination | null {
  const match = DESTINATION_PATTERN.exec((value ?? "").trim().toUpperCase());
  if (!match?.[1]) return null;
  return { country: match[1], region: match[2] ?? null };
}

export function formatDestination(destination: Destination): string {
  return destination.region ? `${destination.country}-${destination.region}` : destination.country;
}

export function hasFilters(filters: ShipmentListFilters): boolean {
  return Boolean(
    filters.q ||
    filters.statuses.length ||
    filters.carrier ||
    filters.attention ||
    filters.orderedFrom ||
    filters.orderedTo ||
    filters.destination,
  );
}

export function isAttentionFilterKind(value: AttentionFilter): value is AttentionKind {
  return value !== "any";
}

function calendarDay(value: string | null): string | null {
  if (!value || !DAY_PATTERN.test(value)) return null;
  return Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? null : value;
}
