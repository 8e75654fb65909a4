import { estimateWindowJob } from "./delivery-estimates.server";
import { refreshJob } from "./refresh-job";
import { insertRows, newRowId, placeholders, type SqlExecutor, type SqlRow } from "../../prisma/raw-sql";
import prisma, { rawSql } from "../db.server";
import type { FulfillmentEventSnapshot, OrderSnapshot } from "../services/shopify-snapshots";
import {
  applyFulfillmentEventSnapshot,
  applyOrderSnapshot,
  awaitsCarrierScans,
  eventRowData,
  NO_TRACKING,
  orderRowData,
  shipmentRowData,
} from "./order-sync.server";
import { assignCarrier, shopCarrierCorrections, shopCarrierHistory } from "./shipment-carrier.server";
import { attentionAfterStateChange, NO_ATTENTION } from "./shipment-attention";
import { deriveShipmentState } from "./shipment-timeline.server";

// Backfill imports tens of thousands of orders: rows Parcelwise has never seen are built in memory and written
// through the driver with a few multi-row INSERTs per batch (prisma/raw-sql.ts), in one transaction with
// `recordProgress` (the resumable line count). Anything already known goes first through the per-item ORM
// functions, which are idempotent, so a crash between the two only repeats them. Both paths produce the same
// rows (tests/integration/backfill.test.ts compares them).
export async function applyOrderBatch({
  shop,
  orders,
  events,
  recordProgress,
}: {
  shop: string;
  orders: OrderSnapshot[];
  events: FulfillmentEventSnapshot[];
  recordProgress: (sql: SqlExecutor) => Promise<void>;
}): Promise<{ orders: number; events: number }> {
  const fulfillmentIds = [
    ...new Set([
      ...orders.flatMap((order) => order.fulfillments.map((fulfillment) => fulfillment.shopifyId)),
      ...events.map((event) => event.fulfillmentShopifyId),
    ]),
  ];
  const orderIds = orders.map((order) => order.shopifyId);
  const [knownOrders, knownShipments] = await Promise.all([
    orderIds.length
      ? rawSql.statement<{ shopifyId: string }>(
          `SELECT "shopifyId" FROM "Order" WHERE "shop" = ? AND "shopifyId" IN (${placeholders(orderIds.length)})`,
          [shop, ...orderIds],
        )
      : [],
    fulfillmentIds.length
      ? rawSql.statement<{ shopifyFulfillmentId: string }>(
          `SELECT DISTINCT "shopifyFulfillmentId" FROM "Shipment" WHERE "shop" = ? AND "shopifyFulfillmentId" IN (${placeholders(fulfillmentIds.length)})`,
          [shop, ...fulfillmentIds],
        )
      : [],
  ]);
  const knownOrderIds = new Set(knownOrders.map((order) => order.shopifyId));
  const knownFulfillmentIds = new Set(knownShipments.map((shipment) => shipment.shopifyFulfillmentId));
  const isFresh = (order: OrderSnapshot) =>
    !knownOrderIds.has(order.shopifyId) &&
    order.fulfillments.every((fulfillment) => !knownFulfillmentIds.has(fulfillment.shopifyId));

  const fresh = orders.filter(isFresh);
  const freshFulfillmentIds = new Set(fresh.flatMap((order) => order.fulfillments.map((f) => f.shopifyId)));
  const eventsByFulfillment = new Map<string, FulfillmentEventSnapshot[]>();
  for (const event of events) {
    if (!freshFulfillmentIds.has(event.fulfillmentShopifyId)) continue;
    const list = eventsByFulfillment.get(event.fulfillmentShopifyId) ?? [];
    list.push(event);
    eventsByFulfillment.set(event.fulfillmentShopifyId, list);
  }

  const known = orders.filter((order) => !isFresh(order));
  const knownEvents = events.filter((event) => !freshFulfillmentIds.has(event.fulfillmentShopifyId));
  if (known.length > 0 || knownEvents.length > 0) {
    await prisma.$transaction(
      async (tx) => {
        for (const order of known) await applyOrderSnapshot(tx, { shop, order });
        for (const event of knownEvents) {
          await applyFulfillmentEventSnapshot(tx, { shop, orderShopifyId: "", event });
        }
      },
      { timeout: 60_000 },
    );
  }
  const rows = await freshOrderRows(shop, fresh, eventsByFulfillment);
  await rawSql.transaction(async (sql) => {
    for (const [table, tableRows] of rows) await insertRows(sql, table, tableRows);
    await recordProgress(sql);
  });
  return { orders: orders.length, events: events.length };
}

