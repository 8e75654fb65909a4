import {
  decodeDate,
  insertRow,
  insertRows,
  quoteIdentifier,
  type SqlExecutor,
} from "../../../prisma/raw-sql";
import { rawSql } from "../../db.server";
import { calendarDayOf, dayNumberOf, weekStartOf, type CalendarDay } from "../delivery-windows/calendar-day";
import { startOfDay } from "../delivery-estimates.server";
import { rollUpDay, SUM_COLUMNS, type OrderForStats, type StatsRow } from "./day-rollup";
import type { EventForStats } from "./shipment-facts";

// Recomputes order days of a shop's DeliveryStatsDaily from their orders, shipments, scans, first promises
// and help requests, and replaces the days' rows in one transaction: rebuilding is idempotent, so a day
// touched twice, or by two runs, ends up the same. Through the driver (prisma/raw-sql.ts): a first build
// reads every shipment the shop ever had, two joined reads per day instead of one per table and batch.

// Days are read one by one and written together: one commit (and its disk flush) for a batch of days.
export async function rebuildStatsDays({
  shop,
  days,
  timeZone,
}: {
  shop: string;
  days: CalendarDay[];
  timeZone: string;
}): Promise<StatsRow[]> {
  const rebuilt: Array<{ day: CalendarDay; rows: StatsRow[] }> = [];
  for (const day of days) {
    const range = [
      startOfDay(day, timeZone),
      startOfDay(calendarDayOf(dayNumberOf(day) + 1), timeZone),
    ] as const;
    rebuilt.push({ day, rows: rollUpDay(await loadDay({ shop, range })) });
  }
  await rawSql.transaction(async (sql) => {
    for (const { day, rows } of rebuilt) {
      await sql.run(`DELETE FROM "DeliveryStats" WHERE "shop" = ? AND "grain" = 'day' AND "period" = ?`, [
        shop,
        day,
      ]);
      const placement = { shop, grain: "day", period: day, week: weekStartOf(day), month: day.slice(0, 7) };
      const placed = rows.map((row) => ({ ...placement, ...row }));
      // SQLite runs one prepared statement per row fastest; PostgreSQL wants few round trips.
      if (sql.dialect === "sqlite") for (const row of placed) await insertRow(sql, "DeliveryStats", row);
      else await insertRows(sql, "DeliveryStats", placed);
    }
    const days = rebuilt.map(({ day }) => day);
    for (const week of new Set(days.map(weekStartOf)))
      await sumDaysInto(sql, { shop, grain: "week", period: week });
    for (const month of new Set(days.map((day) => day.slice(0, 7)))) {
      await sumDaysInto(sql, { shop, grain: "month", period: month });
    }
  });
  return rebuilt.flatMap(({ rows }) => rows);
}

const LANE_COLUMNS = ["carrier", "service", "country", "region"].map(quoteIdentifier).join(", ");
const SUMS = SUM_COLUMNS.map(quoteIdentifier);

// A week's or a month's rows, summed again from its day rows in the database.
async function sumDaysInto(
  sql: SqlExecutor,
  { shop, grain, period }: { shop: string; grain: "week" | "month"; period: string },
) {
  await sql.run(`DELETE FROM "DeliveryStats" WHERE "shop" = ? AND "grain" = ? AND "period" = ?`, [
    shop,
    grain,
    period,
  ]);
  await sql.run(
    `INSERT INTO "DeliveryStats" ("shop", "grain", "period", "week", "month", ${LANE_COLUMNS}, ${SUMS.join(", ")})
      SELECT "shop", ?, ?, '', '', ${LANE_COLUMNS}, ${SUMS.map((column) => `SUM(${column})`).join(", ")}
      FROM "DeliveryStats" WHERE "shop" = ? AND "grain" = 'day' AND ${quoteIdentifier(grain)} = ?
      GROUP BY "shop", ${LANE_COLUMNS}`,
    [grain, period, shop, period],
  );
}

type OrderShipmentRow = {
  orderId: string;
  orderedAt: unknown;
  destinationCountry: string | null;
  destinationProvince: string | null;
  trackingLookups: number | bigint;
  helpRequests: number | bigint | string;
  shipmentId: string | null;
  carrier: string | null;
  service: string | null;
  status: string | null;
  deliveredAt: unknown;
  attention: string | null;
  attentionOwner: string | null;
  earliestAt: unknown;
  likelyAt: unknown;
  latestAt: unknown;
};

