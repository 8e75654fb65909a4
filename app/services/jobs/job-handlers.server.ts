import { z } from "zod";
import prisma from "../../db.server";
import { pollBackfill } from "../../models/backfill.server";
import { refreshShipment } from "../../models/carrier-refresh.server";
import { isShipmentStatus } from "../../models/shipment-status";
import { writeBackMilestone } from "../../models/write-back.server";
import { reconcileShop } from "../../models/reconcile.server";
import { FLOW_TRIGGER_JOB_TYPE, runFlowTriggerJob } from "../../models/flow-triggers.server";
import { ESTIMATE_WINDOW_JOB_TYPE, runEstimateWindowJob } from "../../models/delivery-estimates.server";
import { STUCK_CHECK_INTERVAL_MS } from "../../models/stuck-shipments.server";
import { runDeliveryWatchJob } from "../../models/delivery-watch.server";
import { catchUpLookPublication, runPublishLookJob } from "../../models/storefront-look.server";
import { PUBLISH_LOOK_JOB_TYPE } from "../../models/storefront-look";
import { enqueueJob } from "../../models/jobs.server";
import {
  DATA_RETENTION_JOB_TYPE,
  dataRetentionJob,
  runDataRetentionJob,
} from "../../models/data-retention.server";
import {
  DELIVERY_STATS_JOB_TYPE,
  deliveryStatsJob,
  runDeliveryStatsJob,
} from "../../models/delivery-stats/refresh.server";
import { adminGraphqlForStoredShop } from "../shop-admin.server";

export type JobHandler = (input: {
  shop: string;
  payload: unknown;
  now: Date;
}) => Promise<{ runAgainAt?: Date } | void>;

const BULK_POLL_INTERVAL_MS = 2_000;
export const RECONCILE_INTERVAL_MS = 30 * 60_000;
// The hourly delivery watch (likely lost, late, stuck): the type keeps the name its jobs were first stored under.
export const STUCK_SHIPMENTS_JOB_TYPE = "shipments.detect_stuck";

export function stuckShipmentsJob(shop: string, now: Date) {
  return {
    shop,
    type: STUCK_SHIPMENTS_JOB_TYPE,
    uniqueKey: STUCK_SHIPMENTS_JOB_TYPE,
    runAt: new Date(now.getTime() + STUCK_CHECK_INTERVAL_MS),
  };
}

const backfillPayload = z.object({ runId: z.string() });
const shipmentPayload = z.object({ shipmentId: z.string() });
const writeBackPayload = z.object({ shipmentId: z.string(), dedupeKey: z.string() });

// Job types this worker runs. Types without a handler here (later capabilities) stay queued untouched.
export const JOB_HANDLERS: Record<string, JobHandler> = {
  "backfill.poll": async ({ shop, payload, now }) => {
    const { runId } = backfillPayload.parse(payload);
    const result = await pollBackfill({ shop, admin: await adminGraphqlForStoredShop(shop), runId });
    if (result === "waiting") return { runAgainAt: new Date(now.getTime() + BULK_POLL_INTERVAL_MS) };
  },
  "shipment.refresh": async ({ shop, payload, now }) => {
    const { shipmentId } = shipmentPayload.parse(payload);
    const result = await refreshShipment({ shop, shipmentId, now });
    return result.nextCheckAt ? { runAgainAt: result.nextCheckAt } : undefined;
  },
  "shipment.write_back": async ({ shop, payload }) => {
    const { shipmentId, dedupeKey } = writeBackPayload.parse(payload);
    const event = await prisma.trackingEvent.findUnique({
      where: { shipmentId_dedupeKey: { shipmentId, dedupeKey } },
    });
    if (!event || event.shop !== shop || !isShipmentStatus(event.status)) return;
    await writeBackMilestone({
      shop,
      admin: await adminGraphqlForStoredShop(shop),
      shipmentId,
      milestone: {
        status: event.status,
        occurredAt: event.occurredAt,
        description: event.rawText,
        city: event.city,
        region: event.region,
        country: event.country,
        postalCode: event.postalCode,
      },
    });
  },
  [FLOW_TRIGGER_JOB_TYPE]: runFlowTriggerJob,
  [ESTIMATE_WINDOW_JOB_TYPE]: runEstimateWindowJob,
  [STUCK_SHIPMENTS_JOB_TYPE]: runDeliveryWatchJob,
  [DELIVERY_STATS_JOB_TYPE]: runDeliveryStatsJob,
  [DATA_RETENTION_JOB_TYPE]: runDataRetentionJob,
  [PUBLISH_LOOK_JOB_TYPE]: runPublishLookJob,
  reconcile: async ({ shop, now }) => {
    await reconcileShop({ shop, admin: await adminGraphqlForStoredShop(shop), now });
    // Shopify answered: publish a tracking page look it lacks (a publication that gave up, or an older look).
    await catchUpLookPublication({ shop, now });
    // Shops installed before the stuck watcher, the analytics rollup or the retention purge existed get them
    // here; for the others this changes nothing.
    await prisma.$transaction(async (tx) => {
      await enqueueJob(tx, stuckShipmentsJob(shop, now));
      await enqueueJob(tx, deliveryStatsJob(shop, now));
      await enqueueJob(tx, dataRetentionJob(shop, now));
    });
    return { runAgainAt: new Date(now.getTime() + RECONCILE_INTERVAL_MS) };
  },
};
