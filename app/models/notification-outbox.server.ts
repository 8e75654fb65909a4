import type { Prisma } from "@prisma/client";
import { decodeBoolean, insertRow, newRowId, type SqlExecutor } from "../../prisma/raw-sql";
import { flowTriggerJobRequest } from "./flow-triggers.server";
import { enqueueJob, enqueueJobSql, type JobRequest } from "./jobs.server";
import { lateTrigger, stuckTrigger, type LateCause, type MilestoneTrigger } from "./notification-milestones";
import { channelsFor, parseNotificationRules, type NotificationRules } from "./notification-rules";

type Transaction = Prisma.TransactionClient;

// The outbox: notifications (and Flow triggers) are written in the transaction that changes the shipment, so
// a message is queued if and only if the change commits. The dispatcher (app/services/notifications) sends them.

export type OutboxRow = {
  shop: string;
  orderId: string;
  shipmentId: string | null;
  channel: string;
  milestone: string;
  substatus: string | null;
  eventAt: Date;
  status: "queued" | "suppressed";
  suppressedReason: string | null;
  idempotencyKey: string;
  sendAfter: Date;
};

type OutboxContext = {
  shop: string;
  orderId: string;
  shipmentId: string;
  rules: NotificationRules;
  smsConsent: boolean;
  now: Date;
};

export function notificationKey(shipmentId: string, triggerKey: string, channel: string): string {
  return `${shipmentId}:${triggerKey}:${channel}`;
}

// What to write for these triggers: one row per enabled channel; SMS only for a shopper who agreed to texts.
// Old news is recorded as suppressed rather than silently skipped, so support can see why nothing went out.
export function planOutbox(context: OutboxContext, triggers: MilestoneTrigger[]) {
  const { shop, orderId, shipmentId, rules, now } = context;
  const rows: OutboxRow[] = [];
  const jobs: JobRequest[] = [];
  const tooOld = now.getTime() - rules.maxEventAgeHours * 60 * 60_000;
  for (const trigger of triggers) {
    const stale = trigger.eventAt.getTime() < tooOld;
    if (trigger.flow && !stale)
      jobs.push(
        flowTriggerJobRequest({
          shop,
          shipmentId,
          trigger: trigger.flow,
          reason: trigger.substatus ?? undefined,
        }),
      );
    for (const channel of channelsFor(rules, trigger.milestone)) {
      if (channel === "sms" && !context.smsConsent) continue;
      rows.push({
        shop,
        orderId,
        shipmentId,
        channel,
        milestone: trigger.milestone,
        substatus: trigger.substatus,
        eventAt: trigger.eventAt,
        status: stale ? "suppressed" : "queued",
        suppressedReason: stale
          ? `event older than ${rules.maxEventAgeHours} h when it reached Parcelwise`
          : null,
        idempotencyKey: notificationKey(shipmentId, trigger.key, channel),
        // The burst window: scans that follow within it supersede this message instead of adding one.
        sendAfter: new Date(now.getTime() + rules.burstWindowMinutes * 60_000),
      });
    }
  }
  return { rows, jobs };
}

export async function queueShipmentMilestones(
  tx: Transaction,
  {
    shop,
    shipmentId,
    triggers,
    now,
  }: { shop: string; shipmentId: string; triggers: MilestoneTrigger[]; now: Date },
): Promise<void> {
  if (triggers.length === 0) return;
  const shipment = await tx.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: {
      orderId: true,
      shopRef: { select: { settings: { select: { notificationRules: true } } } },
      order: { select: { notificationPreferences: { where: { shop }, select: { smsOptIn: true } } } },
    },
  });
  if (!shipment) return;
  const { rows, jobs } = planOutbox(
    {
      shop,
      orderId: shipment.orderId,
      shipmentId,
      rules: parseNotificationRules(shipment.shopRef.settings?.notificationRules),
      smsConsent: shipment.order.notificationPreferences.some((preference) => preference.smsOptIn),
      now,
    },
    triggers,
  );
  for (const row of rows) {
    await tx.notification.upsert({
      where: { shop_idempotencyKey: { shop, idempotencyKey: row.idempotencyKey } },
      create: row,
      update: {},
      select: { id: true },
    });
  }
  for (const job of jobs) await enqueueJob(tx, job);
}

