import { decodeDate, type SqlRow } from "../../prisma/raw-sql";
import { rawSql } from "../db.server";
import type { ListPosition } from "./shipment-list-cursor.server";
import {
  driverRangeStatement,
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
export const PLAN_THRESHOLDS = {
  narrowRows: 10_000,
  // An order-date range in the past sits far down the creation-date index, so walking it finds nothing for a
  // long time: the range itself is read and sorted up to a larger size.
  narrowOrderDaysRows: 50_000,
};

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
const RANGE_DRIVERS = ["attention", "status", "carrier", "ordered"] as const;

export async function chooseDriver({
  shop,
  filters,
}: {
  shop: string;
  filters: ListFilters;
}): Promise<Driver | null> {
  if (filters.shipmentIds !== null) return "search";
  let best: { driver: Driver; rows: number } | null = null;
  for (const driver of RANGE_DRIVERS.filter((candidate) => applies(candidate, filters))) {
    const threshold = driver === "ordered" ? PLAN_THRESHOLDS.narrowOrderDaysRows : PLAN_THRESHOLDS.narrowRows;
    const rows = await rangeSize(driverRangeStatement({ shop, filters }, driver), threshold);
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
