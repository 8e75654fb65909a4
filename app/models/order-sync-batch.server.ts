import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { FulfillmentEventSnapshot, OrderSnapshot } from "../services/shopify-snapshots";
import {
  applyFulfillmentEventSnapshot,
  applyOrderSnapshot,
  awaitsCarrierScans,
  eventRowData,
  NO_TRACKING,
  orderRowData,
  refreshJob,
  shipmentRowData,
} from "./order-sync.server";
import { assignCarrier, shopCarrierHistory } from "./shipment-carrier.server";
import { deriveShipmentState } from "./shipment-timeline.server";

type Transaction = Prisma.TransactionClient;

// Backfill imports tens of thousands of orders: rows Parcelwise has never seen are written with a handful of
// createMany calls per batch instead of dozens of queries per order. Anything already known goes through the
// per-item functions, so both paths produce the same rows (tests/integration/backfill.test.ts compares them).
export async function applyOrderBatch(
  tx: Transaction,
  { shop, orders, events }: { shop: string; orders: OrderSnapshot[]; events: FulfillmentEventSnapshot[] },
): Promise<{ orders: number; events: number }> {
  const fulfillmentIds = new Set([
    ...orders.flatMap((order) => order.fulfillments.map((fulfillment) => fulfillment.shopifyId)),
    ...events.map((event) => event.fulfillmentShopifyId),
  ]);
  const [knownOrders, knownShipments] = await Promise.all([
    tx.order.findMany({
      where: { shop, shopifyId: { in: orders.map((order) => order.shopifyId) } },
      select: { shopifyId: true },
    }),
    tx.shipment.findMany({
      where: { shop, shopifyFulfillmentId: { in: [...fulfillmentIds] } },
      select: { shopifyFulfillmentId: true },
    }),
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

  await insertFreshOrders(tx, shop, fresh, eventsByFulfillment);

  for (const order of orders) if (!isFresh(order)) await applyOrderSnapshot(tx, { shop, order });
  for (const event of events) {
    if (freshFulfillmentIds.has(event.fulfillmentShopifyId)) continue;
    await applyFulfillmentEventSnapshot(tx, { shop, orderShopifyId: "", event });
  }
  return { orders: orders.length, events: events.length };
}

async function insertFreshOrders(
  tx: Transaction,
  shop: string,
  orders: OrderSnapshot[],
  eventsByFulfillment: Map<string, FulfillmentEventSnapshot[]>,
) {
  const shopHistory = await shopCarrierHistory(shop);
  const orderRows: Prisma.OrderCreateManyInput[] = [];
  const shipmentRows: Prisma.ShipmentCreateManyInput[] = [];
  const versionRows: Prisma.ShipmentTrackingVersionCreateManyInput[] = [];
  const eventRows: Prisma.TrackingEventCreateManyInput[] = [];
  const jobRows: Prisma.JobCreateManyInput[] = [];
  for (const order of orders) {
    const orderId = randomUUID();
    orderRows.push({ id: orderId, shop, shopifyId: order.shopifyId, ...orderRowData(shop, order) });
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
        const shipmentId = randomUUID();
        const tracking = fulfillment.tracking[trackingIndex] ?? NO_TRACKING;
        const row = shipmentRowData(
          fulfillment,
          tracking,
          assignCarrier({
            trackingNumber: tracking.number,
            trackingCompany: tracking.company,
            shopifyTrackingUrl: tracking.url,
            shopHistory,
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
        });
        versionRows.push({
          shop,
          shipmentId,
          trackingNumber: tracking.number,
          trackingCompany: tracking.company,
          trackingUrl: tracking.url,
          shopifyUpdatedAt: fulfillment.updatedAt,
        });
        for (const event of fulfillmentEvents) eventRows.push({ shop, shipmentId, ...event });
        if (tracking.number && awaitsCarrierScans(fulfillment)) {
          const job = refreshJob(shop, shipmentId);
          jobRows.push({ ...job, payload: JSON.stringify(job.payload) });
        }
      }
    }
  }
  if (orderRows.length) await tx.order.createMany({ data: orderRows });
  if (shipmentRows.length) await tx.shipment.createMany({ data: shipmentRows });
  if (versionRows.length) await tx.shipmentTrackingVersion.createMany({ data: versionRows });
  if (eventRows.length) await tx.trackingEvent.createMany({ data: eventRows });
  if (jobRows.length) await tx.job.createMany({ data: jobRows });
}
