import { z } from "zod";
import { config } from "../config.server";
import prisma from "../db.server";
import { maskPhone, normalizePhoneE164 } from "../lib/phone";
import { hashCustomerContact, hashesMatch } from "../services/customer-identity.server";
import type { ShownWindow } from "./delivery-windows/shown-window";
import { shipmentShownWindow, shownWindowSelect } from "./shipment-shown-window.server";
import { orderShipBy, SHIP_BY_ORDER_SELECT, type OrderShipBy } from "./ship-by.server";
import { isShipmentStatus, type ShipmentStatus } from "./shipment-status";
import { isSubstatus } from "./tracking-taxonomy";

// What the shopper extensions (order status page, thank-you page) read and write: an order's shipments as a
// plain timeline, and the shopper's choice of shipping updates with the consent they gave. Every function is
// scoped by the shop the session token was issued for.

const RECENT_EVENTS = 5;

export const PREFERENCE_SOURCES = ["thank_you", "order_status"] as const;
export type PreferenceSource = (typeof PREFERENCE_SOURCES)[number];

// The five steps shoppers see. Delayed, attempted, exception and returned are not steps: they are shown as
// what they are, on the step the parcel had reached.
export const PROGRESS_STEPS = ["ordered", "packed", "shipped", "out_for_delivery", "delivered"] as const;

const STEP_OF_STATUS: Partial<Record<ShipmentStatus, number>> = {
  pending: 0,
  pre_transit: 1,
  in_transit: 2,
  out_for_delivery: 3,
  attempted: 3,
  ready_for_pickup: 3,
  delivered: 4,
};

const PROBLEM_STATUSES = new Set<ShipmentStatus>(["delayed", "attempted", "exception", "returned"]);

export class PreferenceInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "PreferenceInputError";
  }
}

// Shopify order GIDs, or the bare numeric ID; the exact digits are kept (they exceed 2^53). The thank-you page
// may name the order by its OrderIdentity GID, which carries the same number.
export function toOrderGid(input: string): string | null {
  const value = input.trim();
  const match = /^(?:gid:\/\/shopify\/Order(?:Identity)?\/)?(\d{1,20})$/.exec(value);
  return match ? `gid://shopify/Order/${match[1]}` : null;
}

