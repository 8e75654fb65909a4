import { decodeDate, type SqlRow } from "../../prisma/raw-sql";
import { rawSql } from "../db.server";
import type { ListPosition } from "./shipment-list-cursor.server";
import {
  driverRangeStatement,
  rowsByIdStatement,
  segmentKeysStatement,
  segmentsInOrder,
  segmentStatement,
  type Driver,
  type ListContext,
  type ListFilters,
  type SortSpec,
  type Sql,
} from "./shipment-list-sql.server";

// Which index answers a page, and the page's rows in order.
//
// A filter whose index range holds fewer rows than the threshold drives: its range is read and sorted, which
// costs the same on any page. Otherwise the sort's index is walked and the filters are checked on the way:
// every filter then matches a good share of the shop's shipments, so a page is usually found after a short
// walk. Ranges are sized without reading them: PostgreSQL's planner estimates them from its statistics
// (EXPLAIN); SQLite's statistics hold only averages per index, so there the range is counted, stopping at the
// threshold. Measured by `npm run bench -- --scenario shipments-list`; tests move the thresholds to hold both
// ways of answering to the same rows.
export type PlanThresholds = { narrowRows: number; narrowOrderDaysRows: number };

export const PLAN_THRESHOLDS: PlanThresholds = {
  narrowRows: 10_000,
  // An order-date range in the past sits far down the creation-date and window-end indexes (both follow the
  // order date), so walking them finds nothing for a long time: the range itself is read and sorted up to a
  // larger size. A destination is spread over the whole year, so walking finds its share at once: narrowRows.
  narrowOrderDaysRows: 50_000,
};

// The CSV export reads every row of the view: a filter's range is worth sorting once up to a larger size
// (its ids only, a few MB), against walking most of the shop to collect a small share of it.
export const EXPORT_THRESHOLDS: PlanThresholds = { narrowRows: 200_000, narrowOrderDaysRows: 200_000 };

export type ShipmentListRow = {
  id: string;
  orderName: string;
  trackingNumber: string | null;
  trackingCompany: string | null;
  carrier: string | null;
  status: string;
  // The open problem, if any; one the merchant resolved is not shown.
  attention: string | null;
  shippedAt: Date | null;
  windowEnd: Date | null;
  deliveredAt: Date | null;
  lastEventAt: Date | null;
  createdAt: Date;
  orderedAt: Date;
  destinationCountry: string | null;
  destinationProvince: string | null;
};

// The search drives whenever there is one: it is an exact match on a few keys. Otherwise the narrowest range.
const RANGE_DRIVERS = ["attention", "status", "carrier", "ordered", "destination"] as const;

export async function chooseDriver({
  shop,
  filters,
  sort,
  thresholds = PLAN_THRESHOLDS,
}: {
  shop: string;
  filters: ListFilters;
  sort: SortSpec;
  thresholds?: PlanThresholds;
}): Promise<Driver | null> {
  if (filters.shipmentIds !== null) return "search";
  let best: { driver: Driver; rows: number } | null = null;
  for (const driver of RANGE_DRIVERS.filter((candidate) => applies(candidate, filters))) {
    // A sort no index walks sorts whatever is read: the narrowest filter, however wide, beats the whole shop.
    const threshold = !sort.walkable
      ? Number.POSITIVE_INFINITY
      : driver === "ordered"
        ? thresholds.narrowOrderDaysRows
        : thresholds.narrowRows;
    const range = driverRangeStatement({ dialect: rawSql.dialect, shop, filters }, driver);
    const rows = await rangeSize(range, threshold);
    if (rows < threshold && (!best || rows < best.rows)) best = { driver, rows };
  }
  return best?.driver ?? null;
}

async function rangeSize(range: Sql, cap: number): Promise<number> {
  if (rawSql.dialect === "postgresql") {
    const [row] = await rawSql.read<{ "QUERY PLAN": unknown }>(
      `EXPLAIN (FORMAT JSON) ${range.text}`,
      range.params,
    );
    const plan = row?.["QUERY PLAN"];
    const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as Array<{
      Plan: { "Plan Rows": number };
    }>;
    return parsed[0]?.Plan["Plan Rows"] ?? cap;
  }
  const [row] = await rawSql.read<{ rows: unknown }>(
    `SELECT COUNT(*) AS "rows" FROM (${range.text} LIMIT ?) AS "range"`,
    [...range.params, Math.min(cap, 2 ** 31 - 1)],
  );
  return Number(row?.rows ?? cap);
}

