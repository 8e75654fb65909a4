import { isUniqueConstraintViolation } from "../../prisma/client";
import prisma from "../db.server";
import { INBOX_TOPICS } from "../services/sync-topics.server";

type QueuedDelivery = {
  shop: string;
  webhookId: string;
  topic: string;
  triggeredAt: Date | null;
  rawBody: string;
};

const CLAIM_LEASE_MS = 5 * 60_000;

export async function queueWebhook(delivery: QueuedDelivery): Promise<"queued" | "duplicate"> {
  try {
    await prisma.webhookDelivery.create({
      data: {
        shop: delivery.shop,
        webhookId: delivery.webhookId,
        topic: delivery.topic,
        triggeredAt: delivery.triggeredAt,
        status: "queued",
        payload: delivery.rawBody,
      },
      select: { id: true },
    });
    return "queued";
  } catch (error) {
    if (isUniqueConstraintViolation(error)) return "duplicate";
    throw error;
  }
}

// Applies stored webhooks, oldest first. Claiming is a conditional update, so two workers never apply the same
// delivery; the effect, the delivery's new status and the removal of its body commit together, so a crash
// leaves it queued (or claimed, until the lease ends) and it is applied exactly once. Returns how many it applied.
export async function applyQueuedWebhooks({
  limit = 200,
  now = new Date(),
}: { limit?: number; now?: Date } = {}) {
  await prisma.webhookDelivery.updateMany({
    where: { status: "applying", claimedAt: { lt: new Date(now.getTime() - CLAIM_LEASE_MS) } },
    data: { status: "queued", claimedAt: null },
  });
  const due = await prisma.webhookDelivery.findMany({
    where: { status: "queued" },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  let applied = 0;
  for (const { id } of due) {
    const { count } = await prisma.webhookDelivery.updateMany({
      where: { id, status: "queued" },
      data: { status: "applying", claimedAt: now },
    });
    if (count === 1 && (await applyClaimed(id))) applied += 1;
  }
  return applied;
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
