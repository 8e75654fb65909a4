import prisma, { rawSql } from "../../db.server";
import { decodeDate } from "../../../prisma/raw-sql";

// The outbox's queue mechanics: claiming due rows with a lease, giving back rows whose worker died, and the
// final word on each claimed row. Only the worker holding the claim may record its outcome.

export const NOTIFICATION_LEASE_MS = Number(process.env.NOTIFICATIONS_LEASE_MS ?? 2 * 60_000);
export const MAX_SEND_ATTEMPTS = 6;
const PER_SHOP_CLAIM = 50;
// Marks a row whose previous attempt may or may not have reached the provider.
export const INTERRUPTED = "interrupted: the worker stopped during the send";

export type ClaimedNotification = {
  id: string;
  shop: string;
  orderId: string | null;
  shipmentId: string | null;
  channel: string;
  milestone: string;
  substatus: string | null;
  eventAt: Date | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  claimedAt: Date;
};

// A worker that died mid-send leaves its rows "sending"; after the lease they are due again, flagged so the
// next attempt first checks whether the provider already took the message.
export async function releaseExpiredLeases(now: Date): Promise<number> {
  const rows = await rawSql.statement(
    `UPDATE "Notification" SET "status" = 'queued', "lastError" = ?, "leaseUntil" = NULL, "updatedAt" = ?
      WHERE "status" = 'sending' AND "leaseUntil" < ? RETURNING "id"`,
    [INTERRUPTED, now, now],
  );
  return rows.length;
}

export async function claimDueNotifications({
  now,
  limit,
  leaseMs = NOTIFICATION_LEASE_MS,
}: {
  now: Date;
  limit: number;
  leaseMs?: number;
}): Promise<ClaimedNotification[]> {
  // At most PER_SHOP_CLAIM of one shop per batch: a shop whose Admin API budget runs low (contacts are read
  // from Shopify at send time) then slows only its own messages. SKIP LOCKED lets several PostgreSQL workers
  // claim side by side; SQLite has one writer at a time anyway.
  const skipLocked = rawSql.dialect === "postgresql" ? " FOR UPDATE SKIP LOCKED" : "";
  const rows = await rawSql.statement(
    `UPDATE "Notification"
        SET "status" = 'sending', "leaseUntil" = ?, "claimedAt" = ?, "attempts" = "attempts" + 1, "updatedAt" = ?
      WHERE "id" IN (
        SELECT "id" FROM "Notification"
         WHERE "status" IN ('queued', 'failed') AND "sendAfter" <= ?
           AND "id" IN (
             SELECT "id" FROM (
               SELECT "id", ROW_NUMBER() OVER (PARTITION BY "shop" ORDER BY "sendAfter", "id") AS "place"
                 FROM "Notification" WHERE "status" IN ('queued', 'failed') AND "sendAfter" <= ?) "due"
              WHERE "place" <= ?)
         ORDER BY "sendAfter" LIMIT ?${skipLocked})
      RETURNING "id", "shop", "orderId", "shipmentId", "channel", "milestone", "substatus", "eventAt", "attempts",
                "lastError", "createdAt", "claimedAt"`,
    [new Date(now.getTime() + leaseMs), now, now, now, now, PER_SHOP_CLAIM, limit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    shop: String(row.shop),
    orderId: row.orderId === null ? null : String(row.orderId),
    shipmentId: row.shipmentId === null ? null : String(row.shipmentId),
    channel: String(row.channel),
    milestone: String(row.milestone),
    substatus: row.substatus === null ? null : String(row.substatus),
    eventAt: decodeDate(row.eventAt),
    attempts: Number(row.attempts),
    lastError: row.lastError === null ? null : String(row.lastError),
    createdAt: decodeDate(row.createdAt) ?? now,
    claimedAt: decodeDate(row.claimedAt) ?? now,
  }));
}

// One batch's claims share their claim time, which fences them: rows another worker claimed since are not renewed.
export async function renewLeases(claims: ClaimedNotification[], leaseMs = NOTIFICATION_LEASE_MS) {
  const [first] = claims;
  if (!first) return;
  await prisma.notification.updateMany({
    where: { id: { in: claims.map((claim) => claim.id) }, status: "sending", claimedAt: first.claimedAt },
    data: { leaseUntil: new Date(Date.now() + leaseMs) },
  });
}

export async function stillHeld(claim: ClaimedNotification): Promise<boolean> {
  const row = await prisma.notification.findFirst({
    where: { id: claim.id, shop: claim.shop, status: "sending", claimedAt: claim.claimedAt },
    select: { id: true },
  });
  return row !== null;
}

export type Outcome =
  | { kind: "sent"; providerMessageId: string; recipientHint: string; note?: string }
  | { kind: "suppressed"; reason: string }
  | { kind: "held"; until: Date; reason: string }
  | { kind: "failed"; error: string; retryable: boolean; retryAfterMs?: number | null };

export async function recordOutcome(claim: ClaimedNotification, outcome: Outcome, now: Date): Promise<void> {
  const mine = { id: claim.id, shop: claim.shop, status: "sending", claimedAt: claim.claimedAt };
  const released = { leaseUntil: null, updatedAt: now };
  switch (outcome.kind) {
    case "sent":
      await prisma.notification.updateMany({
        where: mine,
        data: {
          ...released,
          status: "sent",
          sentAt: now,
          providerMessageId: outcome.providerMessageId,
          recipientHint: outcome.recipientHint,
          lastError: outcome.note ?? null,
          suppressedReason: null,
        },
      });
      return;
    case "suppressed":
      await prisma.notification.updateMany({
        where: mine,
        data: { ...released, status: "suppressed", suppressedReason: outcome.reason },
      });
      return;
    case "held":
      // Waiting is not an attempt.
      await prisma.notification.updateMany({
        where: mine,
        data: {
          ...released,
          status: "queued",
          sendAfter: outcome.until,
          attempts: { decrement: 1 },
          suppressedReason: `held until ${outcome.until.toISOString()}: ${outcome.reason}`,
        },
      });
      return;
    case "failed": {
      const dead = !outcome.retryable || claim.attempts >= MAX_SEND_ATTEMPTS;
      await prisma.notification.updateMany({
        where: mine,
        data: {
          ...released,
          status: dead ? "dead" : "failed",
          lastError: outcome.error.slice(0, 1000),
          sendAfter: dead
            ? undefined
            : new Date(now.getTime() + retryDelayMs(claim.attempts, outcome.retryAfterMs)),
        },
      });
      return;
    }
  }
}

// 1, 2, 4, 8, 16 minutes… with jitter so a provider's recovery isn't met by every retry at once; a provider's
// own Retry-After wins when it asks for longer.
export function retryDelayMs(attempts: number, retryAfterMs?: number | null, random = Math.random): number {
  const exponential = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
  const jittered = exponential * (0.75 + random() * 0.5);
  return Math.max(jittered, retryAfterMs ?? 0);
}

// Put a dead (or failed) message back in the queue: the admin's "Retry" on the dead-letter list.
export async function retryNotification({
  shop,
  id,
  now = new Date(),
}: {
  shop: string;
  id: string;
  now?: Date;
}) {
  const { count } = await prisma.notification.updateMany({
    where: { id, shop, status: { in: ["dead", "failed"] } },
    data: { status: "queued", sendAfter: now, attempts: 0, updatedAt: now },
  });
  return count === 1;
}