// Every row the fresh orders need, in insertion order (parents first), with the values Prisma would fill in.
async function freshOrderRows(
  shop: string,
  orders: OrderSnapshot[],
  eventsByFulfillment: Map<string, FulfillmentEventSnapshot[]>,
): Promise<Array<[string, SqlRow[]]>> {
  const shopHistory = await shopCarrierHistory(shop);
  const corrections = await shopCarrierCorrections(shop);
  const now = new Date();
  const stamps = { createdAt: now, updatedAt: now };
  const orderRows: SqlRow[] = [];
  const shipmentRows: SqlRow[] = [];
  const versionRows: SqlRow[] = [];
  const eventRows: SqlRow[] = [];
  const jobRows: SqlRow[] = [];
  for (const order of orders) {
    const orderId = newRowId();
    orderRows.push({
      id: orderId,
      shop,
      shopifyId: order.shopifyId,
      ...orderRowData(shop, order),
      ...stamps,
    });
    for (const fulfillment of order.fulfillments) {
      const eventsById = new Map(
        [...(fulfillment.events ?? []), ...(eventsByFulfillment.get(fulfillment.shopifyId) ?? [])].map(
          (event) => [event.shopifyId, eventRowData(event)],
        ),
      );
      const fulfillmentEvents = [...eventsById.values()];
      for (
        let trackingIndex = 0;
        trackingIndex < Math.max(1, fulfillment.tracking.length);
        trackingIndex += 1
      ) {
        const shipmentId = newRowId();
        const tracking = fulfillment.tracking[trackingIndex] ?? NO_TRACKING;
        const row = shipmentRowData(
          fulfillment,
          tracking,
          assignCarrier({
            trackingNumber: tracking.number,
            trackingCompany: tracking.company,
            shopifyTrackingUrl: tracking.url,
            shopHistory,
            corrections,
          }),
        );
        const state = deriveShipmentState({
          events: fulfillmentEvents,
          trackingNumber: row.trackingNumber,
          shopifyFulfillmentStatus: row.shopifyFulfillmentStatus,
          shopifyShipmentStatus: row.shopifyShipmentStatus,
          shopifyDeliveredAt: row.shopifyDeliveredAt,
        });
        shipmentRows.push({
          id: shipmentId,
          shop,
          orderId,
          shopifyFulfillmentId: fulfillment.shopifyId,
          trackingIndex,
          ...row,
          ...state,
          // A parcel imported with a problem is history for the shopper, but still the merchant's to act on.
          ...attentionAfterStateChange(NO_ATTENTION, state, now),
          ...stamps,
        });
        versionRows.push({
          id: newRowId(),
          shop,
          shipmentId,
          trackingNumber: tracking.number,
          trackingCompany: tracking.company,
          trackingUrl: tracking.url,
          shopifyUpdatedAt: fulfillment.updatedAt,
          createdAt: now,
        });
        for (const event of fulfillmentEvents) {
          eventRows.push({ id: newRowId(), shop, shipmentId, ...event, createdAt: now });
        }
        if (tracking.number && awaitsCarrierScans(fulfillment)) {
          for (const job of [refreshJob(shop, shipmentId), estimateWindowJob(shop, shipmentId)]) {
            jobRows.push({
              id: newRowId(),
              ...job,
              payload: JSON.stringify(job.payload),
              runAt: now,
              ...stamps,
            });
          }
        }
      }
    }
  }
  return [
    ["Order", orderRows],
    ["Shipment", shipmentRows],
    ["ShipmentTrackingVersion", versionRows],
    ["TrackingEvent", eventRows],
    ["Job", jobRows],
  ];
}
