import {
  decodeBoolean,
  decodeDate,
  insertRow,
  newRowId,
  updateRowById,
  type SqlExecutor,
} from "../../prisma/raw-sql";
import type { FulfillmentEventSnapshot, FulfillmentSnapshot } from "../services/shopify-snapshots";
import { estimateWindowJob } from "./delivery-estimates.server";
import { refreshJob } from "./refresh-job";
import { enqueueJobSql } from "./jobs.server";
import {
  awaitsCarrierScans,
  carrierFor,
  eventRowData,
  NO_TRACKING,
  shipmentRowData,
  type SyncOutcome,
} from "./order-sync.server";
import { FINAL_STATUSES } from "./shipment-status";
import { milestonesForChange } from "./notification-milestones";
import { queueShipmentMilestonesSql } from "./notification-outbox.server";
import { attentionAfterStateChange, type StoredAttention } from "./shipment-attention";
import { deriveShipmentState, type ShipmentState } from "./shipment-timeline.server";

// The webhook apply path's common case through the driver: an event or a fulfillment version for shipments
// Parcelwise already has. Same rules and same rows as order-sync.server.ts (tests/integration/sync-webhooks
// compares the two), in as few statements as possible (on PostgreSQL each is a round trip): the fulfillment's
// shipments and their events in one read, then one write per row that changes. Anything else (a fulfillment
// or order seen for the first time, a new tracking number slot) answers null before writing anything, and the
// caller applies it through order-sync.server.ts.

type TimelineEvent = { status: string; substatus: string | null; occurredAt: Date; dedupeKey: string };

type StoredShipment = {
  id: string;
  orderId: string;
  carrierEstimatedAt: Date | null;
  trackingIndex: number;
  trackingNumber: string | null;
  shopifyUpdatedAt: Date | null;
  carrierConfirmed: boolean;
  shopifyFulfillmentStatus: string | null;
  shopifyShipmentStatus: string | null;
  shopifyDeliveredAt: Date | null;
  state: ShipmentState;
  attention: StoredAttention;
  windowEnd: Date | null;
  nextCheckAt: Date | null;
  events: TimelineEvent[];
};

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

async function loadFulfillmentShipments(
  sql: SqlExecutor,
  shop: string,
  fulfillmentId: string,
): Promise<StoredShipment[]> {
  // Two workers applying deliveries of one fulfillment on PostgreSQL would each derive the state from the
  // events they can see and the later commit would drop the other's event from it: the first locks the
  // shipments, the second waits, then reads (in a new snapshot) everything the first wrote. SQLite has one
  // writer at a time already.
  if (sql.dialect === "postgresql") {
    await sql.all(`SELECT "id" FROM "Shipment" WHERE "shop" = ? AND "shopifyFulfillmentId" = ? FOR UPDATE`, [
      shop,
      fulfillmentId,
    ]);
  }
  const rows = await sql.all(
    `SELECT s."id", s."orderId", s."carrierEstimatedAt", s."trackingIndex", s."trackingNumber", s."shopifyUpdatedAt", s."carrierConfirmed",
            s."shopifyFulfillmentStatus", s."shopifyShipmentStatus", s."shopifyDeliveredAt", s."status" AS "shipmentStatus",
            s."substatus" AS "shipmentSubstatus", s."lastEventAt", s."deliveredAt", s."nextCheckAt",
            s."attention", s."attentionReason", s."attentionOwner", s."windowEnd",
            e."status", e."substatus", e."occurredAt", e."dedupeKey"
       FROM "Shipment" s LEFT JOIN "TrackingEvent" e ON e."shipmentId" = s."id" AND e."shop" = s."shop"
      WHERE s."shop" = ? AND s."shopifyFulfillmentId" = ?`,
    [shop, fulfillmentId],
  );
  const byId = new Map<string, StoredShipment>();
  for (const row of rows) {
    const id = String(row.id);
    let shipment = byId.get(id);
    if (!shipment) {
      shipment = {
        id,
        orderId: String(row.orderId),
        carrierEstimatedAt: decodeDate(row.carrierEstimatedAt),
        trackingIndex: Number(row.trackingIndex),
        trackingNumber: text(row.trackingNumber),
        shopifyUpdatedAt: decodeDate(row.shopifyUpdatedAt),
        carrierConfirmed: decodeBoolean(row.carrierConfirmed),
        shopifyFulfillmentStatus: text(row.shopifyFulfillmentStatus),
        shopifyShipmentStatus: text(row.shopifyShipmentStatus),
        shopifyDeliveredAt: decodeDate(row.shopifyDeliveredAt),
        state: {
          status: String(row.shipmentStatus) as ShipmentState["status"],
          substatus: text(row.shipmentSubstatus),
          lastEventAt: decodeDate(row.lastEventAt),
          deliveredAt: decodeDate(row.deliveredAt),
        },
        attention: {
          attention: text(row.attention),
          attentionReason: text(row.attentionReason),
          attentionOwner: text(row.attentionOwner),
        },
        windowEnd: decodeDate(row.windowEnd),
        nextCheckAt: decodeDate(row.nextCheckAt),
        events: [],
      };
      byId.set(id, shipment);
    }
    if (row.dedupeKey !== null && row.dedupeKey !== undefined) {
      shipment.events.push({
        status: String(row.status),
        substatus: text(row.substatus),
        occurredAt: decodeDate(row.occurredAt) as Date,
        dedupeKey: String(row.dedupeKey),
      });
    }
  }
  return [...byId.values()];
}

