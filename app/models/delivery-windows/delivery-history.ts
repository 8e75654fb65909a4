import { businessDayOffset } from "./business-days";
import { dayNumberAt } from "./calendar-day";
import { laneKeys, type LaneFields } from "./lane-levels";

/** A past shipment the predictor learns from. Times are instants; `timeZone` turns them into calendar days. */
export type DeliveredShipment = LaneFields & {
  orderedAt: Date;
  shippedAt?: Date;
  deliveredAt: Date;
  carrierEstimate?: Date;
};

/** Business days to delivery, each list sorted ascending, from one history group. */
export type DeliverySamples = {
  fromOrder: readonly number[];
  fromShipment: readonly number[];
  /** Delivery minus the carrier's estimate: negative when early. */
  fromCarrierEstimate: readonly number[];
};

export type DeliveryHistory = {
  timeZone: string;
  samplesByKey: ReadonlyMap<string, DeliverySamples>;
  /** Records left out because they were delivered before they were ordered (data errors). */
  ignored: number;
};

type MutableSamples = { fromOrder: number[]; fromShipment: number[]; fromCarrierEstimate: number[] };

/**
 * Files every record's transit under each lane level it belongs to. `timeZone` is the one the shop's calendar
 * days are counted in; predictWindow uses the same one.
 */
export function learnDeliveryHistory(
  records: Iterable<DeliveredShipment>,
  { timeZone = "UTC" }: { timeZone?: string } = {},
): DeliveryHistory {
  const samplesByKey = new Map<string, MutableSamples>();
  let ignored = 0;
  for (const record of records) {
    const orderDay = dayNumberAt(record.orderedAt, timeZone);
    const deliveryDay = dayNumberAt(record.deliveredAt, timeZone);
    if (deliveryDay < orderDay) {
      ignored++;
      continue;
    }
    const shipDay = record.shippedAt && dayNumberAt(record.shippedAt, timeZone);
    const estimateDay = record.carrierEstimate && dayNumberAt(record.carrierEstimate, timeZone);
    const fromOrder = businessDayOffset(orderDay, deliveryDay, record.country);
    const fromShipment =
      shipDay !== undefined && shipDay <= deliveryDay
        ? businessDayOffset(shipDay, deliveryDay, record.country)
        : undefined;
    const fromCarrierEstimate =
      estimateDay !== undefined ? businessDayOffset(estimateDay, deliveryDay, record.country) : undefined;
    for (const { key } of laneKeys(record)) {
      let samples = samplesByKey.get(key);
      if (!samples) {
        samples = { fromOrder: [], fromShipment: [], fromCarrierEstimate: [] };
        samplesByKey.set(key, samples);
      }
      samples.fromOrder.push(fromOrder);
      if (fromShipment !== undefined) samples.fromShipment.push(fromShipment);
      if (fromCarrierEstimate !== undefined) samples.fromCarrierEstimate.push(fromCarrierEstimate);
    }
  }
  const ascending = (a: number, b: number) => a - b;
  for (const samples of samplesByKey.values()) {
    samples.fromOrder.sort(ascending);
    samples.fromShipment.sort(ascending);
    samples.fromCarrierEstimate.sort(ascending);
  }
  return { timeZone, samplesByKey, ignored };
}
