import { config } from "../config.server";
import prisma from "../db.server";
import { hashCustomerEmail, normalizeEmail } from "../services/customer-identity.server";
import { signOrderToken, verifyOrderToken } from "../services/order-tokens.server";
import { escalationFor } from "./support-escalation";
import { findOrderById } from "./tracking-lookup.server";

export const HELP_REASONS = ["late", "missing", "damaged", "wrong_address", "other"] as const;
export type HelpReason = (typeof HELP_REASONS)[number];

const HELP_TOKEN_TTL_SECONDS = 2 * 60 * 60;
// A double-submitted form (or a shopper who asks twice) gives the merchant one request, not two.
const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

// After a verified lookup the help form carries this token instead of the order number and email: it proves
// the shopper passed the check for this order, expires, and holds nothing personal.
export function signHelpToken({
  shop,
  orderId,
  now,
}: {
  shop: string;
  orderId: string;
  now?: number;
}): string {
  return signOrderToken({ purpose: "help-token", shop, orderId, ttlSeconds: HELP_TOKEN_TTL_SECONDS, now });
}

export function verifyHelpToken({
  shop,
  token,
  now,
}: {
  shop: string;
  token: string;
  now?: number;
}): string | null {
  return verifyOrderToken({ purpose: "help-token", shop, token, now });
}

export type ShopperHelpInput = {
  shop: string;
  orderId: string;
  shipmentId: string | null;
  reason: HelpReason;
  message: string;
  contactEmail: string | null;
};

// The request the merchant sees on the Support page, escalated at once when the carrier calls the parcel
// delivered but the shopper has not received it, or when it is stuck (support-escalation.ts).
export async function createShopperHelpRequest(input: ShopperHelpInput) {
  const { shop, orderId, reason } = input;
  const order = await findOrderById({ shop, orderId });
  if (!order) return null;
  const shipment =
    order.shipments.find((candidate) => candidate.id === input.shipmentId) ?? order.shipments[0] ?? null;
  const duplicate = await prisma.supportRequest.findFirst({
    where: {
      shop,
      orderId,
      shipmentId: shipment?.id ?? null,
      reason,
      status: "open",
      createdAt: { gte: new Date(Date.now() - DUPLICATE_WINDOW_MS) },
    },
    select: { id: true },
  });
  if (duplicate) return duplicate;
  const contactEmail = input.contactEmail ? normalizeEmail(input.contactEmail) : null;
  const requestedAt = new Date();
  const shipmentFacts = shipment
    ? await prisma.shipment.findFirst({
        where: { id: shipment.id, shop },
        select: { status: true, deliveredAt: true, attention: true, attentionResolvedAt: true },
      })
    : null;
  return prisma.supportRequest.create({
    data: {
      shop,
      orderId,
      shipmentId: shipment?.id ?? null,
      reason,
      message: input.message,
      escalation: escalationFor({ reason, requestedAt, shipment: shipmentFacts }),
      contactEmail,
      contactEmailHash: contactEmail
        ? hashCustomerEmail({ shop, email: contactEmail, key: config().CUSTOMER_HASH_KEY })
        : null,
      createdAt: requestedAt,
    },
    select: { id: true },
  });
}
