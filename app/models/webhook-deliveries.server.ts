import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { isUniqueConstraintViolation } from "../../prisma/client";
import prisma from "../db.server";

type Delivery = { shop: string; webhookId: string; topic: string; triggeredAt?: Date | null };

type Transaction = Prisma.TransactionClient;

export type DeliveryOutcome = "processed" | "stale" | "duplicate";

// Applies a webhook at most once: the delivery is recorded in the same transaction as its effect, so a retry
// or a duplicate (same X-Shopify-Webhook-Id) finds the record and changes nothing. `apply` says whether the
// payload was older than what is stored ("stale"), which is recorded for the audit trail.
export async function applyWebhookOnce(
  delivery: Delivery,
  apply: (tx: Transaction) => Promise<"applied" | "stale" | void>,
): Promise<DeliveryOutcome> {
  try {
    return await prisma.$transaction(async (tx) => {
      const record = await tx.webhookDelivery.create({
        data: {
          shop: delivery.shop,
          webhookId: delivery.webhookId,
          topic: delivery.topic,
          triggeredAt: delivery.triggeredAt ?? null,
          status: "processed",
        },
        select: { id: true },
      });
      const outcome = await apply(tx);
      if (outcome === "stale") {
        await tx.webhookDelivery.update({ where: { id: record.id }, data: { status: "stale" } });
        return "stale";
      }
      return "processed";
    });
  } catch (error) {
    if (isUniqueConstraintViolation(error)) return "duplicate";
    throw error;
  }
}

// A payload that cannot be read is kept as evidence (its digest and why, never its content) and nothing else
// is written.
export async function recordRejectedDelivery(
  delivery: Delivery,
  reason: string,
  rawBody: string,
): Promise<void> {
  try {
    await prisma.webhookDelivery.create({
      data: {
        shop: delivery.shop,
        webhookId: delivery.webhookId,
        topic: delivery.topic,
        triggeredAt: delivery.triggeredAt ?? null,
        status: "rejected",
        error: reason.slice(0, 1000),
        payloadSha256: createHash("sha256").update(rawBody).digest("hex"),
      },
    });
  } catch (error) {
    if (!isUniqueConstraintViolation(error)) throw error;
  }
}
