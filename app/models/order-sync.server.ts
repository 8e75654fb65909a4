import type { Prisma } from "@prisma/client";
import { config } from "../config.server";
import { hashCustomerContact, hashCustomerEmail, normalizePhone } from "../services/customer-identity.server";
import type {
  FulfillmentEventSnapshot,
  FulfillmentSnapshot,
  OrderSnapshot,
  TrackingSnapshot,
} from "../services/shopify-snapshots";
import { estimateWindowJob } from "./delivery-estimates.server";
import { refreshJob } from "./refresh-job";
import { enqueueJob } from "./jobs.server";
import {
  assignCarrier,
  shopCarrierCorrections,
  shopCarrierHistory,
  type CarrierAssignment,
} from "./shipment-carrier.server";
import { queueOrderConfirmed } from "./notification-outbox.server";
import { recomputeShipmentStatus } from "./shipment-timeline.server";
import { normalizeShopifyDisplayStatus, normalizeShopifyEventStatus } from "./shopify-event-status";

type Transaction = Prisma.TransactionClient;

export type SyncOutcome = "applied" | "stale";

// Every function here is idempotent and order-independent: Shopify retries, duplicates and reorders
// webhooks, and backfill and reconciliation replay the same facts. Newer `updatedAt` wins for each row's own
// fields; events and tracking versions are sets keyed by their Shopify identity.

export async function applyOrderSnapshot(
  tx: Transaction,
  { shop, order }: { shop: string; order: OrderSnapshot },
): Promise<SyncOutcome> {
  const existing = await tx.order.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: order.shopifyId } },
    select: { id: true, shopifyUpdatedAt: true },
  });
  const stale = Boolean(existing?.shopifyUpdatedAt && existing.shopifyUpdatedAt > order.updatedAt);
  if (!stale) {
    const data = orderRowData(shop, order);
    const saved = await tx.order.upsert({
      where: { shop_shopifyId: { shop, shopifyId: order.shopifyId } },
      create: { shop, shopifyId: order.shopifyId, ...data },
      update: data,
      select: { id: true },
    });
    if (!existing)
      await queueOrderConfirmed(tx, { shop, orderId: saved.id, orderedAt: data.orderedAt, now: new Date() });
  }
  for (const fulfillment of order.fulfillments) await applyFulfillmentSnapshot(tx, { shop, fulfillment });
  return stale ? "stale" : "applied";
}

export function orderRowData(shop: string, order: OrderSnapshot) {
  const key = config().CUSTOMER_HASH_KEY;
  return {
    name: order.name,
    orderedAt: order.orderedAt,
    cancelledAt: order.cancelledAt,
    fulfillmentStatus: order.fulfillmentStatus,
    destinationCountry: order.destinationCountry,
    destinationProvince: order.destinationProvince,
    destinationPostalPrefix: postalPrefix(order.destinationPostalCode),
    customerEmailHash: order.email ? hashCustomerEmail({ shop, email: order.email, key }) : null,
    customerPhoneHash: order.phone
      ? hashCustomerContact({ shop, value: normalizePhone(order.phone), key })
      : null,
    // Only when the source names the customer: a backfilled version must not erase what a webhook recorded.
    ...(order.customerId
      ? { customerIdHash: hashCustomerContact({ shop, value: order.customerId, key }) }
      : {}),
    customerLocale: order.locale,
    ...(order.itemCount === null ? {} : { itemCount: order.itemCount }),
    shopifyUpdatedAt: order.updatedAt,
  };
}

// A postal code narrowed to its first three characters: enough for a delivery lane, not an address.
export function postalPrefix(postalCode: string | null): string | null {
  const compact = postalCode?.replace(/\s+/g, "").toUpperCase();
  return compact ? compact.slice(0, 3) : null;
}

// Fulfillments and events can arrive before their order: a placeholder order holds them until the order's
// own data arrives (any order payload overwrites it, since a placeholder has no shopifyUpdatedAt).
async function ensureOrder(
  tx: Transaction,
  { shop, shopifyId, name, seenAt }: { shop: string; shopifyId: string; name: string | null; seenAt: Date },
): Promise<string> {
  const existing = await tx.order.findUnique({
    where: { shop_shopifyId: { shop, shopifyId } },
    select: { id: true, shopifyUpdatedAt: true, orderedAt: true },
  });
  if (!existing) {
    const created = await tx.order.create({
      data: { shop, shopifyId, name: name ?? `#${shopifyId.split("/").pop()}`, orderedAt: seenAt },
      select: { id: true },
    });
    return created.id;
  }
  if (!existing.shopifyUpdatedAt && seenAt < existing.orderedAt) {
    await tx.order.update({
      where: { id: existing.id },
      data: { orderedAt: seenAt, ...(name ? { name } : {}) },
    });
  }
  return existing.id;
}

