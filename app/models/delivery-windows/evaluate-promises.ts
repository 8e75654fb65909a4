import { dayNumberAt, dayNumberOf } from "./calendar-day";
import type { DeliveryCsvRow } from "./delivery-csv";
import { learnDeliveryHistory, type DeliveredShipment } from "./delivery-history";
import { predictWindow, type ShipmentToPredict } from "./predict-window";

// How the promises command scores windows on delivered test rows. Every quantity is in whole calendar days of
// `timeZone` (the day a wall calendar there shows), never in hours:
//   coverage       share of test rows whose delivery day d has earliest <= d <= latest
//   meanWindowDays mean of latest - earliest + 1
//   maeDays        mean of |likely - d|
//   lateShare      share with d > latest
//   baseline       the row's own promised_at as a one-day promise: maeDays = mean |promised - d| and
//                  lateShare = share with d > promised, over the test rows that have promised_at
// A test row is predicted from what was known at order time (ordered_at, carrier, region, postal prefix;
// never its shipped_at, delivered_at or promised_at), or with asOf "shipment" from that plus its shipped_at,
// as the window would be re-estimated at the hand-off to the carrier.

export type PromiseEvaluation = {
  n: number;
  coverage: number;
  meanWindowDays: number;
  maeDays: number;
  lateShare: number;
  baseline: { maeDays: number | null; lateShare: number | null };
};

export type EvaluationAsOf = "order" | "shipment";

export type EvaluatePromisesInput = {
  history: readonly DeliveryCsvRow[];
  test: readonly DeliveryCsvRow[];
  coverage?: number;
  lateShare?: number;
  /** The rows' destination country: the CSV has no country column. */
  country?: string;
  timeZone?: string;
  asOf?: EvaluationAsOf;
};

export type EvaluationDetails = {
  evaluation: PromiseEvaluation;
  historyUsed: number;
  historySkipped: number;
  testSkipped: number;
  baselineRows: number;
  windowsByBasis: Record<string, number>;
};

export class NothingToEvaluateError extends Error {}

export function evaluatePromises(input: EvaluatePromisesInput): EvaluationDetails {
  const { country, timeZone = "UTC", asOf = "order" } = input;
  const historyRecords = input.history.flatMap((row) => {
    const record = deliveredShipment(row, country);
    return record ? [record] : [];
  });
  if (historyRecords.length === 0)
    throw new NothingToEvaluateError("no history row has ordered_at and delivered_at");
  const history = learnDeliveryHistory(historyRecords, { timeZone });

  const tally = { n: 0, inside: 0, late: 0, windowDays: 0, absoluteError: 0 };
  const baseline = { n: 0, late: 0, absoluteError: 0 };
  const windowsByBasis: Record<string, number> = {};
  for (const row of input.test) {
    const record = deliveredShipment(row, country);
    if (!record || (asOf === "shipment" && !record.shippedAt)) continue;
    const shipment: ShipmentToPredict = {
      orderedAt: record.orderedAt,
      carrier: record.carrier,
      country: record.country,
      region: record.region,
      postalPrefix: record.postalPrefix,
      ...(asOf === "shipment" ? { shippedAt: record.shippedAt } : {}),
    };
    const now = asOf === "shipment" && record.shippedAt ? record.shippedAt : record.orderedAt;
    const window = predictWindow({
      history,
      shipment,
      now,
      coverage: input.coverage,
      lateShare: input.lateShare,
    });
    if (!window) throw new NothingToEvaluateError("the history gave no window");
    const deliveryDay = dayNumberAt(record.deliveredAt, timeZone);
    const earliest = dayNumberOf(window.earliest);
    const latest = dayNumberOf(window.latest);
    tally.n++;
    if (earliest <= deliveryDay && deliveryDay <= latest) tally.inside++;
    if (deliveryDay > latest) tally.late++;
    tally.windowDays += latest - earliest + 1;
    tally.absoluteError += Math.abs(dayNumberOf(window.likely) - deliveryDay);
    const basisLabel = `${window.basis}/${window.anchor}`;
    windowsByBasis[basisLabel] = (windowsByBasis[basisLabel] ?? 0) + 1;
    if (row.promised_at) {
      const promisedDay = dayNumberAt(row.promised_at, timeZone);
      baseline.n++;
      if (deliveryDay > promisedDay) baseline.late++;
      baseline.absoluteError += Math.abs(promisedDay - deliveryDay);
    }
  }
  if (tally.n === 0) throw new NothingToEvaluateError("no test row can be evaluated");
  return {
    evaluation: {
      n: tally.n,
      coverage: rounded(tally.inside / tally.n),
      meanWindowDays: rounded(tally.windowDays / tally.n),
      maeDays: rounded(tally.absoluteError / tally.n),
      lateShare: rounded(tally.late / tally.n),
      baseline: {
        maeDays: baseline.n > 0 ? rounded(baseline.absoluteError / baseline.n) : null,
        lateShare: baseline.n > 0 ? rounded(baseline.late / baseline.n) : null,
      },
    },
    historyUsed: historyRecords.length - history.ignored,
    historySkipped: input.history.length - historyRecords.length + history.ignored,
    testSkipped: input.test.length - tally.n,
    baselineRows: baseline.n,
    windowsByBasis,
  };
}

function deliveredShipment(row: DeliveryCsvRow, country: string | undefined): DeliveredShipment | null {
  if (!row.ordered_at || !row.delivered_at) return null;
  return {
    orderedAt: row.ordered_at,
    shippedAt: row.shipped_at,
    deliveredAt: row.delivered_at,
    carrier: row.carrier,
    country,
    region: row.destination_region,
    postalPrefix: row.destination_postal_prefix,
  };
}

function rounded(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