// The session token's `dest` is the shop's URL ("https://shop.myshopify.com").
export function shopFromDest(dest: string): string | null {
  try {
    const host = new URL(dest).hostname.toLowerCase();
    return /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

export const preferenceInputSchema = z.object({
  email: z.boolean(),
  sms: z.boolean(),
  phone: z.string().max(40).nullish(),
  consentText: z.string().trim().min(1).max(2000),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/)
    .nullish(),
});
export type PreferenceInput = z.infer<typeof preferenceInputSchema>;

export const consentInputSchema = preferenceInputSchema.extend({ orderId: z.string().max(80) });

function stepOf(status: string, eventStatuses: string[]): number {
  let step = 0;
  for (const value of [status, ...eventStatuses]) {
    if (!isShipmentStatus(value)) continue;
    const candidate = STEP_OF_STATUS[value];
    if (candidate !== undefined && candidate > step) step = candidate;
  }
  return step;
}

function place(parts: Array<string | null>): string | null {
  const text = parts.filter((part): part is string => Boolean(part && part.trim())).join(", ");
  return text || null;
}

export type ShipmentView = {
  status: string;
  substatus: string | null;
  step: number;
  problem: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  window: { start: string; end: string } | null;
  carrierEstimatedAt: string | null;
  deliveredAt: string | null;
  events: Array<{
    status: string;
    substatus: string | null;
    occurredAt: string;
    utcOffsetMinutes: number | null;
    place: string | null;
  }>;
};

// The block renders a window, a carrier's date or a delivery day; a broken promise shows as "running late"
// (problem), with the revised window while it is still ahead.
function windowView(shown: ShownWindow): Pick<ShipmentView, "window" | "carrierEstimatedAt" | "deliveredAt"> {
  const iso = (range: { start: Date; end: Date } | null) =>
    range ? { start: range.start.toISOString(), end: range.end.toISOString() } : null;
  return {
    window: shown.kind === "window" ? iso(shown) : shown.kind === "late" ? iso(shown.newWindow) : null,
    carrierEstimatedAt: shown.kind === "carrier_estimate" ? shown.estimatedAt.toISOString() : null,
    deliveredAt: shown.kind === "delivered" ? shown.deliveredAt.toISOString() : null,
  };
}

export type PreferenceView = {
  email: boolean;
  sms: boolean;
  phone: string | null; // masked
  consentAt: string;
  source: string;
};

export type OrderStatusView = {
  // shipBy: what is still to ship and by when the merchant promised it (a calendar day, "YYYY-MM-DD").
  order: { name: string; shipBy: OrderShipBy | null };
  shipments: ShipmentView[];
  preferences: PreferenceView | null;
};

function preferenceView(row: {
  emailOptIn: boolean;
  smsOptIn: boolean;
  phone: string | null;
  consentAt: Date;
  source: string;
}): PreferenceView {
  return {
    email: row.emailOptIn,
    sms: row.smsOptIn,
    phone: row.phone ? maskPhone(row.phone) : null,
    consentAt: row.consentAt.toISOString(),
    source: row.source,
  };
}

// A customer account session token's `sub` against the hash the order webhooks recorded, in constant time.
// An order whose customer Parcelwise does not know (not yet synced, backfilled, redacted) belongs to no one.
export function orderBelongsTo(
  { shop, customerIdHash }: { shop: string; customerIdHash: string | null },
  customerGid: string,
): boolean {
  if (!customerIdHash || !customerGid) return false;
  const candidate = hashCustomerContact({ shop, value: customerGid, key: config().CUSTOMER_HASH_KEY });
  return hashesMatch(customerIdHash, candidate);
}

// The thank-you page shows right after checkout; later, only the order's customer (order status page) may
// change its notification choices.
const THANK_YOU_WINDOW_MS = 24 * 60 * 60_000;

// The order status block: one entry per shipment (a split order has several), newest scans first. Only for
// the customer the order belongs to; anyone else gets null, as for an unknown order.
export async function getOrderStatus({
  shop,
  orderGid,
  customerGid,
  now = new Date(),
}: {
  shop: string;
  orderGid: string;
  customerGid: string;
  now?: Date;
}): Promise<OrderStatusView | null> {
  const order = await prisma.order.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: orderGid } },
    select: {
      customerIdHash: true,
      name: true,
      ...SHIP_BY_ORDER_SELECT,
      shipments: {
        where: { shop },
        orderBy: [{ createdAt: "asc" }, { trackingIndex: "asc" }],
        select: {
          substatus: true,
          trackingNumber: true,
          trackingCompany: true,
          trackingUrl: true,
          ...shownWindowSelect(shop),
          events: {
            where: { shop },
            orderBy: { occurredAt: "desc" },
            select: {
              status: true,
              substatus: true,
              occurredAt: true,
              utcOffset: true,
              city: true,
              region: true,
              country: true,
            },
          },
        },
      },
      notificationPreferences: {
        where: { shop },
        select: { emailOptIn: true, smsOptIn: true, phone: true, consentAt: true, source: true },
      },
    },
  });
  if (!order || !orderBelongsTo({ shop, customerIdHash: order.customerIdHash }, customerGid)) return null;
  const shipments = order.shipments.map((shipment): ShipmentView => {
    const shown = shipmentShownWindow(shipment, now);
    return {
      status: shipment.status,
      substatus: isSubstatus(shipment.substatus) ? shipment.substatus : null,
      step: stepOf(
        shipment.status,
        shipment.events.map((event) => event.status),
      ),
      problem:
        isShipmentStatus(shipment.status) && PROBLEM_STATUSES.has(shipment.status)
          ? shipment.status
          : shown.kind === "late"
            ? "delayed"
            : null,
      carrier: shipment.trackingCompany,
      trackingNumber: shipment.trackingNumber,
      trackingUrl: shipment.trackingUrl,
      ...windowView(shown),
      events: shipment.events.slice(0, RECENT_EVENTS).map((event) => ({
        status: event.status,
        substatus: isSubstatus(event.substatus) ? event.substatus : null,
        occurredAt: event.occurredAt.toISOString(),
        utcOffsetMinutes: event.utcOffset,
        place: place([event.city, event.region, event.country]),
      })),
    };
  });
  const preference = order.notificationPreferences[0];
  const shipBy = await orderShipBy({ shop, order, shipmentCount: order.shipments.length, now });
  return {
    order: { name: order.name, shipBy },
    shipments,
    preferences: preference ? preferenceView(preference) : null,
  };
}

