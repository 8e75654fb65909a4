import prisma, { rawSql } from "../db.server";
import { calendarDayOf, dayNumberOf } from "./delivery-windows/calendar-day";
import { startOfDay } from "./delivery-estimates.server";
import { decodeCursor, encodeCursor, type ListPosition } from "./shipment-list-cursor.server";
import {
  DAY_RANGE_PARAMS,
  isAttentionFilterKind,
  NO_FILTERS,
  SHIPMENTS_PAGE_SIZE,
  type ShipmentListFilters,
  type ShipmentListParams,
  type ShipmentSort,
} from "./shipment-list-params";
import {
  EXPORT_THRESHOLDS,
  chooseDriver,
  positionOf,
  readAllRowsOfNarrowView,
  readRows,
  type PlanThresholds,
  type ShipmentListRow,
} from "./shipment-list-plan.server";
import { SORT_SPECS, type ListContext, type ListFilters, type SortSpec } from "./shipment-list-sql.server";
import { searchShipmentIds } from "./shipment-search.server";
import { ATTENTION_KINDS } from "./shipment-status";

// The Shipments page: one shop's shipments filtered, sorted and paged by cursor (keyset on the sort key and
// the id, never OFFSET), so any page of any view costs about what the first one does at a million shipments.
// Which index answers each view is decided in shipment-list-plan.server.ts.

export type { ShipmentListRow };

export type ShipmentPage = {
  shipments: ShipmentListRow[];
  hasNext: boolean;
  hasPrevious: boolean;
  nextCursor: string | null;
  previousCursor: string | null;
};

export type ListShipmentsInput = {
  shop: string;
  params?: Partial<ShipmentListParams>;
  limit?: number;
};

export async function listShipments({
  shop,
  params = {},
  limit = SHIPMENTS_PAGE_SIZE,
}: ListShipmentsInput): Promise<ShipmentPage> {
  const sortName: ShipmentSort = params.sort ?? "newest";
  const sort = SORT_SPECS[sortName];
  const after = decodeCursor(sortName, params.after ?? null);
  const before = after ? null : decodeCursor(sortName, params.before ?? null);
  const context = await listContext({ shop, filters: { ...NO_FILTERS, ...params }, sort });
  const backward = before !== null;
  const rows = await readRows({ context, sort, backward, position: after ?? before, limit: limit + 1 });
  const more = rows.length > limit;
  // Back at the start: the first page as it is now, full, rather than whatever was left before the cursor.
  if (backward && !more) return listShipments({ shop, params: { ...params, before: null }, limit });
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  // Coming back from a later page, there is a next one; having followed a cursor, there is a previous one.
  const hasNext = backward || more;
  const hasPrevious = backward ? more : after !== null;
  return {
    shipments: page,
    hasNext,
    hasPrevious,
    nextCursor: hasNext && last ? encodeCursor(sortName, positionOf(sort, last)) : null,
    previousCursor: hasPrevious && first ? encodeCursor(sortName, positionOf(sort, first)) : null,
  };
}

/**
 * Every shipment of the view, in its order, a batch at a time (the CSV export): one more page of the same
 * keyset per batch, or, when a filter narrows the view, its ids sorted once and the rows read by id. Memory
 * stays flat whatever the count.
 */
export async function* listAllShipments({
  shop,
  filters,
  onlyIds = null,
  sort: sortName = "newest",
  batchSize = 1_000,
}: {
  shop: string;
  filters: ShipmentListFilters;
  // The rows a merchant selected, within the view.
  onlyIds?: string[] | null;
  sort?: ShipmentSort;
  batchSize?: number;
}): AsyncGenerator<ShipmentListRow[]> {
  const sort = SORT_SPECS[sortName];
  const context = await listContext({ shop, filters, sort, onlyIds, thresholds: EXPORT_THRESHOLDS });
  if (context.driver) {
    yield* readAllRowsOfNarrowView({ context, sort, batchSize });
    return;
  }
  let position: ListPosition | null = null;
  for (;;) {
    const rows = await readRows({ context, sort, backward: false, position, limit: batchSize });
    if (rows.length) yield rows;
    const last = rows.at(-1);
    if (rows.length < batchSize || !last) return;
    position = positionOf(sort, last);
  }
}

async function listContext({
  shop,
  filters,
  sort,
  onlyIds = null,
  thresholds,
}: {
  shop: string;
  filters: ShipmentListFilters;
  sort: SortSpec;
  onlyIds?: string[] | null;
  thresholds?: PlanThresholds;
}): Promise<ListContext> {
  const resolved = await resolveFilters({ shop, filters });
  if (onlyIds) {
    const selected = new Set(onlyIds);
    resolved.shipmentIds = (resolved.shipmentIds ?? onlyIds).filter((id) => selected.has(id));
  }
  return {
    dialect: rawSql.dialect,
    shop,
    filters: resolved,
    driver: await chooseDriver({ shop, filters: resolved, sort, thresholds }),
  };
}

async function resolveFilters({
  shop,
  filters,
}: {
  shop: string;
  filters: ShipmentListFilters;
}): Promise<ListFilters> {
  const timeZone = DAY_RANGE_PARAMS.some((name) => filters[name]) ? await shopTimeZone(shop) : "UTC";
  // Days on the shop's own calendar, the last one included.
  const dayStart = (day: string | null) => (day ? startOfDay(day, timeZone) : null);
  const dayAfter = (day: string | null) =>
    day ? startOfDay(calendarDayOf(dayNumberOf(day) + 1), timeZone) : null;
  return {
    shipmentIds: filters.q ? await searchShipmentIds({ shop, q: filters.q }) : null,
    statuses: filters.statuses,
    carrier: filters.carrier,
    attentionKinds: filters.attention
      ? isAttentionFilterKind(filters.attention)
        ? [filters.attention]
        : [...ATTENTION_KINDS]
      : null,
    orderedFrom: dayStart(filters.orderedFrom),
    orderedBefore: dayAfter(filters.orderedTo),
    shippedFrom: dayStart(filters.shippedFrom),
    shippedBefore: dayAfter(filters.shippedTo),
    deliveredFrom: dayStart(filters.deliveredFrom),
    deliveredBefore: dayAfter(filters.deliveredTo),
    destination: filters.destination,
  };
}

async function shopTimeZone(shop: string): Promise<string> {
  const row = await prisma.shop.findUnique({ where: { domain: shop }, select: { timezone: true } });
  return row?.timezone ?? "UTC";
}
