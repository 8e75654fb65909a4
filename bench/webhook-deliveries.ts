// Signed Shopify webhook deliveries for the `webhooks` scenario, prepared before the load starts, and the
// database rows they must leave behind. Bodies are REST-shaped raw JSON text (tests/helpers/shopify-payloads.ts),
// so IDs above 2^53 are written exactly.
import { randomUUID } from "node:crypto";
import type { Request } from "autocannon";
import { SHOPIFY_API_VERSION } from "../app/shopify-api-version";
import type { Database } from "../prisma/client";
import { createRandom } from "../prisma/seed/random";
import { shopLocalTime, webhookHmac } from "../shopify-standin";

const SHOP_TIME_ZONE = "America/New_York";
// 2^53 + 1: consecutive IDs from here round to the same double, so a lost digit would merge two events.
const FIRST_EVENT_ID = 2n ** 53n + 1n;
const EVENT_SHARE = 0.7;
const EVENT_STATUSES = [
  "confirmed",
  "carrier_picked_up",
  "in_transit",
  "delayed",
  "out_for_delivery",
  "attempted_delivery",
  "ready_for_pickup",
  "delivered",
];
const CITIES = [
  ["Louisville", "KY"],
  ["Memphis", "TN"],
  ["Oakland", "CA"],
  ["Newark", "NJ"],
  ["Chicago", "IL"],
] as const;

// A seeded fulfillment: one shipment per tracking number (trackingIndex 0…n-1).
export type SeededFulfillment = {
  shopifyId: string;
  orderShopifyId: string;
  orderName: string;
  shipments: Array<{ trackingCompany: string | null; shippedAt: Date | null; shopifyUpdatedAt: Date | null }>;
};

export type PreparedDelivery = {
  topic: "fulfillment_events/create" | "fulfillments/update";
  webhookId: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  fulfillmentId: string;
  // Shipments of that fulfillment: an event is stored once per shipment, an update versions each one.
  shipmentCount: number;
  // fulfillment_events/create: the event's gid. fulfillments/update: the new tracking numbers, by index.
  eventId?: string;
  trackingNumbers?: string[];
};

export async function loadSeededFulfillments(db: Database, shop: string): Promise<SeededFulfillment[]> {
  const shipments = await db.shipment.findMany({
    where: { shop, shopifyFulfillmentId: { not: null } },
    select: {
      shopifyFulfillmentId: true,
      trackingIndex: true,
      trackingCompany: true,
      shippedAt: true,
      shopifyUpdatedAt: true,
      order: { select: { shopifyId: true, name: true } },
    },
    orderBy: [{ shopifyFulfillmentId: "asc" }, { trackingIndex: "asc" }],
  });
  const byId = new Map<string, SeededFulfillment>();
  for (const shipment of shipments) {
    const id = shipment.shopifyFulfillmentId ?? "";
    const fulfillment = byId.get(id) ?? {
      shopifyId: id,
      orderShopifyId: shipment.order.shopifyId,
      orderName: shipment.order.name,
      shipments: [],
    };
    if (shipment.trackingIndex !== fulfillment.shipments.length) {
      throw new Error(`${id}: expected tracking indexes 0…n-1, found ${shipment.trackingIndex}`);
    }
    fulfillment.shipments.push({
      trackingCompany: shipment.trackingCompany,
      shippedAt: shipment.shippedAt,
      shopifyUpdatedAt: shipment.shopifyUpdatedAt,
    });
    byId.set(id, fulfillment);
  }
  return [...byId.values()];
}

const numericId = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

function shuffled<T>(items: T[], random: ReturnType<typeof createRandom>): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random.next() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