// The phone is needed only to text the shopper: it is required when SMS is on and dropped when it is off. On
// the order status page a shopper who keeps SMS on may leave the field empty to keep the number on file.
function resolvePhone(input: PreferenceInput, stored: string | null): string | null {
  if (!input.sms) return null;
  const typed = input.phone?.trim();
  if (!typed) {
    if (stored) return stored;
    throw new PreferenceInputError("phone", "Enter a mobile number to get text updates.");
  }
  const phone = normalizePhoneE164(typed);
  if (!phone) {
    throw new PreferenceInputError(
      "phone",
      "Enter the mobile number with its country code, for example +1 415 555 0134.",
    );
  }
  return phone;
}

// `customerGid` (from a customer account session token) is required from the order status page: only the
// order's own customer may change where its updates go. The thank-you page's checkout token names no order,
// so it may only make the first choice for an order placed in the last day, never overwrite one made on the
// order status page.
export async function savePreferences({
  shop,
  orderGid,
  input,
  source,
  customerGid = "",
  now = new Date(),
}: {
  shop: string;
  orderGid: string;
  input: PreferenceInput;
  source: PreferenceSource;
  customerGid?: string;
  now?: Date;
}): Promise<PreferenceView | null> {
  return prisma.$transaction(async (tx) => {
    let order = await tx.order.findUnique({
      where: { shop_shopifyId: { shop, shopifyId: orderGid } },
      select: { id: true, customerIdHash: true, orderedAt: true },
    });
    if (
      order &&
      source === "order_status" &&
      !orderBelongsTo({ shop, customerIdHash: order.customerIdHash }, customerGid)
    ) {
      return null;
    }
    if (source === "thank_you" && order && now.getTime() - order.orderedAt.getTime() > THANK_YOU_WINDOW_MS) {
      return null;
    }
    if (!order && source === "thank_you") {
      // The thank-you page can load before orders/create is applied. A placeholder order (the same kind the
      // sync makes for early fulfillments: no shopifyUpdatedAt, so the order's own data overwrites it) keeps
      // the consent; only for a shop that has the app installed.
      const installed = await tx.shop.findFirst({
        where: { domain: shop, status: "active" },
        select: { domain: true },
      });
      if (installed) {
        order = await tx.order.upsert({
          where: { shop_shopifyId: { shop, shopifyId: orderGid } },
          create: { shop, shopifyId: orderGid, name: `#${orderGid.split("/").pop()}`, orderedAt: now },
          update: {},
          select: { id: true, customerIdHash: true, orderedAt: true },
        });
      }
    }
    if (!order) return null;
    const existing = await tx.notificationPreference.findUnique({
      where: { shop_orderId: { shop, orderId: order.id } },
      select: { phone: true, source: true },
    });
    if (source === "thank_you" && existing?.source === "order_status") return null;
    const phone = resolvePhone(input, existing?.phone ?? null);
    const data = {
      emailOptIn: input.email,
      smsOptIn: input.sms,
      phone,
      consentText: input.consentText,
      consentAt: now,
      source,
      locale: input.locale ?? null,
    };
    const saved = await tx.notificationPreference.upsert({
      where: { shop_orderId: { shop, orderId: order.id } },
      create: { shop, orderId: order.id, ...data },
      update: data,
      select: { emailOptIn: true, smsOptIn: true, phone: true, consentAt: true, source: true },
    });
    return preferenceView(saved);
  });
}
