import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { refreshDeliveryStats } from "../../app/models/delivery-stats/refresh.server";
import { getCarrierPerformanceReport } from "../../app/models/delivery-stats/report.server";
import type { StatsFilters } from "../../app/models/delivery-stats/report-types";
import { KNOWN_HISTORY, seedKnownDeliveryHistory } from "../helpers/delivery-history";

const { expected } = KNOWN_HISTORY;
const ALL: StatsFilters = { ...KNOWN_HISTORY.range, carrier: null, service: null, destination: null };

let serial = 0;
async function knownShop(): Promise<string> {
  serial += 1;
  const shop = `known-${serial}.myshopify.com`;
  await seedKnownDeliveryHistory(prisma, shop);
  return shop;
}

describe("carrier performance from a history whose answers are known", () => {
  it("reports every headline figure of the seeded history", async () => {
    const shop = await knownShop();
    await refreshDeliveryStats({ shop });
    const { totals } = await getCarrierPerformanceReport({ shop, filters: ALL });

    expect(totals).toMatchObject({
      orders: expected.orders,
      shipments: expected.shipments,
      delivered: expected.delivered,
      promised: expected.promised,
      onTimeRate: expected.onTimeRate,
      insideWindowRate: expected.insideWindowRate,
      averagePromiseErrorDays: expected.averagePromiseErrorDays,
      late: expected.late,
      timeToShipHours: expected.timeToShipHours,
      transitDays: expected.transitDays,
      exceptionRate: expected.exceptionRate,
      returnRate: expected.returnRate,
      lostRate: expected.lostRate,
      firstAttemptRate: expected.firstAttemptRate,
      scanLagHours: expected.scanLagHours,
      helpRequestsPer100Orders: expected.helpRequestsPer100Orders,
      lookupsPer100Orders: expected.lookupsPer100Orders,
      problemsByOwner: expected.problemsByOwner,
      merchantControllableShare: expected.merchantControllableShare,
    });
  });

  it("compares carriers, and carriers on the lanes they share", async () => {
    const shop = await knownShop();
    await refreshDeliveryStats({ shop });
    const report = await getCarrierPerformanceReport({ shop, filters: ALL });

    const carrier = (name: string) => report.byCarrier.find((row) => row.carrier === name)?.figures;
    expect(carrier("ups")).toMatchObject({
      orders: expected.ups.orders,
      onTimeRate: expected.ups.onTimeRate,
      transitDays: { median: expected.ups.transitMedian },
      timeToShipHours: { median: expected.ups.timeToShipMedian },
    });
    expect(carrier("fedex")).toMatchObject({
      orders: expected.fedex.orders,
      onTimeRate: expected.fedex.onTimeRate,
      transitDays: { median: expected.fedex.transitMedian },
      firstAttemptRate: expected.fedex.firstAttemptRate,
    });
    expect(carrier("usps")).toMatchObject({
      orders: expected.usps.orders,
      onTimeRate: expected.usps.onTimeRate,
      lostRate: expected.usps.lostRate,
    });
    // The unfulfilled order is counted, under no carrier.
    expect(carrier("")?.orders).toBe(1);

    // Only California is served by two carriers.
    expect(report.lanes).toHaveLength(1);
    expect(report.lanes[0]).toMatchObject({ country: "US", region: "CA" });
    expect(report.lanes[0]?.carriers.map((row) => row.carrier).sort()).toEqual(["fedex", "ups"]);
    expect(report.byDestination.map((row) => `${row.country}-${row.region}`).sort()).toEqual([
      "US-CA",
      "US-NY",
    ]);
    expect(report.byService.map((row) => `${row.carrier}/${row.service}`).sort()).toEqual([
      "/",
      "fedex/Ground",
      "ups/Ground",
      "usps/Priority",
    ]);
    expect(report.options).toEqual({
      carriers: ["fedex", "ups", "usps"],
      services: ["Ground", "Priority"],
      destinations: ["US", "US-CA", "US-NY"],
    });
  });

  it("narrows every figure to a filter, and splits the range into weeks and months", async () => {
    const shop = await knownShop();
    await refreshDeliveryStats({ shop });

    const ups = await getCarrierPerformanceReport({ shop, filters: { ...ALL, carrier: "ups" } });
    expect(ups.totals.orders).toBe(10);
    expect(ups.totals.onTimeRate).toBe(0.8);
    expect(ups.byCarrier.map((row) => row.carrier)).toEqual(["ups"]);

    const newYork = await getCarrierPerformanceReport({ shop, filters: { ...ALL, destination: "US-NY" } });
    expect(newYork.totals).toMatchObject({
      orders: 5,
      shipments: 5,
      delivered: 3,
      lostRate: 0.2,
      returnRate: 0.2,
    });

    const firstWeek = await getCarrierPerformanceReport({
      shop,
      filters: { ...ALL, from: "2026-10-05", to: "2026-10-11" },
    });
    expect(firstWeek.totals.orders).toBe(10);
    expect(firstWeek.previousRange).toEqual({ from: "2026-09-28", to: "2026-10-04" });
    expect(firstWeek.previous.orders).toBe(0);

    const all = await getCarrierPerformanceReport({ shop, filters: ALL });
    expect(all.weekly.map((row) => [row.week, row.figures.orders])).toEqual([
      ["2026-10-05", 10],
      ["2026-10-12", 16],
    ]);
    expect(all.monthly.map((row) => [row.month, row.figures.orders])).toEqual([["2026-10", 26]]);

    const secondWeek = await getCarrierPerformanceReport({
      shop,
      filters: { ...ALL, from: "2026-10-12", to: "2026-10-18" },
    });
    expect(secondWeek.previous.orders).toBe(10);
  });

  it("keeps shops apart", async () => {
    const shop = await knownShop();
    const other = await knownShop();
    await refreshDeliveryStats({ shop });
    const { totals, options } = await getCarrierPerformanceReport({ shop: other, filters: ALL });
    expect(totals.orders).toBe(0);
    expect(options.carriers).toEqual([]);
  });
});