export async function applyFulfillmentSnapshot(
  tx: Transaction,
  { shop, fulfillment }: { shop: string; fulfillment: FulfillmentSnapshot },
): Promise<SyncOutcome> {
  const orderId = await ensureOrder(tx, {
    shop,
    shopifyId: fulfillment.orderShopifyId,
    name: fulfillment.orderName,
    seenAt: fulfillment.createdAt,
  });
  const trackingCount = Math.max(1, fulfillment.tracking.length);
  let stale = false;
  const firstSeen = new Set<string>();
  for (let trackingIndex = 0; trackingIndex < trackingCount; trackingIndex += 1) {
    const tracking = fulfillment.tracking[trackingIndex] ?? NO_TRACKING;
    const shipment = await ensureShipment(tx, {
      shop,
      orderId,
      fulfillmentId: fulfillment.shopifyId,
      trackingIndex,
    });
    if (shipment.created) firstSeen.add(shipment.id);
    await tx.shipmentTrackingVersion.upsert({
      where: {
        shipmentId_shopifyUpdatedAt: { shipmentId: shipment.id, shopifyUpdatedAt: fulfillment.updatedAt },
      },
      create: {
        shop,
        shipmentId: shipment.id,
        trackingNumber: tracking.number,
        trackingCompany: tracking.company,
        trackingUrl: tracking.url,
        shopifyUpdatedAt: fulfillment.updatedAt,
      },
      update: {},
      // Results are not used: selecting only the id spares Prisma reading back and mapping the whole row.
      select: { id: true },
    });
    if (shipment.shopifyUpdatedAt && shipment.shopifyUpdatedAt > fulfillment.updatedAt) {
      stale = true;
    } else {
      await tx.shipment.update({
        where: { id: shipment.id },
        data: {
          orderId,
          ...shipmentRowData(
            fulfillment,
            tracking,
            shipment.carrierConfirmed ? null : await carrierFor(shop, tracking),
          ),
        },
        select: { id: true },
      });
      if (tracking.number && tracking.number !== shipment.trackingNumber && awaitsCarrierScans(fulfillment)) {
        await enqueueJob(tx, refreshJob(shop, shipment.id));
        await enqueueJob(tx, estimateWindowJob(shop, shipment.id));
      }
    }
  }
  for (const event of fulfillment.events ?? []) {
    await applyFulfillmentEventSnapshot(tx, {
      shop,
      orderShopifyId: fulfillment.orderShopifyId,
      event,
      firstSeen,
    });
  }
  const shipments = await tx.shipment.findMany({
    where: { shop, shopifyFulfillmentId: fulfillment.shopifyId },
    select: { id: true },
  });
  for (const shipment of shipments) {
    await recomputeShipmentStatus(tx, {
      shop,
      shipmentId: shipment.id,
      firstSeen: firstSeen.has(shipment.id),
    });
  }
  return stale ? "stale" : "applied";
}

// `carrier` null keeps what the merchant confirmed; otherwise detection's answer (see shipment-carrier.server.ts).
export function shipmentRowData(
  fulfillment: FulfillmentSnapshot,
  tracking: TrackingSnapshot,
  carrier: CarrierAssignment | null,
) {
  return {
    trackingNumber: tracking.number,
    trackingCompany: tracking.company,
    ...(carrier ?? { trackingUrl: tracking.url ?? undefined }),
    shopifyFulfillmentStatus: fulfillment.status,
    shopifyShipmentStatus: fulfillment.shipmentStatus,
    shopifyDeliveredAt: fulfillment.deliveredAt,
    carrierEstimatedAt: fulfillment.estimatedDeliveryAt,
    shippedAt: fulfillment.createdAt,
    shopifyUpdatedAt: fulfillment.updatedAt,
  };
}

export async function carrierFor(shop: string, tracking: TrackingSnapshot): Promise<CarrierAssignment> {
  return assignCarrier({
    trackingNumber: tracking.number,
    trackingCompany: tracking.company,
    shopifyTrackingUrl: tracking.url,
    shopHistory: await shopCarrierHistory(shop),
    corrections: await shopCarrierCorrections(shop),
  });
}