function applies(driver: (typeof RANGE_DRIVERS)[number], filters: ListFilters): boolean {
  switch (driver) {
    case "attention":
      return filters.attentionKinds !== null;
    case "status":
      return filters.statuses.length > 0;
    case "carrier":
      return filters.carrier !== null;
    case "ordered":
      return filters.orderedFrom !== null || filters.orderedBefore !== null;
    case "destination":
      return filters.destination !== null;
  }
}

/**
 * Up to `limit` rows from `position` on, in the order of the traversal (reversed when reading backwards), going
 * on to the next segment (rows with or without a sort key) when one runs out.
 */
export async function readRows({
  context,
  sort,
  backward,
  position,
  limit,
}: {
  context: ListContext;
  sort: SortSpec;
  backward: boolean;
  position: ListPosition | null;
  limit: number;
}): Promise<ShipmentListRow[]> {
  if (context.filters.shipmentIds?.length === 0) return [];
  const descending = sort.descending !== backward;
  const segments = segmentsInOrder(sort, backward);
  const startSegment = position ? (position.key === null ? "nulls" : "values") : segments[0];
  const rows: ShipmentListRow[] = [];
  for (const segment of segments.slice(Math.max(0, segments.indexOf(startSegment ?? "values")))) {
    const statement = segmentStatement(context, sort, {
      segment,
      after: segment === startSegment ? position : null,
      descending,
      limit: limit - rows.length,
    });
    const found = await rawSql.read(statement.text, statement.params);
    rows.push(...found.map(toListRow));
    if (rows.length >= limit) break;
  }
  return rows;
}

/**
 * Every row of a view a narrow filter drives, in order, a batch at a time (the CSV export). Paging that view
 * would read and sort the filter's whole range again for every batch, so its ids are sorted once and the rows
 * read by id.
 */
export async function* readAllRowsOfNarrowView({
  context,
  sort,
  batchSize,
}: {
  context: ListContext;
  sort: SortSpec;
  batchSize: number;
}): AsyncGenerator<ShipmentListRow[]> {
  const ids: string[] = [];
  for (const segment of segmentsInOrder(sort, false)) {
    const statement = segmentKeysStatement(context, sort, {
      segment,
      after: null,
      descending: sort.descending,
      // All of them: the threshold was checked against an estimate.
      limit: 2 ** 31 - 1,
    });
    const rows = await rawSql.read<{ id: string }>(statement.text, statement.params);
    ids.push(...rows.map((row) => row.id));
  }
  for (let start = 0; start < ids.length; start += batchSize) {
    const batch = ids.slice(start, start + batchSize);
    const statement = rowsByIdStatement(context, batch);
    const byId = new Map((await rawSql.read(statement.text, statement.params)).map((row) => [row.id, row]));
    yield batch.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toListRow(row)] : [];
    });
  }
}

function toListRow(row: SqlRow): ShipmentListRow {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    id: String(row.id),
    orderName: String(row.orderName),
    trackingNumber: text(row.trackingNumber),
    trackingCompany: text(row.trackingCompany),
    carrier: text(row.carrier),
    status: String(row.status),
    attention: row.attentionResolvedAt === null ? text(row.attention) : null,
    shippedAt: decodeDate(row.shippedAt),
    windowEnd: decodeDate(row.windowEnd),
    deliveredAt: decodeDate(row.deliveredAt),
    lastEventAt: decodeDate(row.lastEventAt),
    createdAt: decodeDate(row.createdAt) as Date,
    orderedAt: decodeDate(row.orderedAt) as Date,
    destinationCountry: text(row.destinationCountry),
    destinationProvince: text(row.destinationProvince),
  };
}

export function positionOf(sort: SortSpec, row: ShipmentListRow): ListPosition {
  return { key: row[sort.column], id: row.id };
}
