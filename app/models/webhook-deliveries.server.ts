import type { Prisma } from "@prisma/client";
import { isUniqueConstraintViolation } from "../../prisma/client";
import prisma from "../db.server";

type Delivery = { shop: string; webhookId: string; topic: string; triggeredAt?: Date | null };

type Transaction = Prisma.TransactionClient;

// Applies a webhook at most once: the delivery is recorded in the same transaction as its effect, so a retry
// or a duplicate (same X-Shopify-Webhook-Id) finds the record and changes nothing.
export async function applyWebhookOnce(
  delivery: Delivery,
  apply: (tx: Transaction) => Promise<void>,
): Promise<"processed" | "duplicate"> {
  try {
    await prisma.$transaction(async (tx) => {
      await tx.webhookDelivery.create({
        data: {
          shop: delivery.shop,
          webhookId: delivery.webhookId,
          topic: delivery.topic,
          triggeredAt: delivery.triggeredAt ?? null,
          status: "processed",
        },
      });
      await apply(tx);
    });
    return "processed";
  } catch (error) {
    if (isUniqueConstraintViolation(error)) return "duplicate";
    throw error;
  }
}
