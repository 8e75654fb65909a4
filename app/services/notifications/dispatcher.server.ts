import prisma from "../../db.server";
import { timeZoneFor } from "../../lib/shopper-time-zone";
import { parseNotificationRules } from "../../models/notification-rules";
import { parseBranding } from "../../models/notification-settings.server";
import { adminGraphqlForStoredShop } from "../shop-admin.server";
import type { AdminGraphql } from "../admin-graphql.server";
import { judgeNotification, type SiblingNotification } from "./guardrails";
import {
  claimDueNotifications,
  NOTIFICATION_LEASE_MS,
  recordOutcome,
  releaseExpiredLeases,
  renewLeases,
  stillHeld,
  type ClaimedNotification,
} from "./notification-claims.server";
import { fetchShopperContacts, fetchShopProfile } from "./shopper-contacts.server";
import { deliver, sendersFor, type ShopContext } from "./deliver.server";
import { SHIPMENT_FOR_MESSAGE_SELECT } from "./template-input.server";

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
