import { createHash } from "node:crypto";
import { decodeDate } from "../../prisma/raw-sql";
import { config } from "../config.server";
import { rawSql } from "../db.server";
import {
  hashCustomerContact,
  hashCustomerEmail,
  hashesMatch,
  normalizePhone,
} from "../services/customer-identity.server";
import { postalPrefix } from "./order-sync.server";
import { orderShipBy, type OrderShipBy } from "./ship-by.server";

// The storefront tracking page's reads. They go through the driver (prisma/raw-sql.ts): a lookup is a hot,
// public path and Prisma's per-query cost would be most of its budget.

export type ShopperContact = { kind: "email" | "phone" | "postal"; value: string };

export type TrackedEvent = {
  status: string;
  substatus: string | null;
  rawText: string | null;
  occurredAt: Date;
  utcOffset: number | null;
  city: string | null;
  region: string | null;
  country: string | null;
};

export type TrackedShipment = {
  id: string;
  status: string;
  substatus: string | null;
  trackingNumber: string | null;
  trackingCompany: string | null;
  carrier: string | null;
  trackingUrl: string | null;
  shippedAt: Date | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  // The current window's most likely day and the end of the first window promised (shown-window.ts).
  likelyAt: Date | null;
  promisedBy: Date | null;
  carrierEstimatedAt: Date | null;
  deliveredAt: Date | null;
  attention: string | null;
  // Newest first.
  events: TrackedEvent[];
};

export type TrackedOrder = {
  id: string;
  name: string;
  orderedAt: Date;
  shipments: TrackedShipment[];
  // What is still to ship, and by when the merchant promised it; null once nothing is.
  shipBy: OrderShipBy | null;
};

