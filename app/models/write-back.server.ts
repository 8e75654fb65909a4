import prisma from "../db.server";
import type { AdminGraphql } from "../services/admin-graphql.server";
import type { FulfillmentEventInput, FulfillmentEventStatus } from "../types/admin.types";
import type { FulfillmentEventWriteBackMutation } from "../types/admin.generated";
import type { ShipmentStatus } from "./shipment-status";
import { FULFILLMENT_EVENT_CREATE_MUTATION } from "./sync-documents";

// Milestones Shopify can show on its order status page, Shop app and Flow. Only values present in every
// supported Admin version are written (DELAYED and CARRIER_PICKED_UP are newer than 2025-01).
const SHOPIFY_STATUS_FOR: Partial<Record<ShipmentStatus, `${FulfillmentEventStatus}`>> = {
  in_transit: "IN_TRANSIT",
  out_for_delivery: "OUT_FOR_DELIVERY",
  attempted: "ATTEMPTED_DELIVERY",
  ready_for_pickup: "READY_FOR_PICKUP",
  delivered: "DELIVERED",
  exception: "FAILURE",
};

export class WriteBackError extends Error {}

export type CarrierMilestone = {
  status: ShipmentStatus;
  occurredAt: Date;
  description: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  postalCode: string | null;
};

export type WriteBackOutcome = "written" | "disabled" | "not_a_shopify_milestone" | "already_in_shopify";

// When a carrier tells Parcelwise something Shopify does not know yet, and the merchant turned write-back on,
// post it as a fulfillment event so Shopify's own surfaces agree with the tracking page.
export async function writeBackMilestone({
  shop,
  admin,
  shipmentId,
  milestone,
}: {
  shop: string;
  admin: AdminGraphql;
  shipmentId: string;
  milestone: CarrierMilestone;
}): Promise<WriteBackOutcome> {
  const settings = await prisma.shopSettings.findUnique({
    where: { shop },
    select: { writeBackToShopify: true },
  });
  if (!settings?.writeBackToShopify) return "disabled";
  const shopifyStatus = SHOPIFY_STATUS_FOR[milestone.status];
  const shipment = await prisma.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: { shopifyFulfillmentId: true },
  });
  if (!shopifyStatus || !shipment?.shopifyFulfillmentId) return "not_a_shopify_milestone";
  const known = await prisma.trackingEvent.count({
    where: {
      shop,
      shipmentId,
      source: "shopify",
      rawCode: { in: [shopifyStatus, shopifyStatus.toLowerCase()] },
    },
  });
  if (known > 0) return "already_in_shopify";

  const fulfillmentEvent: FulfillmentEventInput = {
    fulfillmentId: shipment.shopifyFulfillmentId,
    status: shopifyStatus as FulfillmentEventStatus,
    happenedAt: milestone.occurredAt.toISOString(),
    message: milestone.description,
    city: milestone.city,
    province: milestone.region,
    country: milestone.country,
    zip: milestone.postalCode,
  };
  const result = await admin.request<FulfillmentEventWriteBackMutation>(FULFILLMENT_EVENT_CREATE_MUTATION, {
    fulfillmentEvent,
  });
  const userErrors = result.fulfillmentEventCreate?.userErrors ?? [];
  if (userErrors.length || !result.fulfillmentEventCreate?.fulfillmentEvent) {
    throw new WriteBackError(
      `Shopify refused the ${shopifyStatus} event: ${userErrors.map((error) => error.message).join("; ") || "no event returned"}`,
    );
  }
  return "written";
}
