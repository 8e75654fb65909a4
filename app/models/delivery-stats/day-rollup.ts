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

export function rollUpDay(orders: OrderForStats[]): StatsRow[] {
  const rows = new Map<string, StatsRow>();
  const rowFor = (lane: LaneKey) => {
    const key = [lane.carrier, lane.service, lane.country, lane.region].join("\u0000");
    let row = rows.get(key);
    if (!row) {
      row = { ...lane, ...emptySums() };
      rows.set(key, row);
    }
    return row;
  };

  for (const order of orders) {
    const destination = { country: order.destinationCountry ?? "", region: order.destinationProvince ?? "" };
    const [first] = order.shipments;
    const orderRow = rowFor({ carrier: first?.carrier ?? "", service: first?.service ?? "", ...destination });
    orderRow.orders += 1;
    orderRow.helpRequests += order.helpRequests;
    orderRow.lookups += order.trackingLookups;

    for (const shipment of order.shipments) {
      const row = rowFor({
        carrier: shipment.carrier ?? "",
        service: shipment.service ?? "",
        ...destination,
      });
      addShipment(row, shipment, order.orderedAt);
    }
  }
  return [...rows.values()];
}

function addShipment(row: StatsRow, shipment: ShipmentForStats, orderedAt: Date): void {
  const facts = shipmentFacts(shipment, orderedAt);
  row.shipments += 1;
  if (facts.timeToShipHours !== null) {
    row.shipped += 1;
    row.ttsHours += facts.timeToShipHours;
    row[bucketColumn(TIME_TO_SHIP_COLUMNS, TIME_TO_SHIP_EDGES_HOURS, facts.timeToShipHours)] += 1;
  }
  if (facts.delivered) row.delivered += 1;
  if (facts.transitDays !== null) {
    row.transitDays += facts.transitDays;
    row[bucketColumn(TRANSIT_COLUMNS, TRANSIT_EDGES_DAYS, facts.transitDays)] += 1;
  }
  if (facts.promised) {
    row.promised += 1;
    row.promiseErrorDays += facts.promiseErrorDays;
  }
  if (facts.onTime) row.onTime += 1;
  if (facts.insideWindow) row.insideWindow += 1;
  if (facts.late) row.late += 1;
  if (facts.exception) row.exceptions += 1;
  if (facts.returned) row.returned += 1;
  if (facts.lost) row.lost += 1;
  if (facts.problemOwner) row[PROBLEM_COLUMNS[facts.problemOwner]] += 1;
  if (facts.firstAttempt) row.firstAttempt += 1;
  for (const lag of facts.scanLagsHours) {
    row.scanLagHours += lag;
    row.scanLagCount += 1;
  }
}