export async function applyFulfillmentEventSql(
  sql: SqlExecutor,
  { shop, event }: { shop: string; event: FulfillmentEventSnapshot },
): Promise<SyncOutcome | null> {
  const shipments = await loadFulfillmentShipments(sql, shop, event.fulfillmentShopifyId);
  if (shipments.length === 0) return null;
  for (const shipment of shipments) {
    await insertEvent(sql, shop, shipment, event);
    await saveShipment(sql, shop, shipment, {});
  }
  return "applied";
}

async function insertEvent(
  sql: SqlExecutor,
  shop: string,
  shipment: StoredShipment,
  event: FulfillmentEventSnapshot,
) {
  const row = eventRowData(event);
  const inserted = await insertRow(
    sql,
    "TrackingEvent",
    { id: newRowId(), shop, shipmentId: shipment.id, ...row, createdAt: new Date() },
    { onConflictDoNothing: ["shipmentId", "dedupeKey"] },
  );
  if (inserted > 0) shipment.events.push(row);
}

// Writes the shipment's own changed fields and its derived state (recomputeShipmentStatus's rule) in one
// statement, or nothing when neither changed.
async function saveShipment(
  sql: SqlExecutor,
  shop: string,
  shipment: StoredShipment,
  fields: Partial<ReturnType<typeof shipmentRowData>> & { orderId?: string },
) {
  const state = deriveShipmentState({
    events: shipment.events,
    trackingNumber: fields.trackingNumber !== undefined ? fields.trackingNumber : shipment.trackingNumber,
    shopifyFulfillmentStatus: fields.shopifyFulfillmentStatus ?? shipment.shopifyFulfillmentStatus,
    shopifyShipmentStatus:
      fields.shopifyShipmentStatus !== undefined
        ? fields.shopifyShipmentStatus
        : shipment.shopifyShipmentStatus,
    shopifyDeliveredAt:
      fields.shopifyDeliveredAt !== undefined ? fields.shopifyDeliveredAt : shipment.shopifyDeliveredAt,
  });
  const clearNextCheck = FINAL_STATUSES.has(state.status) && shipment.nextCheckAt !== null;
  const now = new Date();
  const attention = attentionAfterStateChange(shipment.attention, state, now);
  if (Object.keys(fields).length === 0 && sameState(state, shipment.state) && !clearNextCheck && !attention)
    return;
  await updateRowById(sql, "Shipment", shipment.id, {
    ...fields,
    ...state,
    ...(FINAL_STATUSES.has(state.status) ? { nextCheckAt: null } : {}),
    ...attention,
    updatedAt: now,
  });
  const carrierEstimatedAt =
    fields.carrierEstimatedAt !== undefined ? fields.carrierEstimatedAt : shipment.carrierEstimatedAt;
  const triggers = milestonesForChange({
    before: { ...shipment.state, carrierEstimatedAt: shipment.carrierEstimatedAt },
    after: { ...state, carrierEstimatedAt, windowEnd: shipment.windowEnd },
    now,
  });
  await queueShipmentMilestonesSql(sql, {
    shop,
    shipmentId: shipment.id,
    orderId: fields.orderId ?? shipment.orderId,
    triggers,
    now,
  });
  shipment.state = state;
  shipment.carrierEstimatedAt = carrierEstimatedAt;
  if (attention) shipment.attention = attention;
}

function sameState(a: ShipmentState, b: ShipmentState) {
  return (
    a.status === b.status &&
    a.substatus === b.substatus &&
    a.lastEventAt?.getTime() === b.lastEventAt?.getTime() &&
    a.deliveredAt?.getTime() === b.deliveredAt?.getTime()
  );
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
  const shipments = await loadFulfillmentShipments(sql, shop, fulfillment.shopifyId);
  const byIndex = new Map(shipments.map((shipment) => [shipment.trackingIndex, shipment]));
  const trackingCount = Math.max(1, fulfillment.tracking.length);
  for (let index = 0; index < trackingCount; index += 1) if (!byIndex.has(index)) return null;

  let stale = false;
  const changes = new Map<string, Parameters<typeof saveShipment>[3]>();
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
        createdAt: new Date(),
      },
      { onConflictDoNothing: ["shipmentId", "shopifyUpdatedAt"] },
    );
    if (shipment.shopifyUpdatedAt && shipment.shopifyUpdatedAt > fulfillment.updatedAt) {
      stale = true;
      continue;
    }
    const carrier = shipment.carrierConfirmed ? null : await carrierFor(shop, tracking);
    changes.set(shipment.id, { orderId: order.id, ...shipmentRowData(fulfillment, tracking, carrier) });
    if (tracking.number && tracking.number !== shipment.trackingNumber && awaitsCarrierScans(fulfillment)) {
      await enqueueJobSql(sql, refreshJob(shop, shipment.id));
      await enqueueJobSql(sql, estimateWindowJob(shop, shipment.id));
    }
  }
  for (const event of fulfillment.events ?? []) {
    for (const shipment of shipments) await insertEvent(sql, shop, shipment, event);
  }
  for (const shipment of shipments) await saveShipment(sql, shop, shipment, changes.get(shipment.id) ?? {});
  return stale ? "stale" : "applied";
}
