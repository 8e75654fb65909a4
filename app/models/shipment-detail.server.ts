import prisma from "../db.server";
import { listShipmentNotifications } from "./notifications.server";

// One shipment as its admin page shows it: the parcel, its scans newest first, and every message Parcelwise
// queued about it. Null when the shipment does not exist or belongs to another shop.
export async function getShipmentDetail({ shop, shipmentId }: { shop: string; shipmentId: string }) {
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
  return { shipment, notifications: notifications.map(withHoldSpelledOut) };
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
