import {
  bucketColumn,
  TIME_TO_SHIP_COLUMNS,
  TIME_TO_SHIP_EDGES_HOURS,
  TRANSIT_COLUMNS,
  TRANSIT_EDGES_DAYS,
} from "./buckets";
import type { ProblemOwner } from "./report-types";
import { shipmentFacts, type ShipmentForStats } from "./shipment-facts";

// One order day's rows of DeliveryStatsDaily, summed from its orders and their shipments. Pure: the caller
// loads the day (rebuild-day.server.ts) and replaces the day's rows with these.

export type OrderForStats = {
  orderedAt: Date;
  destinationCountry: string | null;
  destinationProvince: string | null;
  trackingLookups: number;
  helpRequests: number;
  // In the order they were created: the order is counted with its first one.
  shipments: Array<ShipmentForStats & { carrier: string | null; service: string | null }>;
};

export type LaneKey = { carrier: string; service: string; country: string; region: string };

export const SUM_COLUMNS = [
  "orders",
  "shipments",
  "shipped",
  "ttsHours",
  ...TIME_TO_SHIP_COLUMNS,
  "delivered",
  "transitDays",
  ...TRANSIT_COLUMNS,
  "promised",
  "onTime",
  "insideWindow",
  "promiseErrorDays",
  "late",
  "exceptions",
  "returned",
  "lost",
  "problemsCarrier",
  "problemsMerchant",
  "problemsShopper",
  "problemsCustoms",
  "problemsWeather",
  "firstAttempt",
  "scanLagHours",
  "scanLagCount",
  "helpRequests",
  "lookups",
] as const;

export type SumColumn = (typeof SUM_COLUMNS)[number];
export type StatsSums = Record<SumColumn, number>;
export type StatsRow = LaneKey & StatsSums;

const COLUMN_INDEX = Object.fromEntries(SUM_COLUMNS.map((column, index) => [column, index])) as Record<
  SumColumn,
  number
>;

const PROBLEM_COLUMNS: Record<ProblemOwner, SumColumn> = {
  carrier: "problemsCarrier",
  merchant: "problemsMerchant",
  shopper: "problemsShopper",
  customs: "problemsCustoms",
  weather: "problemsWeather",
};

export function emptySums(): StatsSums {
  return Object.fromEntries(SUM_COLUMNS.map((column) => [column, 0])) as StatsSums;
}

// Summed in flat arrays (a day has a few hundred lanes and as many objects of 70-odd keys would be built and
// collected per day otherwise); turned into rows once, at the end.
class LaneSums {
  readonly values = new Float64Array(SUM_COLUMNS.length);

  constructor(readonly lane: LaneKey) {}

  add(column: SumColumn, amount = 1): void {
    const index = COLUMN_INDEX[column];
    this.values[index] = (this.values[index] ?? 0) + amount;
  }

  toRow(): StatsRow {
    const row: Record<string, number | string> = { ...this.lane };
    SUM_COLUMNS.forEach((column, index) => {
      row[column] = this.values[index] ?? 0;
    });
    return row as StatsRow;
  }
}

export function rollUpDay(orders: OrderForStats[]): StatsRow[] {
  const lanes = new Map<string, LaneSums>();
  const sumsFor = (carrier: string | null, service: string | null, country: string, region: string) => {
    const key = `${carrier ?? ""}\u0000${service ?? ""}\u0000${country}\u0000${region}`;
    let sums = lanes.get(key);
    if (!sums) {
      sums = new LaneSums({ carrier: carrier ?? "", service: service ?? "", country, region });
      lanes.set(key, sums);
    }
    return sums;
  };

  for (const order of orders) {
    const country = order.destinationCountry ?? "";
    const region = order.destinationProvince ?? "";
    const [first] = order.shipments;
    const orderSums = sumsFor(first?.carrier ?? null, first?.service ?? null, country, region);
    orderSums.add("orders");
    orderSums.add("helpRequests", order.helpRequests);
    orderSums.add("lookups", order.trackingLookups);
    for (const shipment of order.shipments) {
      addShipment(sumsFor(shipment.carrier, shipment.service, country, region), shipment, order.orderedAt);
    }
  }
  return [...lanes.values()].map((sums) => sums.toRow());
}

function addShipment(sums: LaneSums, shipment: ShipmentForStats, orderedAt: Date): void {
  const facts = shipmentFacts(shipment, orderedAt);
  sums.add("shipments");
  if (facts.timeToShipHours !== null) {
    sums.add("shipped");
    sums.add("ttsHours", facts.timeToShipHours);
    sums.add(bucketColumn(TIME_TO_SHIP_COLUMNS, TIME_TO_SHIP_EDGES_HOURS, facts.timeToShipHours));
  }
  if (facts.delivered) sums.add("delivered");
  if (facts.transitDays !== null) {
    sums.add("transitDays", facts.transitDays);
    sums.add(bucketColumn(TRANSIT_COLUMNS, TRANSIT_EDGES_DAYS, facts.transitDays));
  }
  if (facts.promised) {
    sums.add("promised");
    sums.add("promiseErrorDays", facts.promiseErrorDays);
  }
  if (facts.onTime) sums.add("onTime");
  if (facts.insideWindow) sums.add("insideWindow");
  if (facts.late) sums.add("late");
  if (facts.exception) sums.add("exceptions");
  if (facts.returned) sums.add("returned");
  if (facts.lost) sums.add("lost");
  if (facts.problemOwner) sums.add(PROBLEM_COLUMNS[facts.problemOwner]);
  if (facts.firstAttempt) sums.add("firstAttempt");
  for (const lag of facts.scanLagsHours) {
    sums.add("scanLagHours", lag);
    sums.add("scanLagCount");
  }
}
