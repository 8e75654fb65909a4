import { z } from "zod";
import prisma from "../db.server";
import { timeZoneFor } from "../lib/shopper-time-zone";
import { zoneOffsetMs } from "../lib/wall-clock";
import type { JobHandler } from "../services/jobs/job-handlers.server";
import { shopDeliveryHistory } from "./delivery-history.server";
import { calendarDayOf, dayNumberAt, dayNumberOf, type CalendarDay } from "./delivery-windows/calendar-day";
import { predictWindow, type DeliveryWindow } from "./delivery-windows/predict-window";
import type { JobRequest } from "./jobs.server";
import { flagRevisionPastPromise } from "./late-shipments.server";
import { FINAL_STATUSES, isShipmentStatus } from "./shipment-status";

export const ESTIMATE_WINDOW_JOB_TYPE = "shipment.estimate_window";

const DAY_MS = 86_400_000;

export type EstimatedWindow = { earliestAt: Date; likelyAt: Date; latestAt: Date };

export type ShipmentWindowEstimate = {
  /** False when the prediction is the window the shipment already has: nothing was written. */
  changed: boolean;
  window: EstimatedWindow;
  basis: DeliveryWindow["basis"];
};

/**
 * Predicts the delivery window of one in-flight shipment from the shop's own history and stores it as the
 * shipment's current window, with a DeliveryEstimate row per revision. Null when there is nothing to predict:
 * the shipment is unknown, final or not shipped yet, or the shop has neither history nor a carrier estimate.
 */
export async function estimateShipmentWindow({
  shop,
  shipmentId,
  now,
}: {
  shop: string;
  shipmentId: string;
  now: Date;
}): Promise<ShipmentWindowEstimate | null> {
  const shipment = await prisma.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: {
      id: true,
      status: true,
      substatus: true,
      lastEventAt: true,
      carrier: true,
      service: true,
      shippedAt: true,
      carrierEstimatedAt: true,
      windowStart: true,
      windowEnd: true,
      order: {
        select: {
          orderedAt: true,
          destinationCountry: true,
          destinationProvince: true,
          destinationPostalPrefix: true,
        },
      },
    },
  });
  if (!shipment?.shippedAt) return null;
  if (isShipmentStatus(shipment.status) && FINAL_STATUSES.has(shipment.status)) return null;

  const [history, settings] = await Promise.all([
    shopDeliveryHistory({ shop, now }),
    prisma.shopSettings.findUnique({ where: { shop }, select: { deliveryWindowCoverage: true } }),
  ]);
  const { order } = shipment;
  const predicted = predictWindow({
    history,
    shipment: {
      orderedAt: order.orderedAt,
      shippedAt: shipment.shippedAt,
      carrierEstimate: shipment.carrierEstimatedAt ?? undefined,
      carrier: shipment.carrier ?? undefined,
      service: shipment.service ?? undefined,
      country: order.destinationCountry ?? undefined,
      region: order.destinationProvince ?? undefined,
      postalPrefix: order.destinationPostalPrefix ?? undefined,
    },
    // The predictor drops past deliveries the parcel has already outlived at `now`, which is how a
    // re-estimate after a later scan (or none) follows the parcel.
    now,
    coverage: usableCoverage(settings?.deliveryWindowCoverage),
  });
  if (!predicted) return null;

  // The delivery day is the shopper's: its bounds are midnights where the parcel is going.
  const destinationZone = timeZoneFor({
    country: order.destinationCountry,
    province: order.destinationProvince,
    fallback: history.timeZone,
  });
  const window: EstimatedWindow = {
    earliestAt: startOfDay(predicted.earliest, destinationZone),
    likelyAt: startOfDay(predicted.likely, destinationZone),
    latestAt: endOfDay(predicted.latest, destinationZone),
  };
  const unchanged =
    sameInstant(shipment.windowStart, window.earliestAt) && sameInstant(shipment.windowEnd, window.latestAt);
  if (unchanged) return { changed: false, window, basis: predicted.basis };

  const changed = await prisma.$transaction(async (tx) => {
    // Only over the window this estimate was made against: when a concurrent estimate got there first, its
    // revision stands and this one (made from the same facts) is not written twice.
    const claimed = await tx.shipment.updateMany({
      where: { id: shipment.id, shop, windowStart: shipment.windowStart, windowEnd: shipment.windowEnd },
      data: { windowStart: window.earliestAt, windowEnd: window.latestAt },
    });
    if (claimed.count === 0) return false;
    const earlierEstimate = await tx.deliveryEstimate.findFirst({
      where: { shop, shipmentId: shipment.id },
      select: { id: true },
    });
    await tx.deliveryEstimate.create({
      data: {
        shop,
        shipmentId: shipment.id,
        earliestAt: window.earliestAt,
        latestAt: window.latestAt,
        likelyAt: window.likelyAt,
        basis: predicted.basis,
        isOriginal: !earlierEstimate,
        createdAt: now,
      },
      select: { id: true },
    });
    if (earlierEstimate) {
      await flagRevisionPastPromise(tx, { shop, shipment, windowEnd: window.latestAt, now });
    }
    return true;
  });
  return { changed, window, basis: predicted.basis };
}