// `count` distinct deliveries, 70 % fulfillment_events/create (a new event on a seeded fulfillment) and 30 %
// fulfillments/update (new tracking numbers, one per shipment, with an updated_at newer than the stored one).
// Each delivery gets a fulfillment of its own while there are enough, so no two deliveries race for one row.
export function prepareDeliveries({
  fulfillments,
  count,
  shop,
  secret,
  now = new Date(),
  seed = 2026,
}: {
  fulfillments: SeededFulfillment[];
  count: number;
  shop: string;
  secret: string;
  now?: Date;
  seed?: number;
}): PreparedDelivery[] {
  if (fulfillments.length === 0) throw new Error(`${shop} has no seeded fulfillment`);
  const random = createRandom(seed);
  const order = shuffled(fulfillments, random);
  const deliveries: PreparedDelivery[] = [];
  for (let index = 0; index < count; index += 1) {
    const fulfillment = order[index % order.length] as SeededFulfillment;
    const topic = random.next() < EVENT_SHARE ? "fulfillment_events/create" : "fulfillments/update";
    const triggeredAt = new Date(now.getTime() - random.int(0, 3_600_000));
    const common = { shop, topic, secret, triggeredAt } as const;
    if (topic === "fulfillment_events/create") {
      const eventId = String(FIRST_EVENT_ID + BigInt(index));
      const happenedAt = shopLocalTime(triggeredAt, SHOP_TIME_ZONE);
      const [city, province] = random.pick(CITIES);
      const status = random.pick(EVENT_STATUSES);
      const body = `{"id":${eventId},"admin_graphql_api_id":"gid://shopify/FulfillmentEvent/${eventId}","fulfillment_id":${numericId(fulfillment.shopifyId)},"order_id":${numericId(fulfillment.orderShopifyId)},"status":"${status}","message":"${status.replace(/_/g, " ")}","happened_at":"${happenedAt}","city":"${city}","province":"${province}","country":"US","zip":null,"address1":null,"latitude":null,"longitude":null,"estimated_delivery_at":null,"created_at":"${happenedAt}","updated_at":"${happenedAt}"}`;
      deliveries.push({
        ...signed({ ...common, body }),
        fulfillmentId: fulfillment.shopifyId,
        shipmentCount: fulfillment.shipments.length,
        eventId: `gid://shopify/FulfillmentEvent/${eventId}`,
      });
    } else {
      const numbers = fulfillment.shipments.map((_, trackingIndex) => `PWB${index}X${trackingIndex}`);
      const company = fulfillment.shipments[0]?.trackingCompany ?? "UPS";
      const urls = numbers.map((number) => `"https://parcels.example.com/track?n=${number}"`);
      const createdAt = shopLocalTime(fulfillment.shipments[0]?.shippedAt ?? now, SHOP_TIME_ZONE);
      // Newer than what is stored, so the update applies rather than being recorded as stale (some seeded
      // shipments carry a scan expected later than now).
      const storedUpdatedAt = Math.max(
        ...fulfillment.shipments.map((shipment) => shipment.shopifyUpdatedAt?.getTime() ?? 0),
      );
      const updatedAt = shopLocalTime(Math.max(now.getTime(), storedUpdatedAt + 1_000), SHOP_TIME_ZONE);
      const body = `{"id":${numericId(fulfillment.shopifyId)},"admin_graphql_api_id":"${fulfillment.shopifyId}","order_id":${numericId(fulfillment.orderShopifyId)},"name":"${fulfillment.orderName}.1","status":"success","created_at":"${createdAt}","updated_at":"${updatedAt}","service":"manual","tracking_company":"${company}","shipment_status":"in_transit","location_id":null,"tracking_number":"${numbers[0]}","tracking_numbers":[${numbers.map((number) => `"${number}"`).join(",")}],"tracking_url":${urls[0]},"tracking_urls":[${urls.join(",")}],"email":null,"destination":null,"line_items":[]}`;
      deliveries.push({
        ...signed({ ...common, body }),
        fulfillmentId: fulfillment.shopifyId,
        shipmentCount: fulfillment.shipments.length,
        trackingNumbers: numbers,
      });
    }
  }
  return deliveries;
}

function signed({
  shop,
  topic,
  secret,
  body,
  triggeredAt,
}: {
  shop: string;
  topic: PreparedDelivery["topic"];
  secret: string;
  body: string;
  triggeredAt: Date;
}) {
  const webhookId = randomUUID();
  return {
    topic,
    webhookId,
    path: `/webhooks/${topic}`,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-Hmac-Sha256": webhookHmac(Buffer.from(body), secret),
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-API-Version": SHOPIFY_API_VERSION,
      "X-Shopify-Triggered-At": triggeredAt.toISOString(),
      "X-Shopify-Event-Id": randomUUID(),
    },
  };
}

export type FeedTally = { sent: number; byStatus: Record<string, number>; byBody: Record<string, number> };

