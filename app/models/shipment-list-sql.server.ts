import type { Dialect } from "../../prisma/raw-sql";
import type { ListPosition } from "./shipment-list-cursor.server";
import type { Destination, ShipmentSort } from "./shipment-list-params";
import { SHIPMENT_STATUSES } from "./shipment-status";

// The Shipments list as SQL, each statement written so that it can only be answered by the index range
// chosen for it (shipment-list-plan.server.ts), at any table size:
// - driven by the sort: the sort key's index is walked from the cursor and the filters are checked on the way
//   until the page is full (the last-scan sort walks one (shop, status, lastEventAt) range per status, merged);
// - driven by a narrow filter: that filter's index range is read whole and sorted.
// A page's ids and sort keys are found first, on that index alone; only then are its 50 rows read whole.
// The planners are kept from other indexes by writing columns as expressions: SQLite's documented unary `+`
// on every filter that does not drive (its statistics hold only averages per index) and CROSS JOIN to fix the
// join order, the driving table first. PostgreSQL weighs the filters with its own, good statistics (wrapping
// them would turn its estimates into flat guesses, which made it scan the table); on both, when a filter
// drives, the sort key and id are expressions, so the rows are sorted rather than the sort index walked.

export type Sql = { text: string; params: unknown[] };

// The list's filters as the database sees them: the search resolved to shipment ids, days to instants.
export type ListFilters = {
  shipmentIds: string[] | null;
  statuses: string[];
  carrier: string | null;
  attentionKinds: string[] | null;
  orderedFrom: Date | null;
  orderedBefore: Date | null;
  shippedFrom: Date | null;
  shippedBefore: Date | null;
  deliveredFrom: Date | null;
  deliveredBefore: Date | null;
  destination: Destination | null;
};

// The filters with an index of their own, which can drive the query when they are narrow. The order date and
// the destination are the order's: their range is read on Order, and each order's shipments found by orderId.
export type Driver = "search" | "attention" | "status" | "carrier" | "ordered" | "destination";

type SortColumn = "createdAt" | "lastEventAt" | "windowEnd";
export type SortSpec = {
  column: SortColumn;
  descending: boolean;
  nulls: "none" | "first" | "last";
  // Whether an index holds the shop's shipments in this order (for last scan: one range per status).
  walkable: boolean;
};

export const SORT_SPECS: Record<ShipmentSort, SortSpec> = {
  newest: { column: "createdAt", descending: true, nulls: "none", walkable: true },
  oldest: { column: "createdAt", descending: false, nulls: "none", walkable: true },
  // Never scanned is the most silent of all.
  "last-scan": { column: "lastEventAt", descending: false, nulls: "first", walkable: true },
  // Parcels without a window have nothing to be soon about. (shop, windowEnd, id) holds both segments: on
  // SQLite the rows without a window come first in the index, on PostgreSQL last, and each segment is read as
  // a range of its own (see segmentConditionAndOrder), so the index's own place for them never matters.
  "window-end": { column: "windowEnd", descending: false, nulls: "last", walkable: true },
};

export const ROW_COLUMNS = `s."id", s."trackingNumber", s."trackingCompany", s."carrier", s."status", s."attention",
  s."attentionResolvedAt", s."shippedAt", s."windowEnd", s."deliveredAt", s."lastEventAt", s."createdAt",
  o."name" AS "orderName", o."orderedAt", o."destinationCountry", o."destinationProvince"`;

type ColumnType = "text" | "timestamp";

/** The same value as an expression, which neither planner can use an index for. */
function withoutIndex(dialect: Dialect, column: string, type: ColumnType): string {
  if (dialect === "sqlite") return `+${column}`;
  return type === "text" ? `(${column} || '')` : `(${column} + interval '0 seconds')`;
}

/** A column SQLite must not pick an index for; PostgreSQL weighs it with its statistics (see above). */
export function withoutIndexOnSqlite(dialect: Dialect, column: string): string {
  return dialect === "sqlite" ? `+${column}` : column;
}

const sql = (text: string, ...params: unknown[]): Sql => ({ text, params });

function and(parts: Array<Sql | null>): Sql {
  const present = parts.filter((part): part is Sql => part !== null && part.text !== "");
  return {
    text: present.map((part) => part.text).join(" AND "),
    params: present.flatMap((part) => part.params),
  };
}

const list = (values: unknown[]) => values.map(() => "?").join(", ");

