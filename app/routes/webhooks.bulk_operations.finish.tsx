import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { enqueueJob } from "../models/jobs.server";
import { applyWebhookOnce } from "../models/webhook-deliveries.server";
import { authenticateWebhook, rejectWebhook } from "../services/webhook-request.server";

const finishPayload = z.object({ admin_graphql_api_id: z.string(), status: z.string() });

// Shopify says a bulk operation ended: look now instead of at the next poll.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, rawBody, delivery, malformed } = await authenticateWebhook(request);
  if (malformed) return rejectWebhook(delivery, malformed, rawBody);
  const parsed = finishPayload.safeParse(JSON.parse(rawBody));
  if (!parsed.success)
    return rejectWebhook(delivery, "bulk_operations/finish without an operation id", rawBody);
  await applyWebhookOnce(delivery, async (tx) => {
    const run = await tx.syncRun.findFirst({
      where: { shop, kind: "backfill", bulkOperationId: parsed.data.admin_graphql_api_id },
      select: { id: true },
    });
    if (run) {
      await enqueueJob(tx, {
        shop,
        type: "backfill.poll",
        uniqueKey: `backfill:${run.id}`,
        payload: { runId: run.id },
      });
    }
  });
  return new Response(null, { status: 200 });
}
