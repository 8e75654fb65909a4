import type { Prisma } from "@prisma/client";
import { rawSql } from "../db.server";
import { isValidTimeZone } from "../lib/shopper-time-zone";
import {
  shipByPromise,
  unshippedPart,
  type ShipBy,
  type ShippingPromise,
  type UnshippedPart,
} from "./delivery-windows/ship-by";
import { parseBusinessDays } from "./settings.server";

// "Ships by <day>" for an order the merchant has not shipped yet, as the tracking page, the order status block
// and the admin order block show it. Read through the driver: the tracking page's lookups are a hot path.

export type OrderShipBy = ShipBy & { part: UnshippedPart };

/** The order's columns orderShipBy reads, for Prisma's `select`. */
export const SHIP_BY_ORDER_SELECT = {
  orderedAt: true,
  cancelledAt: true,
  fulfillmentStatus: true,
} satisfies Prisma.OrderSelect;

// ShopSettings' column defaults (prisma/schema.prisma), for a shop that never saved its settings.
const DEFAULT_PROMISE: ShippingPromise = {
  processingDays: 1,
  orderCutoffLocalTime: "14:00",
  businessDays: ["MON", "TUE", "WED", "THU", "FRI"],
};

type PromiseRow = {
  timezone: string | null;
  processingDays: number | null;
  orderCutoffLocalTime: string | null;
  businessDays: string | null;
};

/** Null for an order with nothing left to ship (shipped, cancelled, held); the shop's settings are read only otherwise. */
export async function orderShipBy({
  shop,
  order,
  shipmentCount,
  now,
}: {
  shop: string;
  order: { orderedAt: Date; cancelledAt: Date | null; fulfillmentStatus: string | null };
  shipmentCount: number;
  now: Date;
}): Promise<OrderShipBy | null> {
  const part = unshippedPart({ ...order, shipmentCount });
  if (!part) return null;
  const { timeZone, promise } = await shopShippingPromise(shop);
  const shipBy = shipByPromise({ orderedAt: order.orderedAt, now, timeZone, promise });
  return shipBy && { ...shipBy, part };
}

async function shopShippingPromise(shop: string): Promise<{ timeZone: string; promise: ShippingPromise }> {
  const [row] = await rawSql.read<PromiseRow>(
    `SELECT sh."timezone", st."processingDays", st."orderCutoffLocalTime", st."businessDays"
       FROM "Shop" sh LEFT JOIN "ShopSettings" st ON st."shop" = sh."domain"
      WHERE sh."domain" = ?`,
    [shop],
  );
  const timeZone = row?.timezone && isValidTimeZone(row.timezone) ? row.timezone : "UTC";
  if (row?.processingDays === null || row?.processingDays === undefined) {
    return { timeZone, promise: DEFAULT_PROMISE };
  }
  return {
    timeZone,
    promise: {
      processingDays: Number(row.processingDays),
      orderCutoffLocalTime: row.orderCutoffLocalTime ?? DEFAULT_PROMISE.orderCutoffLocalTime,
      businessDays: parseBusinessDays(row.businessDays ?? ""),
    },
  };
}
