import type { Channel, Milestone } from "../../models/notification-rules";
import type { Branding } from "../../models/notification-settings.server";
import { trackingLinkFor } from "../../models/notification-links.server";
import { expectedRange, type EstimateRevision } from "../../models/delivery-windows/shown-window";
import { shipmentShownWindow } from "../../models/shipment-shown-window.server";
import type { ShopperContact, ShopProfile } from "./shopper-contacts.server";
import type { TemplateInput } from "./templates/types";

// What a template needs, gathered the same way for a real send, a preview and a test message.

// What a message reads from a shipment and its order, for Prisma's `select`.
export const SHIPMENT_FOR_MESSAGE_SELECT = {
  id: true,
  status: true,
  substatus: true,
  carrier: true,
  trackingCompany: true,
  trackingNumber: true,
  windowStart: true,
  windowEnd: true,
  carrierEstimatedAt: true,
  deliveredAt: true,
  estimates: {
    orderBy: { createdAt: "asc" },
    select: { isOriginal: true, latestAt: true, likelyAt: true },
  },
  order: {
    select: {
      id: true,
      shopifyId: true,
      name: true,
      destinationCountry: true,
      destinationProvince: true,
      customerLocale: true,
    },
  },
} as const;

export type ShipmentForMessage = {
  status: string;
  carrier: string | null;
  trackingCompany: string | null;
  trackingNumber: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  carrierEstimatedAt: Date | null;
  deliveredAt: Date | null;
  // Oldest first: the first is the promise.
  estimates: EstimateRevision[];
};

export type OrderForMessage = { id: string; name: string; customerLocale: string | null };

export function templateInputFor({
  shop,
  milestone,
  channel,
  substatus,
  shipment,
  order,
  contact,
  preferredLocale,
  profile,
  branding,
  shopLocale,
  timeZone,
  linkIssuedAt,
}: {
  shop: string;
  milestone: Milestone;
  channel: Channel;
  substatus: string | null;
  shipment: ShipmentForMessage | null;
  order: OrderForMessage;
  contact: ShopperContact | null;
  preferredLocale: string | null;
  profile: ShopProfile;
  branding: Branding;
  shopLocale: string;
  timeZone: string;
  // Signs the tracking link: the same message rendered again (a retry) must read exactly the same, which is
  // how a retry after a crash recognises a text the provider already has.
  linkIssuedAt: Date;
}): TemplateInput {
  return {
    milestone,
    channel,
    locale: preferredLocale ?? contact?.locale ?? order.customerLocale,
    shopLocale,
    timeZone,
    shop: {
      name: profile.name,
      logoUrl: branding.logoUrl,
      accentColor: branding.accentColor,
      supportEmail: profile.contactEmail,
    },
    firstName: contact?.firstName ?? null,
    orderName: order.name,
    items: contact?.items ?? [],
    carrierName: shipment ? (shipment.trackingCompany ?? shipment.carrier) : null,
    trackingNumber: shipment?.trackingNumber ?? null,
    window: shipment ? expectedWindow(shipment, linkIssuedAt) : null,
    deliveredAt: shipment?.deliveredAt ?? null,
    substatus,
    trackingUrl: trackingLinkFor({
      storefrontUrl: profile.storefrontUrl,
      shop,
      orderId: order.id,
      now: linkIssuedAt.getTime(),
    }),
    unsubscribeUrl: null,
  };
}

// Judged when the message was queued (the link's time), so a retry reads exactly like the first attempt. A
// window that has passed is not repeated to the shopper; a revised one still ahead is.
function expectedWindow(shipment: ShipmentForMessage, at: Date): { start: Date; end: Date } | null {
  const shown = shipmentShownWindow(shipment, at);
  return expectedRange(shown);
}