// One autocannon request that sends the next prepared delivery each time, whichever connection asks, so with
// `amount` = deliveries.length every delivery goes out exactly once. `tally` checks that afterwards.
export function deliveryFeed(deliveries: PreparedDelivery[]): { requests: Request[]; tally: FeedTally } {
  const tally: FeedTally = { sent: 0, byStatus: {}, byBody: {} };
  const request: Request = {
    method: "POST",
    setupRequest: (base) => {
      // Past the end (never, unless autocannon asks for more than `amount`) deliveries repeat, and the
      // tally's `sent` shows it.
      const delivery = deliveries[tally.sent % deliveries.length] as PreparedDelivery;
      tally.sent += 1;
      // autocannon writes Content-Length into the headers object it gets: give it a copy.
      return { ...base, path: delivery.path, headers: { ...delivery.headers }, body: delivery.body };
    },
    onResponse: (status, body) => {
      tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
      const key = body.length <= 200 ? body : `${body.slice(0, 200)}…`;
      tally.byBody[key] = (tally.byBody[key] ?? 0) + 1;
    },
  };
  return { requests: [request], tally };
}

export type RowCheck = { expected: number; actual: number };

export type RowChecks = {
  webhookDeliveries: RowCheck & { unexpected: number; byStatus: Record<string, number> };
  // Rows whose key and shipment match a delivery (an event on the wrong shipment counts as a mismatch).
  trackingEvents: RowCheck & { matching: number };
  trackingVersions: RowCheck & { matching: number };
  // A changed tracking number queues one shipment.refresh job per shipment.
  refreshJobs: RowCheck;
};

// Everything the deliveries must have written, counted in the database. The shop's only Shopify events,
// tracking versions and refresh jobs are the scenario's own (the seed writes carrier events only).
export async function countRows(
  db: Database,
  shop: string,
  deliveries: PreparedDelivery[],
): Promise<{ checks: RowChecks; match: boolean }> {
  const [deliveryRows, eventRows, versionRows, refreshJobs] = await Promise.all([
    db.webhookDelivery.findMany({ where: { shop }, select: { webhookId: true, status: true } }),
    db.trackingEvent.findMany({
      where: { shop, source: "shopify" },
      select: { dedupeKey: true, shipment: { select: { shopifyFulfillmentId: true } } },
    }),
    db.shipmentTrackingVersion.findMany({
      where: { shop },
      select: {
        trackingNumber: true,
        shipment: { select: { shopifyFulfillmentId: true, trackingIndex: true } },
      },
    }),
    db.job.count({ where: { shop, type: "shipment.refresh" } }),
  ]);

  const webhookIds = new Set(deliveries.map((delivery) => delivery.webhookId));
  const byStatus: Record<string, number> = {};
  for (const row of deliveryRows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;

  const expectedEvents = new Map<string, string>();
  const expectedVersions = new Set<string>();
  let expectedEventRows = 0;
  let expectedVersionRows = 0;
  for (const delivery of deliveries) {
    if (delivery.eventId) {
      expectedEvents.set(`shopify:${delivery.eventId}`, delivery.fulfillmentId);
      expectedEventRows += delivery.shipmentCount;
    }
    delivery.trackingNumbers?.forEach((number, trackingIndex) => {
      expectedVersions.add(`${delivery.fulfillmentId}#${trackingIndex}#${number}`);
      expectedVersionRows += 1;
    });
  }
  const matchingEvents = eventRows.filter(
    (row) => expectedEvents.get(row.dedupeKey) === row.shipment.shopifyFulfillmentId,
  ).length;
  const matchingVersions = new Set(
    versionRows
      .map(
        (row) => `${row.shipment.shopifyFulfillmentId}#${row.shipment.trackingIndex}#${row.trackingNumber}`,
      )
      .filter((key) => expectedVersions.has(key)),
  ).size;

  const checks: RowChecks = {
    webhookDeliveries: {
      expected: deliveries.length,
      actual: deliveryRows.length,
      unexpected: deliveryRows.filter((row) => !webhookIds.has(row.webhookId)).length,
      byStatus,
    },
    trackingEvents: { expected: expectedEventRows, actual: eventRows.length, matching: matchingEvents },
    trackingVersions: {
      expected: expectedVersionRows,
      actual: versionRows.length,
      matching: matchingVersions,
    },
    refreshJobs: { expected: expectedVersionRows, actual: refreshJobs },
  };
  const match =
    checks.webhookDeliveries.actual === checks.webhookDeliveries.expected &&
    checks.webhookDeliveries.unexpected === 0 &&
    byStatus.processed === deliveries.length &&
    checks.trackingEvents.actual === expectedEventRows &&
    matchingEvents === expectedEventRows &&
    checks.trackingVersions.actual === expectedVersionRows &&
    matchingVersions === expectedVersionRows &&
    refreshJobs === expectedVersionRows;
  return { checks, match };
}
