import prisma from "../../db.server";
import { isChannel, isMilestone, type NotificationRules } from "../../models/notification-rules";
import {
  loadEmailProvider,
  loadSmsProvider,
  smtpTransportOptions,
} from "../../models/messaging-providers.server";
import { signUnsubscribeToken, unsubscribeLinkFor } from "../../models/notification-links.server";
import type { Branding } from "../../models/notification-settings.server";
import { optOutAddressHash } from "../../models/messaging-opt-outs.server";
import { createSmsClient, SmsProviderError } from "../messaging/sms-client";
import { emailTransportFor, EmailSendError, sendEmail } from "./email-sender.server";
import { INTERRUPTED, type ClaimedNotification, type Outcome } from "./notification-claims.server";
import type { ShopperContact, ShopProfile } from "./shopper-contacts.server";
import { renderNotification } from "./templates/render";
import { templateInputFor, type OrderForMessage, type ShipmentForMessage } from "./template-input.server";
import { maskEmail, maskPhone } from "./recipient-hint";

// One claimed message, carried out: the shopper's contact and consent checked, the template rendered, the
// provider called, and the outcome worded for the row (app/services/notifications/notification-claims).

export type ShopContext = {
  shop: string;
  rules: NotificationRules;
  profile: ShopProfile;
  branding: Branding;
  shopLocale: string;
  contacts: Map<string, ShopperContact>;
  now: Date;
};

type MessageShipment = ShipmentForMessage & { order: OrderForMessage & { shopifyId: string } };

type OrderPreferences = {
  byOrder: Map<
    string,
    { emailOptIn: boolean; smsOptIn: boolean; phone: string | null; locale: string | null }
  >;
  orders: Map<string, OrderForMessage & { shopifyId: string }>;
};

export type Senders = Awaited<ReturnType<typeof sendersFor>>;

export async function sendersFor(shop: string) {
  const [email, sms] = await Promise.all([loadEmailProvider({ shop }), loadSmsProvider({ shop })]);
  return {
    email: email
      ? { provider: email, transporter: emailTransportFor(shop, smtpTransportOptions(email)) }
      : null,
    sms: sms
      ? createSmsClient({
          baseUrl: sms.baseUrl,
          accountSid: sms.accountSid,
          authToken: sms.authToken,
          from: sms.fromNumber,
        })
      : null,
  };
}

export async function deliver({
  claim,
  shipment,
  timeZone,
  context,
  senders,
  preferences,
}: {
  claim: ClaimedNotification;
  shipment: MessageShipment | undefined;
  timeZone: string;
  context: ShopContext;
  senders: Senders;
  preferences: OrderPreferences;
}): Promise<Outcome> {
  const { shop } = context;
  if (!isMilestone(claim.milestone) || !isChannel(claim.channel))
    return { kind: "suppressed", reason: "unknown milestone or channel" };
  const order = shipment?.order ?? (claim.orderId ? preferences.orders.get(claim.orderId) : undefined);
  if (!order) return { kind: "suppressed", reason: "the order no longer exists" };
  const contact = context.contacts.get(order.shopifyId);
  const preference = preferences.byOrder.get(order.id);

  const input = templateInputFor({
    shop,
    milestone: claim.milestone,
    channel: claim.channel,
    substatus: claim.substatus,
    shipment: shipment ?? null,
    order,
    contact: contact ?? null,
    preferredLocale: preference?.locale ?? null,
    profile: context.profile,
    branding: context.branding,
    shopLocale: context.shopLocale,
    timeZone,
    linkIssuedAt: claim.createdAt,
  });

  if (claim.channel === "email") {
    if (!senders.email)
      return { kind: "suppressed", reason: "no email provider set up (Notifications page)" };
    const address = contact?.email;
    if (!address) return { kind: "suppressed", reason: "the order has no email address" };
    if (preference && !preference.emailOptIn)
      return { kind: "suppressed", reason: "the shopper turned email updates off" };
    const addressHash = optOutAddressHash({ shop, channel: "email", address });
    if (await optedOut(shop, "email", addressHash))
      return { kind: "suppressed", reason: "the shopper unsubscribed" };
    const unsubscribeUrl = unsubscribeLinkFor({
      shop,
      token: signUnsubscribeToken({ shop, orderId: order.id, channel: "email", addressHash }),
    });
    const rendered = renderNotification({ ...input, unsubscribeUrl });
    if (rendered.channel !== "email") return { kind: "suppressed", reason: "template mismatch" };
    const provider = senders.email.provider;
    try {
      await sendEmail(senders.email.transporter, {
        from: provider.fromName
          ? `"${provider.fromName.replaceAll('"', "")}" <${provider.fromAddress}>`
          : provider.fromAddress,
        to: address,
        ...(provider.replyTo ? { replyTo: provider.replyTo } : {}),
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: messageIdFor(claim),
        headers: {
          "List-Unsubscribe": `<${unsubscribeUrl}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          "X-Parcelwise-Notification": claim.id,
        },
      });
      return {
        kind: "sent",
        providerMessageId: messageIdFor(claim),
        recipientHint: maskEmail(address),
        ...(claim.lastError === INTERRUPTED
          ? { note: "sent again after an interrupted attempt, with the same Message-ID" }
          : {}),
      };
    } catch (error) {
      if (error instanceof EmailSendError)
        return { kind: "failed", error: error.message, retryable: error.retryable };
      throw error;
    }
  }

  if (!senders.sms) return { kind: "suppressed", reason: "no SMS provider set up (Notifications page)" };
  const phone = preference?.smsOptIn ? preference.phone : null;
  if (!phone) return { kind: "suppressed", reason: "the shopper did not agree to texts" };
  const phoneHash = optOutAddressHash({ shop, channel: "sms", address: phone });
  if (await optedOut(shop, "sms", phoneHash))
    return { kind: "suppressed", reason: "the shopper replied STOP" };
  const rendered = renderNotification(input);
  if (rendered.channel !== "sms") return { kind: "suppressed", reason: "template mismatch" };
  try {
    if (claim.lastError === INTERRUPTED) {
      // The last attempt may have reached the provider: ask before sending, so a crash never means two texts.
      const already = await senders.sms.findSent({
        to: phone,
        body: rendered.body,
        sentAfter: claim.createdAt,
      });
      if (already)
        return {
          kind: "sent",
          providerMessageId: already.sid,
          recipientHint: maskPhone(phone),
          note: "found at the provider after an interrupted attempt",
        };
    }
    const sent = await senders.sms.send({ to: phone, body: rendered.body });
    return { kind: "sent", providerMessageId: sent.sid, recipientHint: maskPhone(phone) };
  } catch (error) {
    if (error instanceof SmsProviderError) {
      if (error.code === 21610) return { kind: "suppressed", reason: "the shopper replied STOP (provider)" };
      return {
        kind: "failed",
        error: `${error.kind}: ${error.message}`,
        retryable: error.retryable,
        retryAfterMs: error.retryAfterMs,
      };
    }
    throw error;
  }
}

async function optedOut(shop: string, channel: string, addressHash: string): Promise<boolean> {
  const row = await prisma.messagingOptOut.findUnique({
    where: { shop_channel_addressHash: { shop, channel, addressHash } },
    select: { id: true },
  });
  return row !== null;
}

function messageIdFor(claim: { id: string; shop: string }): string {
  return `<${claim.id}.notification@${claim.shop}>`;
}
