import prisma from "../db.server";
import { milestoneOutdated } from "../services/notifications/guardrails";
import { notificationKey } from "./notification-outbox.server";
import {
  channelsFor,
  isMilestone,
  parseNotificationRules,
  type Channel,
  type Milestone,
} from "./notification-rules";

// "Resend" on the support view: a new outbox row with its own idempotency key, never a retry of the automatic
// one, so the record of what went out stays true. The dispatcher judges it like any other message (quiet
// hours and the daily cap hold it, an opted-out shopper gets nothing), and a second click within the window
// finds the first resend instead of queueing another.

export const RESEND_WINDOW_MS = 10 * 60_000;
// Statuses of a message that is still on its way (or retrying): resending beside it could send twice.
const IN_FLIGHT = ["queued", "sending", "failed"];

export type ResendOption = { milestone: Milestone; channel: Channel; lastStatus: string | null };

export type ResendResult =
  | { kind: "queued"; notificationId: string }
  | { kind: "already_queued"; notificationId: string }
  | { kind: "not_allowed"; reason: string };

async function resendContext(shop: string, shipmentId: string) {
  return prisma.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: {
      id: true,
      orderId: true,
      status: true,
      shopRef: { select: { settings: { select: { notificationRules: true } } } },
      order: { select: { notificationPreferences: { where: { shop }, select: { smsOptIn: true } } } },
      notifications: {
        where: { shop },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { milestone: true, channel: true, status: true, substatus: true },
      },
    },
  });
}

type Context = NonNullable<Awaited<ReturnType<typeof resendContext>>>;

// What can be sent again: a milestone this shipment already had a message for, on each channel the merchant's
// rules still use (texts only with the shopper's consent), unless the parcel has moved past it or a message
// for it is still on its way.
function optionsFor(context: Context): ResendOption[] {
  const rules = parseNotificationRules(context.shopRef.settings?.notificationRules);
  const smsConsent = context.order.notificationPreferences.some((preference) => preference.smsOptIn);
  const milestones = [...new Set(context.notifications.map((row) => row.milestone))].filter(isMilestone);
  return milestones.flatMap((milestone) => {
    if (milestoneOutdated(milestone, context.status)) return [];
    return channelsFor(rules, milestone).flatMap((channel): ResendOption[] => {
      if (channel === "sms" && !smsConsent) return [];
      const rows = context.notifications.filter(
        (row) => row.milestone === milestone && row.channel === channel,
      );
      if (rows.some((row) => IN_FLIGHT.includes(row.status))) return [];
      return [{ milestone, channel, lastStatus: rows.at(-1)?.status ?? null }];
    });
  });
}

export async function listResendOptions({
  shop,
  shipmentId,
}: {
  shop: string;
  shipmentId: string;
}): Promise<ResendOption[]> {
  const context = await resendContext(shop, shipmentId);
  return context ? optionsFor(context) : [];
}

// Null when the shipment is not this shop's.
export async function resendNotification({
  shop,
  shipmentId,
  milestone,
  channel,
  now = new Date(),
}: {
  shop: string;
  shipmentId: string;
  milestone: string;
  channel: string;
  now?: Date;
}): Promise<ResendResult | null> {
  const context = await resendContext(shop, shipmentId);
  if (!context) return null;
  const resendPrefix = `${context.id}:resend:`;
  const recent = await prisma.notification.findFirst({
    where: {
      shop,
      shipmentId: context.id,
      milestone,
      channel,
      idempotencyKey: { startsWith: resendPrefix },
      createdAt: { gte: new Date(now.getTime() - RESEND_WINDOW_MS) },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (recent) return { kind: "already_queued", notificationId: recent.id };
  const allowed = optionsFor(context).some(
    (option) => option.milestone === milestone && option.channel === channel,
  );
  if (!allowed)
    return {
      kind: "not_allowed",
      reason:
        "The parcel has moved past it, its channel is off in Notifications, or a message for it is still on its way.",
    };
  const substatus =
    context.notifications.filter((row) => row.milestone === milestone).at(-1)?.substatus ?? null;
  // Two clicks at once land in the same window, so they share the key and the row.
  const window = Math.floor(now.getTime() / RESEND_WINDOW_MS);
  const row = await prisma.notification.upsert({
    where: {
      shop_idempotencyKey: {
        shop,
        idempotencyKey: notificationKey(context.id, `resend:${milestone}:${window}`, channel),
      },
    },
    create: {
      shop,
      orderId: context.orderId,
      shipmentId: context.id,
      channel,
      milestone,
      substatus,
      // Dated now: the age guard is for scans that reach Parcelwise late, not for news a person chose to send.
      eventAt: now,
      status: "queued",
      idempotencyKey: notificationKey(context.id, `resend:${milestone}:${window}`, channel),
      sendAfter: now,
      createdAt: now,
    },
    update: {},
    select: { id: true, createdAt: true },
  });
  return row.createdAt.getTime() === now.getTime()
    ? { kind: "queued", notificationId: row.id }
    : { kind: "already_queued", notificationId: row.id };
}

export function isResend(idempotencyKey: string): boolean {
  return idempotencyKey.includes(":resend:");
}
