import type { Prisma } from "@prisma/client";
import type { z } from "zod";
import { parseJsonLossless } from "../lib/lossless-json";
import { applyWebhookOnce } from "../models/webhook-deliveries.server";
import { authenticateWebhook, rejectWebhook } from "./webhook-request.server";

type Transaction = Prisma.TransactionClient;

// The whole life of a sync webhook: verify the HMAC (401 from Shopify's library), read the body without
// losing big IDs, validate it, then apply it once in one transaction. A payload that does not validate is
// recorded and answered 400 with nothing else written.
export async function handleSyncWebhook<Schema extends z.ZodTypeAny>(
  request: Request,
  schema: Schema,
  apply: (
    tx: Transaction,
    input: { shop: string; payload: z.output<Schema> },
  ) => Promise<"applied" | "stale">,
): Promise<Response> {
  const { shop, rawBody, delivery, malformed } = await authenticateWebhook(request);
  if (malformed) return rejectWebhook(delivery, malformed, rawBody);
  let payload: z.output<Schema>;
  try {
    payload = schema.parse(parseJsonLossless(rawBody));
  } catch (error) {
    return rejectWebhook(delivery, describeInvalidPayload(error), rawBody);
  }
  const outcome = await applyWebhookOnce(delivery, async (tx) => {
    await tx.shop.upsert({ where: { domain: shop }, create: { domain: shop, name: shop }, update: {} });
    return apply(tx, { shop, payload });
  });
  return Response.json({ outcome }, { status: 200 });
}

function describeInvalidPayload(error: unknown): string {
  if (error instanceof SyntaxError) return `malformed JSON: ${error.message}`;
  if (error && typeof error === "object" && "issues" in error && Array.isArray(error.issues)) {
    return error.issues
      .slice(0, 5)
      .map(
        (issue: { path?: unknown[]; message?: string }) =>
          `${(issue.path ?? []).join(".") || "(body)"}: ${issue.message}`,
      )
      .join("; ");
  }
  return "unreadable payload";
}
