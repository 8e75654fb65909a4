import prisma from "../../db.server";
import { timeZoneFor } from "../../lib/shopper-time-zone";
import {
  isChannel,
  isMilestone,
  parseNotificationRules,
  type NotificationRules,
} from "../../models/notification-rules";
import {
  loadEmailProvider,
  loadSmsProvider,
  smtpTransportOptions,
} from "../../models/messaging-providers.server";
import { signUnsubscribeToken, unsubscribeLinkFor } from "../../models/notification-links.server";
import { parseBranding, type Branding } from "../../models/notification-settings.server";
import { optOutAddressHash } from "../../models/messaging-opt-outs.server";
import { adminGraphqlForStoredShop } from "../shop-admin.server";
import type { AdminGraphql } from "../admin-graphql.server";
import { createSmsClient, SmsProviderError } from "../messaging/sms-client";
import { emailTransportFor, EmailSendError, sendEmail } from "./email-sender.server";
import { judgeNotification, type SiblingNotification } from "./guardrails";
import {
  claimDueNotifications,
  INTERRUPTED,
  NOTIFICATION_LEASE_MS,
  renewLeases,
  stillHeld,
  recordOutcome,
  releaseExpiredLeases,
  type ClaimedNotification,
  type Outcome,
} from "./notification-claims.server";
import {
  fetchShopperContacts,
  fetchShopProfile,
  type ShopperContact,
  type ShopProfile,
} from "./shopper-contacts.server";
import { renderNotification } from "./templates/render";
import { SHIPMENT_FOR_MESSAGE_SELECT, templateInputFor } from "./template-input.server";
import { maskEmail, maskPhone } from "./recipient-hint";

// The outbox's sender: claims due notifications, applies the merchant's guardrails, reads the shopper's
// contact from Shopify, renders and sends, and records every outcome on the row.

export type DispatchOptions = {
  now?: Date;
  limit?: number;
  // Messages of one batch in flight at once (the SMTP pool and the SMS API take them side by side).
  concurrency?: number;
  adminFor?: (shop: string) => Promise<AdminGraphql>;
};

export async function dispatchDueNotifications({
  now = new Date(),
  limit = 200,
  concurrency = 16,
  adminFor = adminGraphqlForStoredShop,
}: DispatchOptions = {}): Promise<number> {
  await releaseExpiredLeases(now);
  const claims = await claimDueNotifications({ now, limit });
  if (claims.length === 0) return 0;
  // The lease is renewed while this batch is worked on: a slow batch (a shop's Shopify budget, a slow mail
  // server) never looks abandoned to the other lanes, and a dead worker's leases still run out.
  const heartbeat = setInterval(
    () => void renewLeases(claims).catch(() => undefined),
    NOTIFICATION_LEASE_MS / 3,
  );
  try {
    await dispatchClaims(claims, { now, concurrency, adminFor });
  } finally {
    clearInterval(heartbeat);
  }
  return claims.length;
}

async function dispatchClaims(
  claims: ClaimedNotification[],
  {
    now,
    concurrency,
    adminFor,
  }: { now: Date; concurrency: number; adminFor: (shop: string) => Promise<AdminGraphql> },
) {
  const byShop = new Map<string, ClaimedNotification[]>();
  for (const claim of claims) byShop.set(claim.shop, [...(byShop.get(claim.shop) ?? []), claim]);
  // Shops side by side: one shop waiting out its Admin API budget must not hold the others' messages back.
  await Promise.all(
    [...byShop].map(async ([shop, shopClaims]) => {
      try {
        await dispatchForShop({ shop, claims: shopClaims, now, concurrency, adminFor });
      } catch (error) {
        // Shopify unreachable or the shop uninstalled: the shop's part of the batch is retried later.
        const message = error instanceof Error ? error.message : String(error);
        for (const claim of shopClaims) {
          await recordOutcome(
            claim,
            { kind: "failed", error: `before sending: ${message}`, retryable: true },
            now,
          );
        }
      }
    }),
  );
}

type ShopContext = {
  shop: string;
  rules: NotificationRules;
  profile: ShopProfile;
  branding: Branding;
  shopLocale: string;
  contacts: Map<string, ShopperContact>;
  now: Date;
};

