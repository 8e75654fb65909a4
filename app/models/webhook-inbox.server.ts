import { decodeDate, newRowId, type SqlExecutor } from "../../prisma/raw-sql";
import prisma, { rawSql } from "../db.server";
import { groupCommit } from "../lib/group-commit";
import { INBOX_TOPICS } from "../services/sync-topics.server";

type QueuedDelivery = {
  shop: string;
  webhookId: string;
  topic: string;
  triggeredAt: Date | null;
  rawBody: string;
};

const CLAIM_LEASE_MS = 5 * 60_000;

// Stores verified deliveries for the worker. Concurrent deliveries are written together in one statement
// (group commit): on SQLite one write lock per batch instead of one per delivery, on PostgreSQL one round trip.
// A delivery already stored (Shopify retried it, or sent it twice) is answered "duplicate" and kept once.
export const queueWebhook: (delivery: QueuedDelivery) => Promise<"queued" | "duplicate"> = groupCommit(
  (deliveries: QueuedDelivery[]) => storeDeliveries(deliveries),
);

async function storeDeliveries(deliveries: QueuedDelivery[]): Promise<Array<"queued" | "duplicate">> {
  const now = Date.now();
  const rows = deliveries.map((delivery) => [
    newRowId(now),
    delivery.shop,
    delivery.webhookId,
    delivery.topic,
    delivery.triggeredAt,
    "queued",
    delivery.rawBody,
    new Date(now),
  ]);
  const stored = await rawSql.statement<{ shop: string; webhookId: string }>(
    `INSERT INTO "WebhookDelivery" ("id", "shop", "webhookId", "topic", "triggeredAt", "status", "payload", "receivedAt")
     VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}
     ON CONFLICT ("shop", "webhookId") DO NOTHING RETURNING "shop", "webhookId"`,
    rows.flat(),
  );
  const inserted = new Set(stored.map((row) => `${row.shop}\n${row.webhookId}`));
  return deliveries.map((delivery) => {
    const key = `${delivery.shop}\n${delivery.webhookId}`;
    // The same delivery twice in one batch: the statement stored the first.
    return inserted.delete(key) ? "queued" : "duplicate";
  });
}

// Applies stored webhooks, oldest first. Claiming is one conditional update, so two workers never apply the
// same delivery; each delivery's effect, its new status and the removal of its body commit together, so a crash
// leaves it queued (or claimed, until the lease ends) and it is applied exactly once. The common deliveries (an
// event or a new version of a fulfillment already stored) go through the driver in runs of up to
// SEGMENT_SIZE per transaction; any other goes through the ORM alone, in its place in the order. Returns how
// many it applied.
export async function applyQueuedWebhooks({
  limit = 200,
  now = new Date(),
}: { limit?: number; now?: Date } = {}) {
  await prisma.webhookDelivery.updateMany({
    where: { status: "applying", claimedAt: { lt: new Date(now.getTime() - CLAIM_LEASE_MS) } },
    data: { status: "queued", claimedAt: null },
  });
  // Parsed before any transaction: on SQLite the write lock is then held only for the database work.
  const claimed = (await claimQueued(limit, now)).map((delivery) => ({
    ...delivery,
    parsed: parseForDriver(delivery),
  }));
  if (rawSql.dialect === "sqlite") return applyInOrder(claimed);
  // PostgreSQL: each statement is a round trip, so the driver deliveries between two ORM ones are applied in
  // parallel lanes, one fulfillment always in the same lane (its deliveries stay in order, and two lanes
  // never wait on each other's row locks). An ORM delivery (a privacy request, say) still sees every earlier
  // one applied.
  let applied = 0;
  let next = 0;
  while (next < claimed.length) {
    let end = next;
    while (end < claimed.length && partitionKey(claimed[end] as ParsedDelivery) !== null) end += 1;
    if (end === next) end = next + 1;
    const lanes = new Map<number, ParsedDelivery[]>();
    for (const delivery of claimed.slice(next, end)) {
      const lane = laneOf(partitionKey(delivery) ?? "", POSTGRES_LANES);
      lanes.set(lane, [...(lanes.get(lane) ?? []), delivery]);
    }
    const counts = await Promise.all([...lanes.values()].map((deliveries) => applyInOrder(deliveries)));
    applied += counts.reduce((sum, count) => sum + count, 0);
    next = end;
  }
  return applied;
}

const POSTGRES_LANES = 4;

function partitionKey(delivery: ParsedDelivery): string | null {
  const definition = INBOX_TOPICS[delivery.topic];
  return delivery.parsed && definition?.partitionKey
    ? definition.partitionKey(delivery.parsed.payload)
    : null;
}

function laneOf(key: string, lanes: number): number {
  let hash = 0;
  for (let index = 0; index < key.length; index += 1) hash = (hash * 31 + key.charCodeAt(index)) | 0;
  return Math.abs(hash) % lanes;
}