export type ListContext = { dialect: Dialect; shop: string; filters: ListFilters; driver: Driver | null };

// Each filter, sargable only when it is the one driving the statement. (shop, carrier, status) serves the
// status list too when the carrier drives.
function filterConditions({ dialect, filters, driver }: ListContext, except: "status" | null = null): Sql {
  const column = (name: string, drives: boolean) => (drives ? name : withoutIndexOnSqlite(dialect, name));
  const conditions: Array<Sql | null> = [];
  if (filters.shipmentIds) {
    conditions.push(
      filters.shipmentIds.length
        ? sql(
            `${column(`s."id"`, driver === "search")} IN (${list(filters.shipmentIds)})`,
            ...filters.shipmentIds,
          )
        : sql("1 = 0"),
    );
  }
  if (filters.statuses.length && except !== "status") {
    const drives = driver === "status" || driver === "carrier";
    conditions.push(
      sql(`${column(`s."status"`, drives)} IN (${list(filters.statuses)})`, ...filters.statuses),
    );
  }
  if (filters.carrier) {
    conditions.push(sql(`${column(`s."carrier"`, driver === "carrier")} = ?`, filters.carrier));
  }
  if (filters.attentionKinds) {
    const kinds = filters.attentionKinds;
    // Open episodes only: one the merchant resolved keeps its kind with attentionResolvedAt set.
    conditions.push(
      sql(
        `${column(`s."attention"`, driver === "attention")} IN (${list(kinds)}) AND s."attentionResolvedAt" IS NULL`,
        ...kinds,
      ),
    );
  }
  const orderedAt = column(`o."orderedAt"`, driver === "ordered");
  if (filters.orderedFrom) conditions.push(sql(`${orderedAt} >= ?`, filters.orderedFrom));
  if (filters.orderedBefore) conditions.push(sql(`${orderedAt} < ?`, filters.orderedBefore));
  // No index holds these days: they are only ever checked on the rows another index finds.
  if (filters.shippedFrom) conditions.push(sql(`s."shippedAt" >= ?`, filters.shippedFrom));
  if (filters.shippedBefore) conditions.push(sql(`s."shippedAt" < ?`, filters.shippedBefore));
  if (filters.deliveredFrom) conditions.push(sql(`s."deliveredAt" >= ?`, filters.deliveredFrom));
  if (filters.deliveredBefore) conditions.push(sql(`s."deliveredAt" < ?`, filters.deliveredBefore));
  if (filters.destination) {
    const drives = driver === "destination";
    conditions.push(sql(`${column(`o."destinationCountry"`, drives)} = ?`, filters.destination.country));
    if (filters.destination.region) {
      conditions.push(sql(`${column(`o."destinationProvince"`, drives)} = ?`, filters.destination.region));
    }
  }
  return and(conditions);
}

// The Order row is joined while filtering only when a filter reads it; the page's own rows get theirs at the end.
function fromAndJoin(context: ListContext): Sql {
  const { driver, filters, shop } = context;
  if (driver === "ordered" || driver === "destination") {
    // The order date's or destination's range of orders, each order's shipments through (orderId); the
    // shipment's own shop is checked on them, not searched.
    // PostgreSQL would rather hash-join a few thousand orders against a scan of every shipment: LATERAL with
    // OFFSET 0 (which keeps it from being merged into a plain join) makes it look each order's shipments up.
    if (context.dialect === "postgresql") {
      return sql(
        `FROM "Order" o CROSS JOIN LATERAL (SELECT * FROM "Shipment" WHERE "orderId" = o."id" OFFSET 0) s
          WHERE o."shop" = ? AND s."shop" = ?`,
        shop,
        shop,
      );
    }
    return sql(
      `FROM "Order" o CROSS JOIN "Shipment" s WHERE o."shop" = ? AND s."orderId" = o."id" AND +s."shop" = ?`,
      shop,
      shop,
    );
  }
  // Found by id (the search's matches), a shipment's shop is checked rather than searched.
  const shipmentShop = driver === "search" ? withoutIndexOnSqlite(context.dialect, `s."shop"`) : `s."shop"`;
  const readsOrder = filters.orderedFrom || filters.orderedBefore || filters.destination;
  return readsOrder
    ? sql(`FROM "Shipment" s CROSS JOIN "Order" o WHERE ${shipmentShop} = ? AND o."id" = s."orderId"`, shop)
    : sql(`FROM "Shipment" s WHERE ${shipmentShop} = ?`, shop);
}