async function dispatchForShop({
  shop,
  claims,
  now,
  concurrency,
  adminFor,
}: {
  shop: string;
  claims: ClaimedNotification[];
  now: Date;
  concurrency: number;
  adminFor: (shop: string) => Promise<AdminGraphql>;
}) {
  const [shopRow, shipments, siblings, preferences] = await Promise.all([
    prisma.shop.findUnique({
      where: { domain: shop },
      select: {
        status: true,
        locale: true,
        timezone: true,
        settings: { select: { notificationRules: true, branding: true } },
      },
    }),
    loadShipments(shop, claims),
    loadSiblings(shop, claims),
    loadPreferences(shop, claims),
  ]);
  if (!shopRow || shopRow.status !== "active") {
    for (const claim of claims)
      await recordOutcome(claim, { kind: "suppressed", reason: "the shop uninstalled Parcelwise" }, now);
    return;
  }
  const rules = parseNotificationRules(shopRow.settings?.notificationRules);
  const verdicts = claims.map((claim) => {
    const shipment = claim.shipmentId ? shipments.get(claim.shipmentId) : undefined;
    if (claim.shipmentId && !shipment)
      return { claim, verdict: { action: "suppress" as const, reason: "the shipment no longer exists" } };
    const timeZone = timeZoneFor({
      country: shipment?.order.destinationCountry ?? null,
      province: shipment?.order.destinationProvince ?? null,
      fallback: shopRow.timezone,
    });
    const verdict = judgeNotification({
      notification: claim,
      shipmentStatus: shipment?.status ?? null,
      siblings: (siblings.get(claim.shipmentId ?? "") ?? []).filter(
        (sibling) => sibling.channel === claim.channel,
      ),
      rules,
      timeZone,
      now,
    });
    return { claim, verdict, shipment, timeZone };
  });

  const toSend = verdicts.filter((entry) => entry.verdict.action === "send");
  for (const entry of verdicts) {
    if (entry.verdict.action === "suppress")
      await recordOutcome(entry.claim, { kind: "suppressed", reason: entry.verdict.reason }, now);
    if (entry.verdict.action === "hold")
      await recordOutcome(
        entry.claim,
        { kind: "held", until: entry.verdict.until, reason: entry.verdict.reason },
        now,
      );
  }
  if (toSend.length === 0) return;

  const admin = await adminFor(shop);
  const orderGids = toSend
    .map(
      (entry) =>
        entry.shipment?.order.shopifyId ?? preferences.orders.get(entry.claim.orderId ?? "")?.shopifyId,
    )
    .filter(isString);
  const [profile, contacts] = await Promise.all([
    fetchShopProfile(shop, admin, now.getTime()),
    fetchShopperContacts(admin, orderGids),
  ]);
  const context: ShopContext = {
    shop,
    rules,
    profile,
    branding: parseBranding(shopRow.settings?.branding),
    shopLocale: shopRow.locale,
    contacts,
    now,
  };
  const senders = await sendersFor(shop);
  await runWithConcurrency(toSend, concurrency, async ({ claim, shipment, timeZone }) => {
    // Fenced: a claim this worker no longer holds (its lease ran out and another lane took it) is not sent.
    if (!(await stillHeld(claim))) return;
    const outcome = await deliver({
      claim,
      shipment,
      timeZone: timeZone ?? profile.timeZone,
      context,
      senders,
      preferences,
    });
    await recordOutcome(claim, outcome, now);
  });
}

type LoadedShipment = Awaited<ReturnType<typeof loadShipments>> extends Map<string, infer T> ? T : never;

async function loadShipments(shop: string, claims: ClaimedNotification[]) {
  const ids = [...new Set(claims.map((claim) => claim.shipmentId).filter(isString))];
  const rows = ids.length
    ? await prisma.shipment.findMany({
        where: { shop, id: { in: ids } },
        select: SHIPMENT_FOR_MESSAGE_SELECT,
      })
    : [];
  return new Map(rows.map((row) => [row.id, row]));
}

async function loadSiblings(shop: string, claims: ClaimedNotification[]) {
  const ids = [...new Set(claims.map((claim) => claim.shipmentId).filter(isString))];
  const rows: Array<SiblingNotification & { shipmentId: string | null }> = ids.length
    ? await prisma.notification.findMany({
        where: { shop, shipmentId: { in: ids }, status: { in: ["queued", "sending", "failed", "sent"] } },
        select: {
          id: true,
          shipmentId: true,
          channel: true,
          milestone: true,
          status: true,
          createdAt: true,
          sentAt: true,
        },
      })
    : [];
  const byShipment = new Map<string, SiblingNotification[]>();
  for (const row of rows) {
    if (!row.shipmentId) continue;
    byShipment.set(row.shipmentId, [...(byShipment.get(row.shipmentId) ?? []), row]);
  }
  return byShipment;
}

async function loadPreferences(shop: string, claims: ClaimedNotification[]) {
  const orderIds = [...new Set(claims.map((claim) => claim.orderId).filter(isString))];
  const [preferences, orders] = await Promise.all([
    orderIds.length
      ? prisma.notificationPreference.findMany({
          where: { shop, orderId: { in: orderIds } },
          select: { orderId: true, emailOptIn: true, smsOptIn: true, phone: true, locale: true },
        })
      : [],
    // Order-level messages (no shipment) need the order's Shopify ID too.
    orderIds.length
      ? prisma.order.findMany({
          where: { shop, id: { in: orderIds } },
          select: { id: true, shopifyId: true, name: true, customerLocale: true },
        })
      : [],
  ]);
  return {
    byOrder: new Map(preferences.map((preference) => [preference.orderId, preference])),
    orders: new Map(orders.map((order) => [order.id, order])),
  };
}

type Senders = Awaited<ReturnType<typeof sendersFor>>;

async function sendersFor(shop: string) {
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

async function deliver({
  claim,
  shipment,
  timeZone,
  context,
  senders,
  preferences,
}: {
  claim: ClaimedNotification;
  shipment: LoadedShipment | undefined;
  timeZone: string;
  context: ShopContext;
  senders: Senders;
  preferences: Awaited<ReturnType<typeof loadPreferences>>;
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

export function messageIdFor(claim: { id: string; shop: string }): string {
  return `<${claim.id}.notification@${claim.shop}>`;
}

async function runWithConcurrency<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

function isString(value: string | null | undefined): value is string {
  return typeof value === "string";
}
