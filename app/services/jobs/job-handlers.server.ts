import { z } from "zod";
import { pollBackfill } from "../../models/backfill.server";
import { reconcileShop } from "../../models/reconcile.server";
import { adminGraphqlForStoredShop } from "../shop-admin.server";

export type JobHandler = (input: {
  shop: string;
  payload: unknown;
  now: Date;
}) => Promise<{ runAgainAt?: Date } | void>;

const BULK_POLL_INTERVAL_MS = 2_000;
export const RECONCILE_INTERVAL_MS = 30 * 60_000;

const backfillPayload = z.object({ runId: z.string() });

// Job types this worker runs. Types without a handler here (later capabilities) stay queued untouched.
export const JOB_HANDLERS: Record<string, JobHandler> = {
  "backfill.poll": async ({ shop, payload, now }) => {
    const { runId } = backfillPayload.parse(payload);
    const result = await pollBackfill({ shop, admin: await adminGraphqlForStoredShop(shop), runId });
    if (result === "waiting") return { runAgainAt: new Date(now.getTime() + BULK_POLL_INTERVAL_MS) };
  },
  reconcile: async ({ shop, now }) => {
    await reconcileShop({ shop, admin: await adminGraphqlForStoredShop(shop), now });
    return { runAgainAt: new Date(now.getTime() + RECONCILE_INTERVAL_MS) };
  },
};