export type Segment = "values" | "nulls";

/**
 * The segments of the sort in the order a traversal meets them: rows without a key come first or last as a
 * block, ordered by id. A traversal backwards (to the previous page) meets them in reverse.
 */
export function segmentsInOrder(sort: SortSpec, backward: boolean): Segment[] {
  const forward: Segment[] =
    sort.nulls === "none" ? ["values"] : sort.nulls === "first" ? ["nulls", "values"] : ["values", "nulls"];
  return backward ? forward.reverse() : forward;
}

export type SegmentQuery = {
  segment: Segment;
  // Where to start inside the segment: right after this row; null for the segment's start.
  after: ListPosition | null;
  descending: boolean;
  limit: number;
};

// The rows of one segment after a position, in traversal order. When a filter drives, sort key and id are
// expressions, so the planner reads that filter's range and sorts it rather than walking the sort index.
function segmentConditionAndOrder(
  context: ListContext,
  sort: SortSpec,
  query: SegmentQuery,
): { condition: Sql; orderBy: string } {
  const sortDriven = context.driver === null;
  const key = sortDriven
    ? `s."${sort.column}"`
    : withoutIndex(context.dialect, `s."${sort.column}"`, "timestamp");
  // (shop, status, lastEventAt) holds no id: ties are sorted, and the primary key must not be walked instead.
  const idIndexed = sortDriven && sort.column !== "lastEventAt";
  const id = idIndexed ? `s."id"` : withoutIndex(context.dialect, `s."id"`, "text");
  const direction = query.descending ? "DESC" : "ASC";
  const beyond = query.descending ? "<" : ">";
  const { after } = query;
  const orderBy = `${key} ${direction}, ${id} ${direction}`;
  if (query.segment === "nulls") {
    // Ordered by the (null) key too: PostgreSQL does not take `IS NULL` to fix the key's place in the index
    // order, and ordered by id alone it walks the primary key (every shop's rows) instead of the range.
    return {
      condition: after ? sql(`${key} IS NULL AND ${id} ${beyond} ?`, after.id) : sql(`${key} IS NULL`),
      orderBy,
    };
  }
  if (!after?.key) return { condition: sort.nulls === "none" ? sql("") : sql(`${key} IS NOT NULL`), orderBy };
  // The first comparison bounds the index range; the second drops the rows at the boundary already shown.
  return {
    condition: sql(
      `${key} ${beyond}= ? AND (${key} ${beyond} ? OR (${key} = ? AND ${id} ${beyond} ?))`,
      after.key,
      after.key,
      after.key,
      after.id,
    ),
    orderBy,
  };
}

/** The ids of one segment's rows, in order, without reading the rows themselves. */
export function segmentKeysStatement(context: ListContext, sort: SortSpec, query: SegmentQuery): Sql {
  return mergesStatusRanges(context, sort)
    ? mergedStatusRanges(context, sort, query)
    : pageKeys(context, sort, query, filterConditions(context));
}

/** Whole rows of the shop by id (found through the primary key; their shop is checked on them). */
export function rowsByIdStatement(context: Pick<ListContext, "dialect" | "shop">, ids: string[]): Sql {
  return sql(
    `SELECT ${ROW_COLUMNS} FROM "Shipment" s CROSS JOIN "Order" o
      WHERE s."id" IN (${list(ids)}) AND ${withoutIndexOnSqlite(context.dialect, `s."shop"`)} = ? AND o."id" = s."orderId"`,
    ...ids,
    context.shop,
  );
}

/**
 * One segment's page: the ids and sort keys are found first, on the chosen index alone, then only those rows
 * are read whole with their order.
 */
export function segmentStatement(context: ListContext, sort: SortSpec, query: SegmentQuery): Sql {
  const keys = segmentKeysStatement(context, sort, query);
  const direction = query.descending ? "DESC" : "ASC";
  return {
    text: `SELECT ${ROW_COLUMNS} FROM (${keys.text}) AS "page" CROSS JOIN "Shipment" s CROSS JOIN "Order" o
      WHERE s."id" = "page"."id" AND o."id" = s."orderId"
      ORDER BY "page"."sortKey" ${direction}, "page"."id" ${direction}`,
    params: keys.params,
  };
}