describe("keeping the rollup current", () => {
  it("rebuilds only the days whose orders, shipments or help requests changed", async () => {
    const shop = await knownShop();
    expect(await refreshDeliveryStats({ shop, commitOverlapMs: 0 })).toEqual({ days: 10, finished: true });
    expect(await refreshDeliveryStats({ shop, commitOverlapMs: 0 })).toEqual({ days: 0, finished: true });

    // The address problem gets fixed and the parcel delivered on time: Friday 16 October's row changes.
    const parcel = await prisma.shipment.findFirstOrThrow({ where: { shop, substatus: "address_problem" } });
    await prisma.shipment.update({
      where: { id: parcel.id },
      data: { status: "delivered", substatus: null, deliveredAt: new Date("2026-10-23T15:00:00Z") },
    });
    expect(await refreshDeliveryStats({ shop, commitOverlapMs: 0 })).toEqual({ days: 1, finished: true });
    const fixed = await getCarrierPerformanceReport({ shop, filters: ALL });
    expect(fixed.totals.delivered).toBe(expected.delivered + 1);

    // A help request on a ups order from Monday 5 October.
    const order = await prisma.order.findFirstOrThrow({
      where: { shop, shipments: { some: { carrier: "ups" } } },
    });
    await prisma.supportRequest.create({ data: { shop, orderId: order.id, reason: "missing" } });
    expect(await refreshDeliveryStats({ shop, commitOverlapMs: 0 })).toEqual({ days: 1, finished: true });
    const helped = await getCarrierPerformanceReport({ shop, filters: { ...ALL, carrier: "ups" } });
    expect(helped.totals.helpRequestsPer100Orders).toBe(10);
  });

  it("carries on where a run stopped at its time budget, without losing a day", async () => {
    const shop = await knownShop();
    // Days are rebuilt eight to a commit: the first run stops after its first batch.
    expect(await refreshDeliveryStats({ shop, timeBudgetMs: 0 })).toEqual({ days: 8, finished: false });
    expect(await refreshDeliveryStats({ shop, commitOverlapMs: 0 })).toEqual({ days: 2, finished: true });
    const { totals } = await getCarrierPerformanceReport({ shop, filters: ALL });
    expect(totals.orders).toBe(expected.orders);
  });

  it("goes with the shop when it is redacted", async () => {
    const shop = await knownShop();
    await refreshDeliveryStats({ shop });
    await prisma.shop.delete({ where: { domain: shop } });
    expect(await prisma.deliveryStats.count({ where: { shop } })).toBe(0);
    expect(await prisma.deliveryStatsDimension.count({ where: { shop } })).toBe(0);
  });
});
