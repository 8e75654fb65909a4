import prisma from "../db.server";
import { parseInternalNotes } from "./internal-notes";
import { shipmentShownWindow } from "./shipment-shown-window.server";
import { attentionSummary } from "./needs-attention.server";
import { isResend, listResendOptions } from "./notification-resend.server";
import { listShipmentNotifications } from "./notifications.server";
import { correctableCarriers } from "./shipment-carrier.server";
import { listOrderHelpRequests } from "./support.server";

// One shipment as its support view shows it: the parcel and its carrier, the window the shopper is shown and
// every revision of it, what needs attention (why, who can act, the next step), its scans newest first with
// the carrier's own words, the order's other shipments, every message Parcelwise queued about it (and what
// can be sent again), and the order's help requests with their notes.
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
      carrierConfirmed: true,
      carrierCandidates: true,
      service: true,
      trackingUrl: true,
      lastMileCarrier: true,
      lastMileTrackingNumber: true,
      lastCheckedAt: true,
      nextCheckAt: true,
      lastPollError: true,
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
      internalNotes: true,
      estimates: {
        where: { shop },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          isOriginal: true,
          earliestAt: true,
          latestAt: true,
          likelyAt: true,
          basis: true,
          createdAt: true,
        },
      },
      order: {
        select: {
          id: true,
          shopifyId: true,
          name: true,
          destinationCountry: true,
          destinationProvince: true,
          shipments: {
            where: { shop, id: { not: shipmentId } },
            orderBy: [{ trackingIndex: "asc" }, { createdAt: "asc" }],
            select: { id: true, trackingNumber: true, trackingCompany: true, carrier: true, status: true },
          },
        },
      },
      events: {
        where: { shop },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        select: {
          id: true,
          status: true,
          substatus: true,
          rawCode: true,
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
  const [notifications, resendOptions, helpRequests] = await Promise.all([
    listShipmentNotifications({ shop, shipmentId }),
    listResendOptions({ shop, shipmentId }),
    listOrderHelpRequests({ shop, orderId: shipment.order.id }),
  ]);
  const { estimates, carrierCandidates, order, internalNotes, ...rest } = shipment;
  const { shipments: otherShipments, ...orderFacts } = order;
  return {
    shipment: { ...rest, order: orderFacts },
    shownWindow: shipmentShownWindow(shipment, now),
    attention: attentionSummary(shipment),
    estimates,
    otherShipments,
    carrierOptions: correctableCarriers(carrierCandidates, shipment.carrier),
    notifications: notifications.map(({ idempotencyKey, ...notification }) => ({
      ...withHoldSpelledOut(notification),
      resent: isResend(idempotencyKey),
    })),
    resendOptions,
    helpRequests,
    notes: parseInternalNotes(internalNotes),
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