// Applies deliveries in their order: runs through the driver, any other through the ORM in its place.
async function applyInOrder(claimed: ParsedDelivery[]): Promise<number> {
  let applied = 0;
  let next = 0;
  while (next < claimed.length) {
    const start = next;
    const run = await withDeadlockRetry(() =>
      rawSql.transaction((sql) => applyRunThroughDriver(sql, claimed, start)),
    );
    applied += run;
    next += run;
    if (next < claimed.length && run < SEGMENT_SIZE) {
      if (await applyClaimed((claimed[next] as ParsedDelivery).id)) applied += 1;
      next += 1;
    }
  }
  return applied;
}

// Two worker processes can lock the same fulfillments in different orders; PostgreSQL then aborts one
// transaction, which simply runs again.
async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= attempts || (code !== "40P01" && code !== "40001")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}

// On SQLite a run holds the database's one write lock: long enough to amortize it, short enough that the web
// process's intake never waits long.
const SEGMENT_SIZE = 16;

type ClaimedDelivery = { id: string; shop: string; topic: string; webhookId: string; payload: string | null };
type ParsedDelivery = ClaimedDelivery & { parsed: { payload: unknown } | null };

// The payload, when the delivery's topic has a driver path and it parses; otherwise null (the ORM path
// applies it, or records why it cannot).
function parseForDriver(delivery: ClaimedDelivery): { payload: unknown } | null {
  const definition = INBOX_TOPICS[delivery.topic];
  if (!definition?.applySql || delivery.payload === null) return null;
  try {
    return { payload: definition.parse(delivery.payload) };
  } catch {
    return null;
  }
}

async function claimQueued(limit: number, now: Date): Promise<ClaimedDelivery[]> {
  const rows = await rawSql.statement<ClaimedDelivery & { receivedAt: unknown }>(
    `UPDATE "WebhookDelivery" SET "status" = 'applying', "claimedAt" = ?
      WHERE "status" = 'queued' AND "id" IN (
        SELECT "id" FROM "WebhookDelivery" WHERE "status" = 'queued' ORDER BY "receivedAt", "id" LIMIT ?)
      RETURNING "id", "shop", "topic", "webhookId", "payload", "receivedAt"`,
    [now, limit],
  );
  const arrival = (row: { receivedAt: unknown }) => decodeDate(row.receivedAt)?.getTime() ?? 0;
  return rows.sort((a, b) => arrival(a) - arrival(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// Applies claimed deliveries from `start` through the driver until one needs the ORM path (or SEGMENT_SIZE are
// done); returns how many it applied, all in the caller's transaction.
async function applyRunThroughDriver(sql: SqlExecutor, claimed: ParsedDelivery[], start: number) {
  let count = 0;
  for (let index = start; index < claimed.length && count < SEGMENT_SIZE; index += 1) {
    const delivery = claimed[index] as ParsedDelivery;
    const applySql = INBOX_TOPICS[delivery.topic]?.applySql;
    if (!delivery.parsed || !applySql) break;
    const outcome = await applySql(sql, { shop: delivery.shop, payload: delivery.parsed.payload });
    if (outcome === null) break;
    await sql.run(
      `UPDATE "WebhookDelivery" SET "status" = ?, "payload" = NULL, "claimedAt" = NULL WHERE "id" = ?`,
      [outcome === "stale" ? "stale" : "processed", delivery.id],
    );
    count += 1;
  }
  return count;
}

async function applyClaimed(id: string): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      const delivery = await tx.webhookDelivery.findUnique({
        where: { id },
        select: { shop: true, topic: true, payload: true, webhookId: true },
      });
      const definition = delivery ? INBOX_TOPICS[delivery.topic] : undefined;
      if (!delivery || !definition || delivery.payload === null) {
        await tx.webhookDelivery.update({
          where: { id },
          data: { status: "rejected", error: "no payload or unknown topic", payload: null },
          select: { id: true },
        });
        return false;
      }
      if (definition.createsShop) {
        const exists = await tx.shop.findUnique({
          where: { domain: delivery.shop },
          select: { domain: true },
        });
        if (!exists) {
          await tx.shop.create({
            data: { domain: delivery.shop, name: delivery.shop },
            select: { domain: true },
          });
        }
      }
      const payload = definition.parse(delivery.payload);
      const outcome = await definition.apply(tx, {
        shop: delivery.shop,
        payload,
        webhookId: delivery.webhookId,
      });
      // updateMany: shop/redact deletes the shop's delivery records, this one included.
      await tx.webhookDelivery.updateMany({
        where: { id },
        data: { status: outcome === "stale" ? "stale" : "processed", payload: null, claimedAt: null },
      });
      return true;
    },
    { timeout: 30_000 },
  );
}
