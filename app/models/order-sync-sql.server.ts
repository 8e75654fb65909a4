import {
  decodeBoolean,
  decodeDate,
  insertRow,
  newRowId,
  updateRowById,
  type SqlExecutor,
} from "../../prisma/raw-sql";
import type { FulfillmentEventSnapshot, FulfillmentSnapshot } from "../services/shopify-snapshots";
import { enqueueJobSql } from "./jobs.server";
import {
  awaitsCarrierScans,
  carrierFor,
  eventRowData,
  NO_TRACKING,
  refreshJob,
  shipmentRowData,
  type SyncOutcome,
} from "./order-sync.server";
import { FINAL_STATUSES } from "./shipment-status";
import { deriveShipmentState } from "./shipment-timeline.server";

// The webhook apply path's common case through the driver: an event or a fulfillment version for shipments
// Parcelwise already has. Same rules and same rows as order-sync.server.ts (tests/integration/sync-webhooks
// compares the two); anything else (a fulfillment or order seen for the first time, a new tracking number
// slot) answers null before writing anything, and the caller applies it through order-sync.server.ts.

type StoredShipment = {
  id: string;
  trackingIndex: number;
  trackingNumber: string | null;
  shopifyUpdatedAt: Date | null;
  carrierConfirmed: boolean;
};

async function fulfillmentShipments(
  sql: SqlExecutor,
  shop: string,
  fulfillmentId: string,
): Promise<StoredShipment[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT "id", "trackingIndex", "trackingNumber", "shopifyUpdatedAt", "carrierConfirmed"
       FROM "Shipment" WHERE "shop" = ? AND "shopifyFulfillmentId" = ?`,
    [shop, fulfillmentId],
  );
  return rows.map((row) => ({
    id: String(row.id),
    trackingIndex: Number(row.trackingIndex),
    trackingNumber: (row.trackingNumber as string | null) ?? null,
    shopifyUpdatedAt: decodeDate(row.shopifyUpdatedAt),
    carrierConfirmed: decodeBoolean(row.carrierConfirmed),
  }));
}

export async function applyFulfillmentEventSql(
  sql: SqlExecutor,
  { shop, event }: { shop: string; event: FulfillmentEventSnapshot },
): Promise<SyncOutcome | null> {
  const shipments = await fulfillmentShipments(sql, shop, event.fulfillmentShopifyId);
  if (shipments.length === 0) return null;
  await insertEvents(sql, shop, shipments, event);
  for (const shipment of shipments) await recomputeShipmentStatusSql(sql, shop, shipment.id);
  return "applied";
}

async function insertEvents(
  sql: SqlExecutor,
  shop: string,
  shipments: StoredShipment[],
  event: FulfillmentEventSnapshot,
) {
  const row = eventRowData(event);
  for (const shipment of shipments) {
    await insertRow(
      sql,
      "TrackingEvent",
      { id: newRowId(), shop, shipmentId: shipment.id, ...row, createdAt: new Date() },
      { onConflictDoNothing: ["shipmentId", "dedupeKey"] },
    );
  }
}

export async function applyFulfillmentSql(
  sql: SqlExecutor,
  { shop, fulfillment }: { shop: string; fulfillment: FulfillmentSnapshot },
): Promise<SyncOutcome | null> {
  const [order] = await sql.all<{ id: string; shopifyUpdatedAt: unknown; orderedAt: unknown }>(
    `SELECT "id", "shopifyUpdatedAt", "orderedAt" FROM "Order" WHERE "shop" = ? AND "shopifyId" = ?`,
    [shop, fulfillment.orderShopifyId],
  );
  // A placeholder order this fulfillment would date earlier: the ORM path handles it.
  const orderedAt = decodeDate(order?.orderedAt);
  if (!order || (!decodeDate(order.shopifyUpdatedAt) && orderedAt && fulfillment.createdAt < orderedAt)) {
    return null;
  }
  const shipments = await fulfillmentShipments(sql, shop, fulfillment.shopifyId);
  const byIndex = new Map(shipments.map((shipment) => [shipment.trackingIndex, shipment]));
  const trackingCount = Math.max(1, fulfillment.tracking.length);
  for (let index = 0; index < trackingCount; index += 1) if (!byIndex.has(index)) return null;

  let stale = false;
  const now = new Date();
  for (let trackingIndex = 0; trackingIndex < trackingCount; trackingIndex += 1) {
    const shipment = byIndex.get(trackingIndex) as StoredShipment;
    const tracking = fulfillment.tracking[trackingIndex] ?? NO_TRACKING;
    await insertRow(
      sql,
      "ShipmentTrackingVersion",
      {
        id: newRowId(),
        shop,
        shipmentId: shipment.id,
        trackingNumber: tracking.number,
        trackingCompany: tracking.company,
        trackingUrl: tracking.url,
        shopifyUpdatedAt: fulfillment.updatedAt,
        createdAt: now,
      },
      { onConflictDoNothing: ["shipmentId", "shopifyUpdatedAt"] },
    );
    if (shipment.shopifyUpdatedAt && shipment.shopifyUpdatedAt > fulfillment.updatedAt) {
      stale = true;
      continue;
    }
    const carrier = shipment.carrierConfirmed ? null : await carrierFor(shop, tracking);
    await updateRowById(sql, "Shipment", shipment.id, {
      orderId: order.id,
      ...shipmentRowData(fulfillment, tracking, carrier),
      updatedAt: now,
    });
    if (tracking.number && tracking.number !== shipment.trackingNumber && awaitsCarrierScans(fulfillment)) {
      await enqueueJobSql(sql, refreshJob(shop, shipment.id));
    }
  }
  for (const event of fulfillment.events ?? []) await insertEvents(sql, shop, shipments, event);
  for (const shipment of shipments) await recomputeShipmentStatusSql(sql, shop, shipment.id);
  return stale ? "stale" : "applied";
}

// recomputeShipmentStatus (shipment-timeline.server.ts) through the driver.
async function recomputeShipmentStatusSql(sql: SqlExecutor, shop: string, shipmentId: string) {
  const [shipment] = await sql.all<Record<string, unknown>>(
    `SELECT "trackingNumber", "shopifyFulfillmentStatus", "shopifyShipmentStatus", "shopifyDeliveredAt"
       FROM "Shipment" WHERE "id" = ? AND "shop" = ?`,
    [shipmentId, shop],
  );
  if (!shipment) return;
  const events = await sql.all<Record<string, unknown>>(
    `SELECT "status", "substatus", "occurredAt", "dedupeKey" FROM "TrackingEvent" WHERE "shipmentId" = ? AND "shop" = ?`,
    [shipmentId, shop],
  );
  const state = deriveShipmentState({
    events: events.map((event) => ({
      status: String(event.status),
      substatus: (event.substatus as string | null) ?? null,
      occurredAt: decodeDate(event.occurredAt) as Date,
      dedupeKey: String(event.dedupeKey),
    })),
    trackingNumber: (shipment.trackingNumber as string | null) ?? null,
    shopifyFulfillmentStatus: (shipment.shopifyFulfillmentStatus as string | null) ?? null,
    shopifyShipmentStatus: (shipment.shopifyShipmentStatus as string | null) ?? null,
    shopifyDeliveredAt: decodeDate(shipment.shopifyDeliveredAt),
  });
  await updateRowById(sql, "Shipment", shipmentId, {
    ...state,
    ...(FINAL_STATUSES.has(state.status) ? { nextCheckAt: null } : {}),
    updatedAt: new Date(),
  });
}