type EventRow = {
  shipmentId: string;
  status: string;
  substatus: string | null;
  occurredAt: unknown;
  createdAt: unknown;
  source: string;
};

// Orders of the day with their shipments (a cancelled fulfillment never travelled: not a shipment to judge a
// carrier by), each shipment's first promise, and the order's help requests.
const ORDERS_OF_DAY = `
  SELECT o."id" AS "orderId", o."orderedAt", o."destinationCountry", o."destinationProvince", o."trackingLookups",
    (SELECT COUNT(*) FROM "SupportRequest" r WHERE r."shop" = o."shop" AND r."orderId" = o."id") AS "helpRequests",
    s."id" AS "shipmentId", s."carrier", s."service", s."status", s."deliveredAt", s."attention", s."attentionOwner",
    e."earliestAt", e."likelyAt", e."latestAt"
  FROM "Order" o
  LEFT JOIN "Shipment" s ON s."orderId" = o."id"
    AND (s."shopifyFulfillmentStatus" IS NULL OR s."shopifyFulfillmentStatus" <> 'cancelled')
  LEFT JOIN "DeliveryEstimate" e ON e."shop" = o."shop" AND e."shipmentId" = s."id" AND e."isOriginal" = ?
  WHERE o."shop" = ? AND o."cancelledAt" IS NULL AND o."orderedAt" >= ? AND o."orderedAt" < ?
  ORDER BY o."id", s."createdAt", s."trackingIndex", e."createdAt"`;

// As a semi-join on purpose: without planner statistics (SQLite never gathers them by itself) a plain join
// starts from every scan of the shop; this starts from the day's orders.
const EVENTS_OF_DAY = `
  SELECT t."shipmentId", t."status", t."substatus", t."occurredAt", t."createdAt", t."source"
  FROM "TrackingEvent" t
  WHERE t."shop" = ? AND t."shipmentId" IN (
    SELECT s."id" FROM "Order" o JOIN "Shipment" s ON s."orderId" = o."id"
    WHERE o."shop" = ? AND o."cancelledAt" IS NULL AND o."orderedAt" >= ? AND o."orderedAt" < ?)`;

async function loadDay({
  shop,
  range,
}: {
  shop: string;
  range: readonly [Date, Date];
}): Promise<OrderForStats[]> {
  const [rows, eventRows] = await Promise.all([
    rawSql.read<OrderShipmentRow>(ORDERS_OF_DAY, [true, shop, ...range]),
    rawSql.read<EventRow>(EVENTS_OF_DAY, [shop, shop, ...range]),
  ]);
  const events = new Map<string, EventForStats[]>();
  for (const row of eventRows) {
    const event: EventForStats = {
      status: row.status,
      substatus: row.substatus,
      occurredAt: decodeDate(row.occurredAt) as Date,
      createdAt: decodeDate(row.createdAt) as Date,
      source: row.source,
    };
    const list = events.get(row.shipmentId);
    if (list) list.push(event);
    else events.set(row.shipmentId, [event]);
  }

  const orders = new Map<string, OrderForStats>();
  const seenShipments = new Set<string>();
  for (const row of rows) {
    let order = orders.get(row.orderId);
    if (!order) {
      order = {
        orderedAt: decodeDate(row.orderedAt) as Date,
        destinationCountry: row.destinationCountry,
        destinationProvince: row.destinationProvince,
        trackingLookups: Number(row.trackingLookups),
        helpRequests: Number(row.helpRequests),
        shipments: [],
      };
      orders.set(row.orderId, order);
    }
    // Only the first original promise of a shipment counts (rows are ordered by when it was made).
    if (!row.shipmentId || seenShipments.has(row.shipmentId)) continue;
    seenShipments.add(row.shipmentId);
    const earliestAt = decodeDate(row.earliestAt);
    const latestAt = decodeDate(row.latestAt);
    order.shipments.push({
      carrier: row.carrier,
      service: row.service,
      status: row.status ?? "pending",
      deliveredAt: decodeDate(row.deliveredAt),
      attention: row.attention,
      attentionOwner: row.attentionOwner,
      events: events.get(row.shipmentId) ?? [],
      promise:
        earliestAt && latestAt
          ? { earliestAt, latestAt, likelyAt: decodeDate(row.likelyAt) ?? earliestAt }
          : null,
    });
  }
  return [...orders.values()];
}