/** The first window the shipment was given: the promise "on time" is judged against. */
export async function originalPromise({ shop, shipmentId }: { shop: string; shipmentId: string }) {
  return prisma.deliveryEstimate.findFirst({
    where: { shop, shipmentId, isOriginal: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { earliestAt: true, likelyAt: true, latestAt: true, basis: true, createdAt: true },
  });
}

const estimateWindowPayload = z.object({ shipmentId: z.string().min(1) });

export const runEstimateWindowJob: JobHandler = async ({ shop, payload, now }) => {
  const { shipmentId } = estimateWindowPayload.parse(payload);
  await estimateShipmentWindow({ shop, shipmentId, now });
};

export function estimateWindowJob(shop: string, shipmentId: string): JobRequest {
  return {
    shop,
    type: ESTIMATE_WINDOW_JOB_TYPE,
    uniqueKey: `${ESTIMATE_WINDOW_JOB_TYPE}:${shipmentId}`,
    payload: { shipmentId },
  };
}

// The predictor rejects coverage outside (0, 1); a bad setting falls back to its default rather than
// leaving every shipment of the shop without a window.
function usableCoverage(coverage: number | undefined): number | undefined {
  return coverage !== undefined && coverage > 0 && coverage < 1 ? coverage : undefined;
}

/**
 * The first instant of `day` on the wall calendar of `timeZone`. Usually local midnight; where a DST change
 * skips midnight (e.g. America/Santiago), the instant the day's clock starts at.
 */
export function startOfDay(day: CalendarDay, timeZone: string): Date {
  const dayNumber = dayNumberOf(day);
  const utcMidnight = dayNumber * DAY_MS;
  // The zone's offsets either side of the day: one of them is the offset in force at its start.
  const offsets = new Set(
    [utcMidnight - DAY_MS, utcMidnight, utcMidnight + DAY_MS].map((at) => zoneOffsetMs(at, timeZone)),
  );
  const onTheDay = [...offsets]
    .map((offset) => utcMidnight - offset)
    .filter((instant) => dayNumberAt(new Date(instant), timeZone) === dayNumber);
  // Local midnight, or the transition instant when midnight was skipped.
  if (onTheDay.length) return new Date(Math.min(...onTheDay));
  return new Date(utcMidnight - zoneOffsetMs(utcMidnight, timeZone));
}

/** The last millisecond of `day` on the wall calendar of `timeZone` (23 or 25 hours after its start on DST days). */
export function endOfDay(day: CalendarDay, timeZone: string): Date {
  return new Date(startOfDay(calendarDayOf(dayNumberOf(day) + 1), timeZone).getTime() - 1);
}

function sameInstant(stored: Date | null, computed: Date): boolean {
  return stored?.getTime() === computed.getTime();
}
