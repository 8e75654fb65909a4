import { z } from "zod";
import { addBusinessDays, businessDayOffset, businessDayOnOrAfter } from "./business-days";
import { calendarDayOf, dayNumberAt, type CalendarDay } from "./calendar-day";
import type { DeliveryHistory, DeliverySamples } from "./delivery-history";
import { GLOBAL_KEY, laneKeys, type HistoryBasis, type LaneFields, type LaneKey } from "./lane-levels";
import { atLeast, DEFAULT_COVERAGE, defaultLateShare, windowOffsets } from "./window-quantiles";

/** What is known about a parcel still on its way. Only orderedAt is required. */
export type ShipmentToPredict = LaneFields & {
  orderedAt: Date;
  shippedAt?: Date;
  carrierEstimate?: Date;
};

export type WindowAnchor = "ordered" | "shipped" | "carrier_estimate";

export type DeliveryWindow = {
  earliest: CalendarDay;
  likely: CalendarDay;
  latest: CalendarDay;
  basis: HistoryBasis | "carrier_estimate";
  /** The history group the window came from, e.g. "carrier=correios country=BR region=SP"; "*" for all. */
  key: string;
  /** The day the business-day offsets count from. */
  anchor: WindowAnchor;
  /** Past shipments behind the window (those still possible at `now`); 0 for a bare carrier estimate. */
  samples: number;
  coverage: number;
  lateShare: number;
};

export const DEFAULT_MIN_SAMPLES = 30;

export type PredictWindowInput = {
  history: DeliveryHistory;
  shipment: ShipmentToPredict;
  /** The parcel is taken to be undelivered at `now`; pass orderedAt for the promise made at checkout. */
  now: Date;
  /** Share of comparable past shipments the window must hold; default 0.9. */
  coverage?: number;
  /** Share allowed to arrive after the window; default a third of 1 − coverage. */
  lateShare?: number;
  /** Fewest samples a history level needs before it is used; default 30. */
  minSamples?: number;
};

const optionsSchema = z
  .object({
    coverage: z.number().gt(0).lt(1).default(DEFAULT_COVERAGE),
    lateShare: z.number().min(0).optional(),
    minSamples: z.number().int().min(1).default(DEFAULT_MIN_SAMPLES),
  })
  .transform((options) => ({
    ...options,
    lateShare: options.lateShare ?? defaultLateShare(options.coverage),
  }))
  .refine((options) => options.coverage + options.lateShare <= 1, "coverage + lateShare must be at most 1");

type Anchor = { anchor: WindowAnchor; anchorDay: number; samples: keyof DeliverySamples };

type Context = {
  history: DeliveryHistory;
  keys: readonly LaneKey[];
  country: string | undefined;
  today: number;
  coverage: number;
  lateShare: number;
  minSamples: number;
};

/**
 * The delivery window for one shipment. It walks the lane levels from most to least specific and uses the
 * first with `minSamples` comparable shipments: counted from the ship day once the parcel has shipped (the
 * handling time is then known), from the order day otherwise. Past shipments the parcel has already outlived
 * at `now` are dropped, so the window follows the parcel and closes in on it; after an unusually long wait
 * the long tail of late deliveries can widen it again, which is what the history says then. A carrier
 * estimate is used when its past errors are on record and the window they give is no wider. Returns null with
 * neither history nor a carrier estimate.
 */
export function predictWindow(input: PredictWindowInput): DeliveryWindow | null {
  const options = optionsSchema.parse(input);
  const { history, shipment } = input;
  const orderDay = dayNumberAt(shipment.orderedAt, history.timeZone);
  const context: Context = {
    ...options,
    history,
    keys: laneKeys(shipment),
    country: shipment.country,
    today: Math.max(orderDay, dayNumberAt(input.now, history.timeZone)),
  };
  const transitAnchors: Anchor[] = [{ anchor: "ordered", anchorDay: orderDay, samples: "fromOrder" }];
  if (shipment.shippedAt) {
    const shipDay = dayNumberAt(shipment.shippedAt, history.timeZone);
    transitAnchors.unshift({ anchor: "shipped", anchorDay: shipDay, samples: "fromShipment" });
  }
  const fromHistory =
    firstWellSampledWindow(context, transitAnchors) ?? thinGlobalWindow(context, transitAnchors);
  if (!shipment.carrierEstimate) return fromHistory;

  const estimateDay = dayNumberAt(shipment.carrierEstimate, history.timeZone);
  const estimateAnchor: Anchor = {
    anchor: "carrier_estimate",
    anchorDay: estimateDay,
    samples: "fromCarrierEstimate",
  };
  const fromEstimate = firstWellSampledWindow(context, [estimateAnchor], "carrier_estimate");
  if (fromEstimate && (!fromHistory || spanOf(fromEstimate) <= spanOf(fromHistory))) return fromEstimate;
  return fromHistory ?? bareEstimateWindow(context, estimateDay);
}

function firstWellSampledWindow(
  context: Context,
  anchors: readonly Anchor[],
  basis?: DeliveryWindow["basis"],
): DeliveryWindow | null {
  for (const level of context.keys) {
    const group = context.history.samplesByKey.get(level.key);
    if (!group) continue;
    for (const anchor of anchors) {
      const possible = stillPossible(context, anchor, group[anchor.samples]);
      if (possible.length >= context.minSamples)
        return windowFrom(context, { ...anchor, basis: basis ?? level.basis, key: level.key }, possible);
    }
  }
  return null;
}

// Thin history beats none: the global level is used below minSamples, and `samples` says how thin it is.
function thinGlobalWindow(context: Context, anchors: readonly Anchor[]): DeliveryWindow | null {
  const global = context.history.samplesByKey.get(GLOBAL_KEY);
  if (!global) return null;
  for (const anchor of anchors) {
    const possible = stillPossible(context, anchor, global[anchor.samples]);
    if (possible.length > 0)
      return windowFrom(context, { ...anchor, basis: "global", key: GLOBAL_KEY }, possible);
  }
  return null;
}

// Nothing to calibrate it against: the carrier's day, as a one-day window.
function bareEstimateWindow(context: Context, estimateDay: number): DeliveryWindow {
  const day = calendarDayOf(Math.max(context.today, estimateDay));
  return {
    earliest: day,
    likely: day,
    latest: day,
    basis: "carrier_estimate",
    key: "uncalibrated",
    anchor: "carrier_estimate",
    samples: 0,
    coverage: context.coverage,
    lateShare: context.lateShare,
  };
}

function stillPossible(context: Context, anchor: Anchor, samples: readonly number[]): readonly number[] {
  return atLeast(samples, businessDayOffset(anchor.anchorDay, context.today, context.country));
}

function windowFrom(
  context: Context,
  source: Anchor & { basis: DeliveryWindow["basis"]; key: string },
  samples: readonly number[],
): DeliveryWindow {
  const offsets = windowOffsets(samples, context.coverage, context.lateShare);
  // A day already past cannot be the delivery day of a parcel still travelling.
  const firstPossibleDay = businessDayOnOrAfter(context.today, context.country);
  const dayAt = (offset: number) =>
    calendarDayOf(Math.max(firstPossibleDay, addBusinessDays(source.anchorDay, offset, context.country)));
  return {
    earliest: dayAt(offsets.earliest),
    likely: dayAt(offsets.likely),
    latest: dayAt(offsets.latest),
    basis: source.basis,
    key: source.key,
    anchor: source.anchor,
    samples: samples.length,
    coverage: context.coverage,
    lateShare: context.lateShare,
  };
}

function spanOf(window: DeliveryWindow): number {
  return Date.parse(window.latest) - Date.parse(window.earliest);
}