export const NO_TRACKING: TrackingSnapshot = { number: null, company: null, url: null };

// Shopify already says the parcel arrived (typical of a backfill's older orders): nothing left to poll for.
export function awaitsCarrierScans(fulfillment: FulfillmentSnapshot): boolean {
  const summary = normalizeShopifyDisplayStatus(fulfillment.shipmentStatus);
  return !fulfillment.deliveredAt && summary?.status !== "delivered" && fulfillment.status !== "cancelled";
}

async function ensureShipment(
  tx: Transaction,
  input: { shop: string; orderId: string; fulfillmentId: string; trackingIndex: number },
) {
  const key = {
    shop_shopifyFulfillmentId_trackingIndex: {
      shop: input.shop,
      shopifyFulfillmentId: input.fulfillmentId,
      trackingIndex: input.trackingIndex,
    },
  };
  const select = { id: true, shopifyUpdatedAt: true, trackingNumber: true, carrierConfirmed: true } as const;
  const existing = await tx.shipment.findUnique({ where: key, select });
  if (existing) return { ...existing, created: false };
  const created = await tx.shipment.create({
    data: {
      shop: input.shop,
      orderId: input.orderId,
      shopifyFulfillmentId: input.fulfillmentId,
      trackingIndex: input.trackingIndex,
    },
    select,
  });
  // Shopify's events belong to the whole fulfillment: a number added later gets the events its siblings have.
  if (input.trackingIndex > 0) {
    const siblingEvents = await tx.trackingEvent.findMany({
      where: {
        shop: input.shop,
        source: "shopify",
        shipment: { shopifyFulfillmentId: input.fulfillmentId, trackingIndex: 0 },
      },
    });
    for (const { id: _id, shipmentId: _shipmentId, createdAt: _createdAt, ...event } of siblingEvents) {
      await tx.trackingEvent.create({ data: { ...event, shipmentId: created.id } });
    }
  }
  return { ...created, created: true };
}

export async function applyFulfillmentEventSnapshot(
  tx: Transaction,
  {
    shop,
    orderShopifyId,
    event,
    firstSeen = new Set<string>(),
  }: {
    shop: string;
    orderShopifyId: string;
    event: FulfillmentEventSnapshot;
    // Shipments created earlier in the same change (applyFulfillmentSnapshot's).
    firstSeen?: Set<string>;
  },
): Promise<SyncOutcome> {
  let shipments = await tx.shipment.findMany({
    where: { shop, shopifyFulfillmentId: event.fulfillmentShopifyId },
    select: { id: true },
  });
  if (shipments.length === 0) {
    const orderId = await ensureOrder(tx, {
      shop,
      shopifyId: orderShopifyId,
      name: null,
      seenAt: event.happenedAt,
    });
    const created = await ensureShipment(tx, {
      shop,
      orderId,
      fulfillmentId: event.fulfillmentShopifyId,
      trackingIndex: 0,
    });
    if (created.created) firstSeen.add(created.id);
    shipments = [created];
  }
  const row = eventRowData(event);
  for (const shipment of shipments) {
    await tx.trackingEvent.upsert({
      where: { shipmentId_dedupeKey: { shipmentId: shipment.id, dedupeKey: `shopify:${event.shopifyId}` } },
      create: { shop, shipmentId: shipment.id, ...row },
      update: {},
      select: { id: true },
    });
    await recomputeShipmentStatus(tx, {
      shop,
      shipmentId: shipment.id,
      firstSeen: firstSeen.has(shipment.id),
    });
  }
  return "applied";
}

export function eventRowData(event: FulfillmentEventSnapshot) {
  return {
    ...eventStatus(event.status),
    rawCode: event.status,
    rawText: event.message,
    occurredAt: event.happenedAt,
    city: event.city,
    region: event.province,
    postalCode: event.postalCode,
    country: event.country,
    source: "shopify",
    dedupeKey: `shopify:${event.shopifyId}`,
  };
}

function eventStatus(raw: string) {
  const normalized = normalizeShopifyEventStatus(raw);
  // A status Shopify adds later is kept verbatim and treated as movement, never dropped.
  return normalized ?? { status: "in_transit" as const, substatus: `shopify_${raw.toLowerCase()}` };
}
