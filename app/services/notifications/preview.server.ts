import { config } from "../../config.server";
import prisma from "../../db.server";
import { timeZoneFor } from "../../lib/shopper-time-zone";
import {
  loadEmailProvider,
  loadSmsProvider,
  smtpTransportOptions,
} from "../../models/messaging-providers.server";
import { getNotificationSettings } from "../../models/notification-settings.server";
import type { Channel, Milestone } from "../../models/notification-rules";
import type { AdminGraphql } from "../admin-graphql.server";
import { createSmsClient } from "../messaging/sms-client";
import { emailTransportFor, sendEmail } from "./email-sender.server";
import { fetchShopperContacts, fetchShopProfile } from "./shopper-contacts.server";
import { SHIPMENT_FOR_MESSAGE_SELECT, templateInputFor } from "./template-input.server";
import { renderNotification } from "./templates/render";
import type { RenderedEmail, RenderedSms } from "./templates/types";

// The merchant's preview of a template with one of their own shipments, and a test message sent to
// themselves through their own provider — what the shopper would get, without touching the outbox.

// A shipment whose status fits the milestone reads most naturally; any recent one will do.
const STATUS_FOR_MILESTONE: Record<Milestone, string[]> = {
  order_confirmed: ["pending"],
  shipped: ["pre_transit", "in_transit"],
  in_transit_update: ["in_transit"],
  out_for_delivery: ["out_for_delivery"],
  ready_for_pickup: ["ready_for_pickup"],
  delivered: ["delivered"],
  delayed: ["delayed"],
  exception: ["exception", "attempted", "returned"],
};

const SAMPLE_SUBSTATUS: Partial<Record<Milestone, string>> = {
  in_transit_update: "customs",
  delayed: "weather",
  exception: "not_home",
};

export class PreviewUnavailableError extends Error {}

async function sampleShipment(shop: string, milestone: Milestone, shipmentId?: string) {
  const select = SHIPMENT_FOR_MESSAGE_SELECT;
  if (shipmentId) return prisma.shipment.findFirst({ where: { shop, id: shipmentId }, select });
  return (
    (await prisma.shipment.findFirst({
      where: { shop, status: { in: STATUS_FOR_MILESTONE[milestone] }, trackingNumber: { not: null } },
      orderBy: { createdAt: "desc" },
      select,
    })) ??
    (await prisma.shipment.findFirst({
      where: { shop, trackingNumber: { not: null } },
      orderBy: { createdAt: "desc" },
      select,
    }))
  );
}

export async function previewNotification({
  shop,
  admin,
  milestone,
  channel,
  shipmentId,
  locale = null,
  now = new Date(),
}: {
  shop: string;
  admin: AdminGraphql;
  milestone: Milestone;
  channel: Channel;
  shipmentId?: string;
  locale?: string | null;
  now?: Date;
}): Promise<{
  rendered: RenderedEmail | RenderedSms;
  shipment: { id: string; orderName: string; trackingNumber: string | null };
}> {
  const shipment = await sampleShipment(shop, milestone, shipmentId);
  if (!shipment)
    throw new PreviewUnavailableError("Previews use one of your shipments: sync your orders first.");
  const [shopRow, settings, profile, contacts] = await Promise.all([
    prisma.shop.findUniqueOrThrow({ where: { domain: shop }, select: { locale: true, timezone: true } }),
    getNotificationSettings({ shop }),
    fetchShopProfile(shop, admin, now.getTime()),
    fetchShopperContacts(admin, [shipment.order.shopifyId]),
  ]);
  const input = templateInputFor({
    shop,
    milestone,
    channel,
    substatus:
      shipment.status === STATUS_FOR_MILESTONE[milestone][0]
        ? shipment.substatus
        : (SAMPLE_SUBSTATUS[milestone] ?? null),
    shipment,
    order: shipment.order,
    contact: contacts.get(shipment.order.shopifyId) ?? null,
    preferredLocale: locale,
    profile,
    branding: settings.branding,
    shopLocale: shopRow.locale,
    timeZone: timeZoneFor({
      country: shipment.order.destinationCountry,
      province: shipment.order.destinationProvince,
      fallback: shopRow.timezone,
    }),
    linkIssuedAt: now,
  });
  const rendered = renderNotification({
    ...input,
    // Where shoppers unsubscribe; in a preview or a test it only explains itself.
    unsubscribeUrl:
      channel === "email"
        ? new URL("/notifications/unsubscribe?preview=1", config().SHOPIFY_APP_URL).toString()
        : null,
  });
  return {
    rendered,
    shipment: { id: shipment.id, orderName: shipment.order.name, trackingNumber: shipment.trackingNumber },
  };
}

export async function sendTestNotification({
  shop,
  admin,
  milestone,
  channel,
  to,
  shipmentId,
  locale = null,
}: {
  shop: string;
  admin: AdminGraphql;
  milestone: Milestone;
  channel: Channel;
  to: string;
  shipmentId?: string;
  locale?: string | null;
}): Promise<{ providerMessageId: string }> {
  const { rendered } = await previewNotification({ shop, admin, milestone, channel, shipmentId, locale });
  if (rendered.channel === "email") {
    const provider = await loadEmailProvider({ shop });
    if (!provider) throw new PreviewUnavailableError("Set up your email provider first.");
    const messageId = `<test-${Date.now()}@${shop}>`;
    await sendEmail(emailTransportFor(shop, smtpTransportOptions(provider)), {
      from: provider.fromName
        ? `"${provider.fromName.replaceAll('"', "")}" <${provider.fromAddress}>`
        : provider.fromAddress,
      to,
      subject: `[Test] ${rendered.subject}`,
      html: rendered.html,
      text: rendered.text,
      messageId,
      headers: { "X-Parcelwise-Test": "1" },
    });
    return { providerMessageId: messageId };
  }
  const provider = await loadSmsProvider({ shop });
  if (!provider) throw new PreviewUnavailableError("Set up your SMS provider first.");
  const client = createSmsClient({
    baseUrl: provider.baseUrl,
    accountSid: provider.accountSid,
    authToken: provider.authToken,
    from: provider.fromNumber,
  });
  const sent = await client.send({ to, body: rendered.body });
  return { providerMessageId: sent.sid };
}
