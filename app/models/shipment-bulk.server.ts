import prisma from "../db.server";
import { enqueueJob } from "./jobs.server";
import { refreshJob } from "./refresh-job";
import { FINAL_STATUSES } from "./shipment-status";

// Bulk actions on the rows a merchant selected on the Shipments page. Ids come from the browser: each action
// reads and writes only the authenticated shop's shipments, so an id of another shop's shipment is ignored
// like one that does not exist.

// A page's worth of rows, with room to spare; more is a request the page never sends.
export const MAX_BULK_SHIPMENTS = 250;

export type RecheckResult = { queued: number; skipped: number };

/**
 * Asks the carrier about each selected shipment now: its `shipment.refresh` job (one per shipment, the same
 * key as the poller's) is moved to run now, or queued again if it had finished. Shipments without a tracking
 * number, and delivered or returned ones (polling has stopped: the carrier has nothing more to say), are
 * skipped. Repeating it queues nothing more.
 */
export async function recheckShipments({
  shop,
  shipmentIds,
  now = new Date(),
}: {
  shop: string;
  shipmentIds: string[];
  now?: Date;
}): Promise<RecheckResult> {
  const ids = uniqueIds(shipmentIds);
  const trackable = await prisma.shipment.findMany({
    where: { shop, id: { in: ids }, trackingNumber: { not: null }, status: { notIn: [...FINAL_STATUSES] } },
    select: { id: true },
  });
  await prisma.$transaction(async (tx) => {
    for (const shipment of trackable) await enqueueJob(tx, { ...refreshJob(shop, shipment.id), runAt: now });
  });
  return { queued: trackable.length, skipped: ids.length - trackable.length };
}

/**
 * The merchant has dealt with the selected shipments' open problems. The episode keeps its kind, reason and
 * owner (what the analytics attribute) and gets attentionResolvedAt, which is what every list of open problems
 * reads (Needs attention, the dashboard, this page). The watchers flag only parcels without a kind, or raise
 * one to a higher kind (shipment-attention.ts), so the hourly watch does not raise the same episode again; it
 * clears it as usual once the parcel moves or arrives, and a new finding (a higher kind, a new carrier
 * problem, a new silence after a scan) opens a new one.
 */
export async function resolveShipmentAttention({
  shop,
  shipmentIds,
  now = new Date(),
}: {
  shop: string;
  shipmentIds: string[];
  now?: Date;
}): Promise<{ resolved: number }> {
  const { count } = await prisma.shipment.updateMany({
    where: { shop, id: { in: uniqueIds(shipmentIds) }, attention: { not: null }, attentionResolvedAt: null },
    data: { attentionResolvedAt: now },
  });
  return { resolved: count };
}

function uniqueIds(ids: string[]): string[] {
  return [...new Set(ids.filter((id) => typeof id === "string" && id.length > 0 && id.length <= 64))].slice(
    0,
    MAX_BULK_SHIPMENTS,
  );
}
