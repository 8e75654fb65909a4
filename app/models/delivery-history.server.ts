import prisma, { rawSql } from "../db.server";
import { isValidTimeZone } from "../lib/shopper-time-zone";
import { decodeDate } from "../../prisma/raw-sql";
import {
  learnDeliveryHistory,
  type DeliveredShipment,
  type DeliveryHistory,
} from "./delivery-windows/delivery-history";

export const DELIVERY_HISTORY_DAYS = 365;
const DAY_MS = 86_400_000;
// Learning reads every delivery of the past year (100k+ rows for a large shop): at most once an hour per
// shop and process. A new delivery moves the percentiles by a hair, so an hour-old history is good enough.
const CACHE_MS = 3_600_000;

const cache = new Map<string, { computedAt: number; history: Promise<DeliveryHistory> }>();
let lastSweepAt = 0;

/** The shop's own deliveries of the past year, learned in the shop's time zone, for predictWindow. */
export function shopDeliveryHistory({ shop, now }: { shop: string; now: Date }): Promise<DeliveryHistory> {
  const cached = cache.get(shop);
  const age = cached ? now.getTime() - cached.computedAt : Number.POSITIVE_INFINITY;
  if (cached && age >= 0 && age < CACHE_MS) return cached.history;
  sweepExpired(now.getTime());
  const history = learnShopDeliveryHistory({ shop, now });
  cache.set(shop, { computedAt: now.getTime(), history });
  // A failed read must not be served for the next hour.
  history.catch(() => {
    if (cache.get(shop)?.history === history) cache.delete(shop);
  });
  return history;
}

export function forgetDeliveryHistory(shop: string): void {
  cache.delete(shop);
}

function sweepExpired(now: number) {
  if (now - lastSweepAt < CACHE_MS) return;
  lastSweepAt = now;
  for (const [shop, entry] of cache) if (now - entry.computedAt >= CACHE_MS) cache.delete(shop);
}

type DeliveredRow = {
  orderedAt: unknown;
  shippedAt: unknown;
  deliveredAt: unknown;
  carrierEstimatedAt: unknown;
  carrier: string | null;
  service: string | null;
  country: string | null;
  region: string | null;
  postalPrefix: string | null;
};

async function learnShopDeliveryHistory({
  shop,
  now,
}: {
  shop: string;
  now: Date;
}): Promise<DeliveryHistory> {
  const shopRow = await prisma.shop.findUnique({ where: { domain: shop }, select: { timezone: true } });
  const since = new Date(now.getTime() - DELIVERY_HISTORY_DAYS * DAY_MS);
  // Through the driver: Prisma would materialise 100k+ objects with a per-row cost, and would fetch the
  // orders in a second query.
  const rows = await rawSql.read<DeliveredRow>(
    `SELECT o."orderedAt", s."shippedAt", s."deliveredAt", s."carrierEstimatedAt", s."carrier", s."service",
            o."destinationCountry" AS "country", o."destinationProvince" AS "region",
            o."destinationPostalPrefix" AS "postalPrefix"
     FROM "Shipment" s
     JOIN "Order" o ON o."id" = s."orderId" AND o."shop" = s."shop"
     WHERE s."shop" = ? AND s."status" = 'delivered' AND s."deliveredAt" >= ? AND s."deliveredAt" <= ?`,
    [shop, since, now],
  );
  const timeZone = shopRow && isValidTimeZone(shopRow.timezone) ? shopRow.timezone : "UTC";
  return learnDeliveryHistory(deliveredShipments(rows), { timeZone });
}

function* deliveredShipments(rows: readonly DeliveredRow[]): Generator<DeliveredShipment> {
  for (const row of rows) {
    const orderedAt = decodeDate(row.orderedAt);
    const deliveredAt = decodeDate(row.deliveredAt);
    if (!orderedAt || !deliveredAt) continue;
    yield {
      orderedAt,
      deliveredAt,
      shippedAt: decodeDate(row.shippedAt) ?? undefined,
      carrierEstimate: decodeDate(row.carrierEstimatedAt) ?? undefined,
      carrier: row.carrier ?? undefined,
      service: row.service ?? undefined,
      country: row.country ?? undefined,
      region: row.region ?? undefined,
      postalPrefix: row.postalPrefix ?? undefined,
    };
  }
}