// Shipments Parcelwise stores from a fulfillment are created after Shopify shipped them (the row is written
// when the fulfillment reaches the app), so nothing shipped since a day was created a week or more before it:
// walking the creation-date index can stop there instead of at the shop's first shipment.
export const CREATED_BEFORE_SHIPPED_SLACK_MS = 7 * 86_400_000;

function createdSinceShipped(context: ListContext, sort: SortSpec): Sql | null {
  const { shippedFrom } = context.filters;
  if (context.driver !== null || sort.column !== "createdAt" || !shippedFrom) return null;
  return sql(`s."createdAt" >= ?`, new Date(shippedFrom.getTime() - CREATED_BEFORE_SHIPPED_SLACK_MS));
}

function pageKeys(context: ListContext, sort: SortSpec, query: SegmentQuery, filters: Sql): Sql {
  const { condition, orderBy } = segmentConditionAndOrder(context, sort, query);
  const where = and([fromAndJoin(context), filters, createdSinceShipped(context, sort), condition]);
  return {
    text: `SELECT s."id" AS "id", s."${sort.column}" AS "sortKey" ${where.text} ORDER BY ${orderBy} LIMIT ?`,
    params: [...where.params, query.limit],
  };
}

// The last-scan sort has no index of its own, but (shop, status, lastEventAt) holds each status's parcels in
// that order: one ordered range per status, merged. Only when the sort drives; a narrow filter is simply sorted.
function mergesStatusRanges(context: ListContext, sort: SortSpec): boolean {
  return context.driver === null && sort.column === "lastEventAt";
}

function mergedStatusRanges(context: ListContext, sort: SortSpec, query: SegmentQuery): Sql {
  const statuses = context.filters.statuses.length ? context.filters.statuses : SHIPMENT_STATUSES;
  const otherFilters = filterConditions(context, "status");
  const branches = statuses.map((status) => {
    const branch = pageKeys(context, sort, query, and([sql(`s."status" = ?`, status), otherFilters]));
    return { text: `SELECT * FROM (${branch.text}) AS "branch"`, params: branch.params };
  });
  const direction = query.descending ? "DESC" : "ASC";
  return {
    text: `${branches.map((branch) => branch.text).join(" UNION ALL ")} ORDER BY "sortKey" ${direction}, "id" ${direction} LIMIT ?`,
    params: [...branches.flatMap((branch) => branch.params), query.limit],
  };
}

/** The index range a driver would read: every row of the shop that its filter matches. */
export function driverRangeStatement(
  { dialect, filters, shop }: Pick<ListContext, "dialect" | "filters" | "shop">,
  driver: Exclude<Driver, "search">,
): Sql {
  switch (driver) {
    case "attention": {
      const kinds = filters.attentionKinds ?? [];
      return sql(
        `SELECT 1 FROM "Shipment" s WHERE s."shop" = ? AND s."attention" IN (${list(kinds)})`,
        shop,
        ...kinds,
      );
    }
    case "status":
      return sql(
        `SELECT 1 FROM "Shipment" s WHERE s."shop" = ? AND s."status" IN (${list(filters.statuses)})`,
        shop,
        ...filters.statuses,
      );
    case "carrier":
      return and([
        sql(`SELECT 1 FROM "Shipment" s WHERE s."shop" = ? AND s."carrier" = ?`, shop, filters.carrier),
        filters.statuses.length
          ? sql(`s."status" IN (${list(filters.statuses)})`, ...filters.statuses)
          : null,
      ]);
    case "ordered":
      return and([
        sql(`SELECT 1 FROM "Order" o WHERE o."shop" = ?`, shop),
        filters.orderedFrom ? sql(`o."orderedAt" >= ?`, filters.orderedFrom) : null,
        filters.orderedBefore ? sql(`o."orderedAt" < ?`, filters.orderedBefore) : null,
      ]);
    case "destination": {
      const { country, region } = filters.destination ?? { country: "", region: null };
      // PostgreSQL's estimate multiplies the two columns' shares as if they were independent, but a state
      // implies its country: the state alone estimates the range (a code two countries share only counts
      // more, so the sort walks rather than reading too many). SQLite counts the range itself.
      return and([
        sql(`SELECT 1 FROM "Order" o WHERE o."shop" = ?`, shop),
        region && dialect === "postgresql" ? null : sql(`o."destinationCountry" = ?`, country),
        region ? sql(`o."destinationProvince" = ?`, region) : null,
      ]);
    }
  }
}
