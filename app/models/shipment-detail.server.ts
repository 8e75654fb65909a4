import prisma from "../db.server";
import { promiseAndLikelyDay, shownDeliveryWindow } from "./delivery-windows/shown-window";
import { attentionSummary } from "./needs-attention.server";
import { listShipmentNotifications } from "./notifications.server";

// One shipment as its admin page shows it: the parcel, the window the shopper is shown, what needs attention
// (why, who can act, the next step), its scans newest first, and every message Parcelwise queued about it.
// Null when the shipment does not exist or belongs to another shop.
export async function getShipmentDetail({
  shop,
  shipmentId,
  now = new Date(),
}: {
  shop: string;
  shipmentId: string;
  now?: Date;
}) {
  const shipment = await prisma.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: {
      id: true,
      trackingNumber: true,
      trackingCompany: true,
      carrier: true,
      status: true,
      substatus: true,
      shippedAt: true,
      carrierEstimatedAt: true,
      windowStart: true,
      windowEnd: true,
      deliveredAt: true,
      lastEventAt: true,
      attention: true,
      attentionReason: true,
      attentionOwner: true,
      attentionSince: true,
      attentionResolvedAt: true,
      estimates: {
        where: { shop },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { isOriginal: true, latestAt: true, likelyAt: true },
      },
      order: { select: { name: true, destinationCountry: true, destinationProvince: true } },
      events: {
        where: { shop },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        select: {
          id: true,
          status: true,
          substatus: true,
          rawText: true,
          occurredAt: true,
          utcOffset: true,
          city: true,
          region: true,
          country: true,
          source: true,
        },
      },
    },
  });
  if (!shipment) return null;
  const notifications = await listShipmentNotifications({ shop, shipmentId });
  const { estimates, ...rest } = shipment;
  return {
    shipment: rest,
    shownWindow: shownDeliveryWindow({ ...shipment, ...promiseAndLikelyDay(estimates) }, now),
    attention: attentionSummary(shipment),
    notifications: notifications.map(withHoldSpelledOut),
  };
}

// The dispatcher records a hold (quiet hours, the daily cap) as a queued row whose reason reads
// "held until <ISO time>: <why>"; the page shows the time and the why separately.
const HELD_PREFIX = /^held until \S+: /;

function withHoldSpelledOut<T extends { status: string; suppressedReason: string | null; sendAfter: Date }>(
  notification: T,
) {
  const held = notification.status === "queued" && HELD_PREFIX.test(notification.suppressedReason ?? "");
  return {
    ...notification,
    heldUntil: held ? notification.sendAfter : null,
    reason: held
      ? (notification.suppressedReason ?? "").replace(HELD_PREFIX, "")
      : notification.status === "suppressed"
        ? notification.suppressedReason
        : null,
  };
}