// The same through the driver (prisma/raw-sql.ts), for the webhook apply path.
export async function queueShipmentMilestonesSql(
  sql: SqlExecutor,
  {
    shop,
    shipmentId,
    orderId,
    triggers,
    now,
  }: { shop: string; shipmentId: string; orderId: string; triggers: MilestoneTrigger[]; now: Date },
): Promise<void> {
  if (triggers.length === 0) return;
  const [context] = await sql.all<{ notificationRules: string | null; smsOptIn: unknown }>(
    `SELECT st."notificationRules", p."smsOptIn"
       FROM "Shop" s
       LEFT JOIN "ShopSettings" st ON st."shop" = s."domain"
       LEFT JOIN "NotificationPreference" p ON p."shop" = s."domain" AND p."orderId" = ?
      WHERE s."domain" = ?`,
    [orderId, shop],
  );
  const { rows, jobs } = planOutbox(
    {
      shop,
      orderId,
      shipmentId,
      rules: parseNotificationRules(context?.notificationRules),
      smsConsent: context ? decodeBoolean(context.smsOptIn) : false,
      now,
    },
    triggers,
  );
  for (const row of rows) {
    await insertRow(
      sql,
      "Notification",
      { id: newRowId(), ...row, attempts: 0, createdAt: now, updatedAt: now },
      { onConflictDoNothing: ["shop", "idempotencyKey"] },
    );
  }
  for (const job of jobs) await enqueueJobSql(sql, job);
}

// "Order confirmed" (off by default: Shopify sends its own), when an order webhook creates the order.
export async function queueOrderConfirmed(
  tx: Transaction,
  { shop, orderId, orderedAt, now }: { shop: string; orderId: string; orderedAt: Date; now: Date },
): Promise<void> {
  const settings = await tx.shopSettings.findUnique({ where: { shop }, select: { notificationRules: true } });
  const rules = parseNotificationRules(settings?.notificationRules);
  const stale = orderedAt.getTime() < now.getTime() - rules.maxEventAgeHours * 60 * 60_000;
  for (const channel of channelsFor(rules, "order_confirmed")) {
    // A text needs consent, which the shopper can only give after the order exists.
    if (channel !== "email") continue;
    const idempotencyKey = `order:${orderId}:order_confirmed:${channel}`;
    await tx.notification.upsert({
      where: { shop_idempotencyKey: { shop, idempotencyKey } },
      create: {
        shop,
        orderId,
        channel,
        milestone: "order_confirmed",
        eventAt: orderedAt,
        status: stale ? "suppressed" : "queued",
        suppressedReason: stale
          ? `event older than ${rules.maxEventAgeHours} h when it reached Parcelwise`
          : null,
        idempotencyKey,
        sendAfter: now,
      },
      update: {},
      select: { id: true },
    });
  }
}

// Called by the stuck watcher (app/models/stuck-shipments.server.ts) in the transaction that flags the parcel.
// The news is dated when the silence became abnormal: a parcel silent for months (found on the watcher's first
// run) is recorded, not announced.
export async function queueStuckShipmentAlerts(
  tx: Transaction,
  {
    shop,
    shipmentId,
    becameStuckAt,
    now,
  }: { shop: string; shipmentId: string; becameStuckAt: Date; now: Date },
): Promise<void> {
  await queueShipmentMilestones(tx, { shop, shipmentId, triggers: [stuckTrigger(becameStuckAt)], now });
}

// Called by the late watcher and the window estimator in the transaction that flags the parcel late. Dated when
// the parcel became late (its window's end, or the revision), so the first run on an old shop records rather
// than announces.
export async function queueLateShipmentAlerts(
  tx: Transaction,
  {
    shop,
    shipmentId,
    cause,
    neverScanned,
    becameLateAt,
    now,
  }: {
    shop: string;
    shipmentId: string;
    cause: LateCause;
    neverScanned: boolean;
    becameLateAt: Date;
    now: Date;
  },
): Promise<void> {
  const trigger = lateTrigger({ cause, neverScanned, becameLateAt });
  await queueShipmentMilestones(tx, { shop, shipmentId, triggers: [trigger], now });
}

// A parcel the watcher finds likely lost is the merchant's call (a claim, a reship): Flow hears of it, the
// shopper does not. They were told it is delayed when it went silent, and "lost" is a guess until the carrier
// or the merchant confirms it.
export async function queueLikelyLostAlert(
  tx: Transaction,
  { shop, shipmentId, daysSilent }: { shop: string; shipmentId: string; daysSilent: number },
): Promise<void> {
  await enqueueJob(
    tx,
    flowTriggerJobRequest({
      shop,
      shipmentId,
      trigger: "exception",
      reason: `Likely lost: no carrier scan for ${daysSilent} days`,
    }),
  );
}
