import prisma from "../db.server";
import { webUrlOrNull } from "../lib/html";
import type { ShownWindow } from "./delivery-windows/shown-window";
import { attentionSummary, carrierName } from "./needs-attention.server";
import { ATTENTION_SELECT, shipmentShownWindow, shownWindowSelect } from "./shipment-shown-window.server";
import { orderShipBy, SHIP_BY_ORDER_SELECT, type OrderShipBy } from "./ship-by.server";
import { isShipmentStatus, type AttentionKind, type ShipmentStatus } from "./shipment-status";
import type { AttentionOwner } from "./shipment-attention";

// The order details block in Shopify admin (extensions/admin-order-block): the order's shipments with their
// status, the window the shopper is shown (shown-window.ts, the one function every surface uses) and what needs
// attention, each with the path of its support view in the app. Codes, not sentences: the block words them in
// the merchant's admin language from its own locales. Dates are ISO strings (the answer is JSON).

export type AdminOrderWindow =
  | { kind: "delivered"; deliveredAt: string }
  | { kind: "window"; start: string; end: string; likely: string | null }
  | { kind: "late"; promisedBy: string; newWindow: { start: string; end: string } | null }
  | { kind: "carrier_estimate"; estimatedAt: string }
  | { kind: "none" };

export type AdminOrderShipment = {
  id: string;
  carrier: string | null;
  trackingNumber: string | null;
  // http(s) only: anything else is dropped rather than rendered as a link.
  trackingUrl: string | null;
  status: ShipmentStatus;
  window: AdminOrderWindow;
  attention: { kind: AttentionKind; owner: AttentionOwner | null } | null;
  // The shipment's page in the app (support view), relative to the app's root.
  supportPath: string;
};

export type AdminOrderView = {
  // Null when Parcelwise has no such order for this shop (not synced yet, or another shop's): the same
  // answer either way, so an ID from another shop tells nothing. shipBy: what is still to ship and the day the
  // shop's promise defaults (Settings) promised it by; overdue once that day has passed ("Late to ship").
  order: { name: string; shipBy: OrderShipBy | null } | null;
  shipments: AdminOrderShipment[];
};

const MAX_SHIPMENTS = 50;

export async function getAdminOrder({
  shop,
  orderGid,
  now = new Date(),
}: {
  shop: string;
  orderGid: string;
  now?: Date;
}): Promise<AdminOrderView> {
  const order = await prisma.order.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: orderGid } },
    select: {
      shop: true,
      name: true,
      ...SHIP_BY_ORDER_SELECT,
      shipments: {
        where: { shop },
        orderBy: [{ createdAt: "asc" }, { trackingIndex: "asc" }, { id: "asc" }],
        take: MAX_SHIPMENTS,
        select: {
          id: true,
          trackingNumber: true,
          trackingUrl: true,
          ...ATTENTION_SELECT,
          ...shownWindowSelect(shop),
        },
      },
    },
  });
  if (!order || order.shop !== shop) return { order: null, shipments: [] };
  const shipBy = await orderShipBy({ shop, order, shipmentCount: order.shipments.length, now });
  return {
    order: { name: order.name, shipBy },
    shipments: order.shipments.map((shipment) => {
      const attention = attentionSummary(shipment);
      return {
        id: shipment.id,
        carrier: carrierName(shipment),
        trackingNumber: shipment.trackingNumber,
        trackingUrl: webUrlOrNull(shipment.trackingUrl),
        status: isShipmentStatus(shipment.status) ? shipment.status : "pending",
        window: windowView(shipmentShownWindow(shipment, now)),
        attention: attention ? { kind: attention.kind, owner: attention.owner } : null,
        supportPath: `/app/shipments/${encodeURIComponent(shipment.id)}`,
      };
    }),
  };
}

function windowView(shown: ShownWindow): AdminOrderWindow {
  switch (shown.kind) {
    case "delivered":
      return { kind: "delivered", deliveredAt: shown.deliveredAt.toISOString() };
    case "window":
      return {
        kind: "window",
        start: shown.start.toISOString(),
        end: shown.end.toISOString(),
        likely: shown.likely?.toISOString() ?? null,
      };
    case "late":
      return {
        kind: "late",
        promisedBy: shown.promisedBy.toISOString(),
        newWindow: shown.newWindow
          ? { start: shown.newWindow.start.toISOString(), end: shown.newWindow.end.toISOString() }
          : null,
      };
    case "carrier_estimate":
      return { kind: "carrier_estimate", estimatedAt: shown.estimatedAt.toISOString() };
    case "none":
      return { kind: "none" };
  }
}