export function orderNameCandidates(input: string): [string, string] {
  const bare = input.trim().replace(/^#/, "");
  return [`#${bare}`, bare];
}

export function normalizeTrackingNumber(input: string): string {
  return input.replace(/[\s-]/g, "").toUpperCase();
}

type OrderRow = {
  id: string;
  name: string;
  orderedAt: unknown;
  cancelledAt: unknown;
  fulfillmentStatus: string | null;
};

type OrderKeyRow = OrderRow & {
  customerEmailHash: string | null;
  customerPhoneHash: string | null;
  destinationPostalPrefix: string | null;
};

const ORDER_COLUMNS = `"id", "name", "orderedAt", "cancelledAt", "fulfillmentStatus"`;
const ORDER_KEYS_SQL = `SELECT ${ORDER_COLUMNS}, "customerEmailHash", "customerPhoneHash", "destinationPostalPrefix"
  FROM "Order" WHERE "shop" = ? AND "name" IN (?, ?)`;

// Every path does the same work: one indexed read, the keyed hash of what the shopper typed and a constant-time
// comparison per candidate row, with a stand-in comparison when there is no row. "No such order" and "wrong
// email" therefore take the same time and give the caller the same null.
export async function findOrderForShopper({
  shop,
  orderName,
  contact,
}: {
  shop: string;
  orderName: string;
  contact: ShopperContact;
}): Promise<TrackedOrder | null> {
  const candidate = contactDigest({ shop, contact });
  const rows = await rawSql.read<OrderKeyRow>(ORDER_KEYS_SQL, [shop, ...orderNameCandidates(orderName)]);
  let match: OrderKeyRow | null = null;
  for (const row of rows) {
    if (hashesMatch(storedDigest(row, contact.kind), candidate) && !match) match = row;
  }
  if (rows.length === 0) hashesMatch(UNMATCHABLE_DIGEST, candidate);
  return match ? trackedOrder(shop, match) : null;
}

// A tracking number alone shows the parcel's progress, never the order it belongs to.
export async function findShipmentByTrackingNumber({
  shop,
  trackingNumber,
}: {
  shop: string;
  trackingNumber: string;
}): Promise<TrackedShipment | null> {
  const typed = trackingNumber.trim();
  const shipments = await loadShipments({
    shop,
    where: `s."trackingNumber" IN (?, ?)`,
    params: [typed, normalizeTrackingNumber(typed)],
  });
  return shipments.at(-1) ?? null;
}

// The order a notification's signed link points at (the link itself is the proof; see notification-links).
export async function findTrackedOrderById({
  shop,
  orderId,
}: {
  shop: string;
  orderId: string;
}): Promise<TrackedOrder | null> {
  const [row] = await rawSql.read<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM "Order" WHERE "shop" = ? AND "id" = ?`,
    [shop, orderId],
  );
  return row ? trackedOrder(shop, row) : null;
}

async function trackedOrder(shop: string, row: OrderRow): Promise<TrackedOrder> {
  const orderedAt = decodeDate(row.orderedAt) as Date;
  const shipments = await loadShipments({ shop, where: `s."orderId" = ?`, params: [row.id] });
  const shipBy = await orderShipBy({
    shop,
    order: { orderedAt, cancelledAt: decodeDate(row.cancelledAt), fulfillmentStatus: row.fulfillmentStatus },
    shipmentCount: shipments.length,
    now: new Date(),
  });
  return { id: row.id, name: row.name, orderedAt, shipments, shipBy };
}

// Every time a shopper looks their order up on the tracking page: the where-is-my-order load carrier
// performance reports per 100 orders. Touching updatedAt lets the analytics rollup see the order changed.
export async function countTrackingLookup({
  shop,
  orderId,
  now,
}: {
  shop: string;
  orderId: string;
  now: Date;
}) {
  await rawSql.statement(
    `UPDATE "Order" SET "trackingLookups" = "trackingLookups" + 1, "updatedAt" = ?
      WHERE "shop" = ? AND "id" = ? RETURNING "id"`,
    [now, shop, orderId],
  );
}

export async function findOrderById({ shop, orderId }: { shop: string; orderId: string }) {
  const [row] = await rawSql.read<{ id: string; name: string }>(
    `SELECT "id", "name" FROM "Order" WHERE "shop" = ? AND "id" = ?`,
    [shop, orderId],
  );
  if (!row) return null;
  const shipments = await rawSql.read<{ id: string; status: string }>(
    `SELECT "id", "status" FROM "Shipment" WHERE "shop" = ? AND "orderId" = ?`,
    [shop, orderId],
  );
  return { ...row, shipments };
}

const UNMATCHABLE_DIGEST = "0".repeat(64);

function contactDigest({ shop, contact }: { shop: string; contact: ShopperContact }): string {
  const key = config().CUSTOMER_HASH_KEY;
  if (contact.kind === "email") return hashCustomerEmail({ shop, email: contact.value, key });
  if (contact.kind === "phone")
    return hashCustomerContact({ shop, value: normalizePhone(contact.value), key });
  return postalDigest(postalPrefix(contact.value));
}

// Orders keep only the first characters of the postal code (a lane, not an address), so that is what is compared.
function postalDigest(prefix: string | null): string {
  return prefix ? createHash("sha256").update(prefix).digest("hex") : UNMATCHABLE_DIGEST;
}

function storedDigest(row: OrderKeyRow, kind: ShopperContact["kind"]): string {
  if (kind === "email") return row.customerEmailHash ?? UNMATCHABLE_DIGEST;
  if (kind === "phone") return row.customerPhoneHash ?? UNMATCHABLE_DIGEST;
  return postalDigest(row.destinationPostalPrefix);
}

type DateColumn =
  | "shippedAt"
  | "windowStart"
  | "windowEnd"
  | "likelyAt"
  | "promisedBy"
  | "carrierEstimatedAt"
  | "deliveredAt";
type ShipmentRow = Omit<TrackedShipment, "events" | DateColumn> & Record<DateColumn, unknown>;
type ShipmentEventRow = ShipmentRow &
  Omit<TrackedEvent, "occurredAt" | "status" | "substatus"> & {
    eventStatus: string | null;
    eventSubstatus: string | null;
    occurredAt: unknown;
  };

const SHIPMENT_COLUMNS_OF_S = `s."id", s."status", s."substatus", s."trackingNumber", s."trackingCompany", s."carrier",
  s."trackingUrl", s."shippedAt", s."windowStart", s."windowEnd", s."carrierEstimatedAt", s."deliveredAt", s."attention",
  (SELECT d."likelyAt" FROM "DeliveryEstimate" d WHERE d."shop" = s."shop" AND d."shipmentId" = s."id"
    ORDER BY d."createdAt" DESC, d."id" DESC LIMIT 1) AS "likelyAt",
  (SELECT d."latestAt" FROM "DeliveryEstimate" d WHERE d."shop" = s."shop" AND d."shipmentId" = s."id" AND d."isOriginal"
    ORDER BY d."createdAt", d."id" LIMIT 1) AS "promisedBy"`;

async function loadShipments({
  shop,
  where,
  params,
}: {
  shop: string;
  where: string;
  params: unknown[];
}): Promise<TrackedShipment[]> {
  // One read: the shipments with their events (newest first), grouped here. Half the statements of reading
  // them apart, on the storefront's busiest path.
  const rows = await rawSql.read<ShipmentEventRow>(
    `SELECT ${SHIPMENT_COLUMNS_OF_S}, e."status" AS "eventStatus", e."substatus" AS "eventSubstatus", e."rawText",
            e."occurredAt", e."utcOffset", e."city", e."region", e."country"
       FROM "Shipment" s LEFT JOIN "TrackingEvent" e ON e."shipmentId" = s."id" AND e."shop" = s."shop"
      WHERE s."shop" = ? AND ${where}
      ORDER BY s."trackingIndex", s."createdAt", s."id", e."occurredAt" DESC`,
    [shop, ...params],
  );
  const shipments: TrackedShipment[] = [];
  for (const row of rows) {
    let shipment = shipments.at(-1);
    if (shipment?.id !== row.id) {
      shipment = {
        id: row.id,
        status: row.status,
        substatus: row.substatus,
        trackingNumber: row.trackingNumber,
        trackingCompany: row.trackingCompany,
        carrier: row.carrier,
        trackingUrl: row.trackingUrl,
        shippedAt: decodeDate(row.shippedAt),
        windowStart: decodeDate(row.windowStart),
        windowEnd: decodeDate(row.windowEnd),
        likelyAt: decodeDate(row.likelyAt),
        promisedBy: decodeDate(row.promisedBy),
        carrierEstimatedAt: decodeDate(row.carrierEstimatedAt),
        deliveredAt: decodeDate(row.deliveredAt),
        attention: row.attention,
        events: [],
      };
      shipments.push(shipment);
    }
    if (row.occurredAt === null || row.occurredAt === undefined) continue;
    shipment.events.push({
      status: row.eventStatus as string,
      substatus: row.eventSubstatus,
      rawText: row.rawText,
      occurredAt: decodeDate(row.occurredAt) as Date,
      utcOffset: row.utcOffset,
      city: row.city,
      region: row.region,
      country: row.country,
    });
  }
  return shipments;
}
