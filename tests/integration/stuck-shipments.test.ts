import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { enqueueJob } from "../../app/models/jobs.server";
import { getScanGapNorms } from "../../app/models/scan-gap-norms.server";
import {
  detectStuckShipments,
  runStuckShipmentsJob,
  type OnStuck,
  type StuckShipment,
} from "../../app/models/stuck-shipments.server";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number, from = NOW) => new Date(from.getTime() - ms);
const later = (ms: number, from = NOW) => new Date(from.getTime() + ms);

type Scan = { status: string; at: Date };

let serial = 0;

// Each test gets shops of its own: learned norms are cached per shop for an hour.
async function createShop(name: string): Promise<string> {
  serial += 1;
  const domain = `${name}-${serial}.myshopify.com`;
  await prisma.shop.create({ data: { domain, name, settings: { create: {} } } });
  return domain;
}

async function createParcel(
  shop: string,
  {
    carrier,
    status,
    scans = [],
    shippedAt = scans[0]?.at ?? ago(DAY),
    trackingNumber = `TRACK${serial + 1}`,
    shopifyFulfillmentStatus = "success",
  }: {
    carrier: string | null;
    status: string;
    scans?: Scan[];
    shippedAt?: Date | null;
    trackingNumber?: string | null;
    shopifyFulfillmentStatus?: string;
  },
) {
  const number = (serial += 1);
  const order = await prisma.order.create({
    data: { shop, shopifyId: `gid://shopify/Order/${number}`, name: `#${number}`, orderedAt: ago(90 * DAY) },
  });
  const times = scans.map((scan) => scan.at.getTime());
  const shipment = await prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${number}`,
      trackingNumber,
      carrier,
      status,
      shippedAt,
      shopifyFulfillmentStatus,
      lastEventAt: times.length ? new Date(Math.max(...times)) : null,
      deliveredAt: status === "delivered" ? scans.at(-1)?.at : null,
    },
  });
  await addScans(shop, shipment.id, scans);
  return shipment;
}

async function addScans(shop: string, shipmentId: string, scans: Scan[]) {
  await prisma.trackingEvent.createMany({
    data: scans.map((scan) => ({
      shop,
      shipmentId,
      status: scan.status,
      occurredAt: scan.at,
      source: "carrier",
      dedupeKey: `${scan.status}:${scan.at.toISOString()}`,
    })),
  });
}

// A carrier's delivered parcels: labelled, picked up 6 h later, then in-transit scans `gapsHours` apart, the
// last gap ending with the delivery scan. Every gap listed is one in-transit sample.
async function seedHistory(shop: string, carrier: string, parcels: number[][]) {
  for (const [index, gapsHours] of parcels.entries()) {
    let at = ago((100 - index) * DAY);
    const scans: Scan[] = [{ status: "pre_transit", at }];
    at = later(6 * HOUR, at);
    scans.push({ status: "in_transit", at });
    for (const [gapIndex, gap] of gapsHours.entries()) {
      at = later(gap * HOUR, at);
      scans.push({ status: gapIndex === gapsHours.length - 1 ? "delivered" : "in_transit", at });
    }
    await createParcel(shop, { carrier, status: "delivered", scans });
  }
}

// 12 parcels × 4 gaps of 20–27 hours (six of each), plus two lost-for-ten-days outliers: 50 samples whose
// nearest-rank p95 (the 48th) is 27 h.
const dailyScans = () => [
  ...Array.from({ length: 12 }, (_, parcel) =>
    Array.from({ length: 4 }, (_, gap) => 20 + ((parcel * 4 + gap) % 8)),
  ),
  [240],
  [240],
];
// 12 parcels × 4 gaps of 110–130 hours: a carrier that is normally silent for about five days.
const fiveDayScans = () =>
  Array.from({ length: 12 }, (_, parcel) =>
    Array.from({ length: 4 }, (_, gap) => 110 + ((parcel * 4 + gap) % 5) * 5),
  );

function recorder() {
  const calls: StuckShipment[] = [];
  const onStuck: OnStuck = async (_tx, stuck) => {
    calls.push(stuck);
  };
  return { calls, onStuck };
}

const silentInTransit = (shop: string, carrier: string | null, silentFor: number) =>
  createParcel(shop, {
    carrier,
    status: "in_transit",
    scans: [
      { status: "pre_transit", at: ago(silentFor + 12 * HOUR) },
      { status: "in_transit", at: ago(silentFor) },
    ],
  });

const shipmentById = (id: string) => prisma.shipment.findUniqueOrThrow({ where: { id } });

describe("stuck detection learned from the shop's own scan history", () => {
  it("flags three silent days on a carrier that scans daily, but not on one that is normally quiet for five", async () => {
    const shop = await createShop("history");
    await seedHistory(shop, "daily_express", dailyScans());
    await seedHistory(shop, "slow_post", fiveDayScans());
    const dailySilent = await silentInTransit(shop, "daily_express", 72 * HOUR);
    const dailyRecent = await silentInTransit(shop, "daily_express", 20 * HOUR);
    const slowSilent = await silentInTransit(shop, "slow_post", 72 * HOUR);
    const slowLost = await silentInTransit(shop, "slow_post", 7 * DAY);
    const { calls, onStuck } = recorder();

    const result = await detectStuckShipments({ shop, now: NOW, onStuck });

    expect(result).toEqual({ flagged: 2, resolved: 0, finished: true });
    const byId = new Map(calls.map((call) => [call.shipmentId, call]));
    expect(byId.get(dailySilent.id)).toEqual({
      shipmentId: dailySilent.id,
      orderId: dailySilent.orderId,
      lastScanAt: ago(72 * HOUR),
      hoursSilent: 72,
      // Two parcels silent for ten days in its history did not teach it that long silences are normal.
      thresholdHours: 27,
      basis: "shop_history",
    });
    expect(byId.get(slowLost.id)).toMatchObject({
      basis: "shop_history",
      hoursSilent: 168,
      thresholdHours: 130,
    });
    expect(byId.has(slowSilent.id)).toBe(false);
    expect(byId.has(dailyRecent.id)).toBe(false);

    const flagged = await shipmentById(dailySilent.id);
    expect(flagged).toMatchObject({ attention: "stuck", attentionSince: NOW, attentionResolvedAt: null });
    expect((await shipmentById(slowSilent.id)).attention).toBeNull();

    const norms = await getScanGapNorms({ shop, now: NOW });
    expect(norms.thresholdFor({ carrier: "daily_express", status: "in_transit" })).toEqual({
      thresholdHours: 27,
      basis: "shop_history",
      samples: 50,
    });
    expect(norms.learned).toContainEqual({
      carrier: "daily_express",
      stage: "in_transit",
      samples: 50,
      p95Hours: 27,
    });
  });

  it("judges a carrier new to the shop by the shop's other carriers at the same stage", async () => {
    const shop = await createShop("stage");
    await seedHistory(shop, "daily_express", dailyScans());
    await seedHistory(shop, "slow_post", fiveDayScans());
    const newCarrierQuiet = await silentInTransit(shop, "new_courier", 72 * HOUR);
    const newCarrierSilent = await silentInTransit(shop, "new_courier", 8 * DAY);
    const unknownCarrierSilent = await silentInTransit(shop, null, 8 * DAY);
    const { calls, onStuck } = recorder();

    await detectStuckShipments({ shop, now: NOW, onStuck });

    const flaggedIds = calls.map((call) => call.shipmentId).sort();
    expect(flaggedIds).toEqual([newCarrierSilent.id, unknownCarrierSilent.id].sort());
    expect(flaggedIds).not.toContain(newCarrierQuiet.id);
    expect(calls.every((call) => call.basis === "shop_stage")).toBe(true);
    const norm = (await getScanGapNorms({ shop, now: NOW })).thresholdFor({
      carrier: "new_courier",
      status: "in_transit",
    });
    // 98 in-transit gaps across both carriers: the 94th shortest is one of the slow carrier's.
    expect(norm).toEqual({ thresholdHours: 130, basis: "shop_stage", samples: 98 });
  });

  it("uses the documented defaults in a shop without history, and says so", async () => {
    const shop = await createShop("newcomer");
    const inTransitQuiet = await silentInTransit(shop, "ups", 72 * HOUR);
    const inTransitSilent = await silentInTransit(shop, "ups", 100 * HOUR);
    const labelOnly = await createParcel(shop, {
      carrier: "ups",
      status: "pre_transit",
      shippedAt: ago(80 * HOUR),
    });
    const freshLabel = await createParcel(shop, {
      carrier: "ups",
      status: "pre_transit",
      shippedAt: ago(60 * HOUR),
    });
    const outForDelivery = await createParcel(shop, {
      carrier: "ups",
      status: "out_for_delivery",
      scans: [{ status: "out_for_delivery", at: ago(31 * HOUR) }],
    });
    const { calls, onStuck } = recorder();

    await detectStuckShipments({ shop, now: NOW, onStuck });

    const byId = new Map(calls.map((call) => [call.shipmentId, call]));
    expect(byId.get(inTransitSilent.id)).toMatchObject({
      thresholdHours: 96,
      basis: "default",
      hoursSilent: 100,
    });
    // No scan yet: silent since it shipped.
    expect(byId.get(labelOnly.id)).toMatchObject({
      thresholdHours: 72,
      basis: "default",
      lastScanAt: ago(80 * HOUR),
    });
    expect(byId.get(outForDelivery.id)).toMatchObject({ thresholdHours: 30, basis: "default" });
    expect(byId.has(inTransitQuiet.id)).toBe(false);
    expect(byId.has(freshLabel.id)).toBe(false);
    expect(calls).toHaveLength(3);
  });

  it("never holds a fast lane to less than a day without scans", async () => {
    const shop = await createShop("fast");
    await seedHistory(
      shop,
      "city_courier",
      Array.from({ length: 10 }, () => [2, 3, 4, 3]),
    );
    const quietSunday = await silentInTransit(shop, "city_courier", 20 * HOUR);
    const silent = await silentInTransit(shop, "city_courier", 25 * HOUR);
    const { calls, onStuck } = recorder();

    await detectStuckShipments({ shop, now: NOW, onStuck });

    expect(calls.map((call) => call.shipmentId)).toEqual([silent.id]);
    expect(calls[0]).toMatchObject({ thresholdHours: 24, basis: "shop_history" });
    expect((await shipmentById(quietSunday.id)).attention).toBeNull();
  });

  it("alerts once per stuck parcel, however often it runs", async () => {
    const shop = await createShop("rerun");
    const parcel = await silentInTransit(shop, "dhl", 5 * DAY);
    const { calls, onStuck } = recorder();

    await detectStuckShipments({ shop, now: NOW, onStuck });
    await detectStuckShipments({ shop, now: NOW, onStuck });
    const third = await detectStuckShipments({ shop, now: later(HOUR), onStuck });

    expect(calls.map((call) => call.shipmentId)).toEqual([parcel.id]);
    expect(third).toEqual({ flagged: 0, resolved: 0, finished: true });
    expect(await shipmentById(parcel.id)).toMatchObject({ attention: "stuck", attentionSince: NOW });
  });

  it("clears the flag when the parcel moves again, and flags it anew if it then goes silent again", async () => {
    const shop = await createShop("resolve");
    const moved = await silentInTransit(shop, "fedex", 5 * DAY);
    const lateUpload = await silentInTransit(shop, "fedex", 5 * DAY);
    const oldLateUpload = await silentInTransit(shop, "fedex", 6 * DAY);
    const { calls, onStuck } = recorder();
    await detectStuckShipments({ shop, now: NOW, onStuck });
    expect(calls).toHaveLength(3);

    // A scan after the flag; a scan the carrier uploaded late, dated before the flag but recent; and a late
    // upload from long ago, which still leaves the parcel silent for longer than normal.
    await addScans(shop, moved.id, [{ status: "in_transit", at: later(2 * HOUR) }]);
    await prisma.shipment.update({ where: { id: moved.id }, data: { lastEventAt: later(2 * HOUR) } });
    await addScans(shop, lateUpload.id, [{ status: "in_transit", at: ago(10 * HOUR) }]);
    await prisma.shipment.update({ where: { id: lateUpload.id }, data: { lastEventAt: ago(10 * HOUR) } });
    await addScans(shop, oldLateUpload.id, [{ status: "in_transit", at: ago(5 * DAY) }]);
    await prisma.shipment.update({ where: { id: oldLateUpload.id }, data: { lastEventAt: ago(5 * DAY) } });

    const checkedAt = later(3 * HOUR);
    const result = await detectStuckShipments({ shop, now: checkedAt, onStuck });

    expect(result).toEqual({ flagged: 0, resolved: 2, finished: true });
    for (const id of [moved.id, lateUpload.id]) {
      expect(await shipmentById(id)).toMatchObject({ attention: null, attentionResolvedAt: checkedAt });
    }
    expect(await shipmentById(oldLateUpload.id)).toMatchObject({ attention: "stuck", attentionSince: NOW });

    const silentAgainAt = later(2 * HOUR + 97 * HOUR);
    await detectStuckShipments({ shop, now: silentAgainAt, onStuck });
    expect(calls.map((call) => call.shipmentId).filter((id) => id === moved.id)).toHaveLength(2);
    expect(await shipmentById(moved.id)).toMatchObject({
      attention: "stuck",
      attentionSince: silentAgainAt,
      attentionResolvedAt: null,
    });
  });

  it("never flags delivered or returned parcels, and clears a stuck parcel once it is delivered", async () => {
    const shop = await createShop("final");
    const delivered = await createParcel(shop, {
      carrier: "usps",
      status: "delivered",
      scans: [
        { status: "in_transit", at: ago(40 * DAY) },
        { status: "delivered", at: ago(30 * DAY) },
      ],
    });
    const returned = await createParcel(shop, {
      carrier: "usps",
      status: "returned",
      scans: [{ status: "returned", at: ago(30 * DAY) }],
    });
    const stuck = await silentInTransit(shop, "usps", 5 * DAY);
    const { calls, onStuck } = recorder();
    await detectStuckShipments({ shop, now: NOW, onStuck });
    expect(calls.map((call) => call.shipmentId)).toEqual([stuck.id]);

    await prisma.shipment.update({
      where: { id: stuck.id },
      data: { status: "delivered", deliveredAt: NOW },
    });
    const result = await detectStuckShipments({ shop, now: later(HOUR), onStuck });

    expect(result).toEqual({ flagged: 0, resolved: 1, finished: true });
    expect(await shipmentById(stuck.id)).toMatchObject({ attention: null, attentionResolvedAt: later(HOUR) });
    expect((await shipmentById(delivered.id)).attention).toBeNull();
    expect((await shipmentById(returned.id)).attention).toBeNull();
  });

  it("leaves alone parcels that are not on their way: no tracking number, not shipped, cancelled, or already flagged", async () => {
    const shop = await createShop("not-moving");
    const noTracking = await silentInTransit(shop, "ups", 9 * DAY);
    await prisma.shipment.update({ where: { id: noTracking.id }, data: { trackingNumber: null } });
    const notShipped = await createParcel(shop, { carrier: "ups", status: "pre_transit", shippedAt: null });
    const cancelled = await createParcel(shop, {
      carrier: "ups",
      status: "exception",
      shippedAt: ago(9 * DAY),
      shopifyFulfillmentStatus: "cancelled",
    });
    const alreadyLate = await silentInTransit(shop, "ups", 9 * DAY);
    await prisma.shipment.update({
      where: { id: alreadyLate.id },
      data: { attention: "late", attentionSince: ago(DAY) },
    });
    const { calls, onStuck } = recorder();

    await detectStuckShipments({ shop, now: NOW, onStuck });

    expect(calls).toEqual([]);
    for (const id of [noTracking.id, notShipped.id, cancelled.id])
      expect((await shipmentById(id)).attention).toBeNull();
    expect((await shipmentById(alreadyLate.id)).attention).toBe("late");
  });

  it("never lets another shop's history change this shop's thresholds", async () => {
    const patient = await createShop("patient");
    const newcomer = await createShop("newcomer");
    // Ten-day silences are normal for this carrier in the other shop.
    await seedHistory(
      patient,
      "slow_post",
      Array.from({ length: 10 }, () => [240, 240, 240, 240]),
    );
    const patientParcel = await silentInTransit(patient, "slow_post", 5 * DAY);
    const newcomerParcel = await silentInTransit(newcomer, "slow_post", 5 * DAY);
    const { calls, onStuck } = recorder();

    await detectStuckShipments({ shop: newcomer, now: NOW, onStuck });
    await detectStuckShipments({ shop: patient, now: NOW, onStuck });

    expect(calls).toEqual([
      expect.objectContaining({ shipmentId: newcomerParcel.id, thresholdHours: 96, basis: "default" }),
    ]);
    expect((await shipmentById(patientParcel.id)).attention).toBeNull();
    const newcomerNorms = await getScanGapNorms({ shop: newcomer, now: NOW });
    expect(newcomerNorms.learned.filter((gap) => gap.stage === "in_transit")).toEqual([]);
    expect(
      (await getScanGapNorms({ shop: patient, now: NOW })).thresholdFor({
        carrier: "slow_post",
        status: "in_transit",
      }),
    ).toEqual({ thresholdHours: 240, basis: "shop_history", samples: 40 });
  });

  it("finds every silent parcel across pages, including ones silent since the same instant", async () => {
    const shop = await createShop("pages");
    const sameInstant = await Promise.all(
      Array.from({ length: 5 }, () => silentInTransit(shop, "ups", 5 * DAY)),
    );
    const neverScanned = await Promise.all(
      Array.from({ length: 3 }, () =>
        createParcel(shop, { carrier: "ups", status: "pre_transit", shippedAt: ago(4 * DAY) }),
      ),
    );
    const { calls, onStuck } = recorder();

    const result = await detectStuckShipments({ shop, now: NOW, onStuck, pageSize: 2 });

    expect(result.flagged).toBe(8);
    expect(calls.map((call) => call.shipmentId).sort()).toEqual(
      [...sameInstant, ...neverScanned].map((parcel) => parcel.id).sort(),
    );
  });

  it("works through a backlog bigger than one run's time budget over the next runs, alerting each parcel once", async () => {
    const shop = await createShop("backlog");
    const backlog = await Promise.all(Array.from({ length: 5 }, () => silentInTransit(shop, "ups", 5 * DAY)));
    const { calls, onStuck } = recorder();

    const first = await detectStuckShipments({ shop, now: NOW, onStuck, pageSize: 2, timeBudgetMs: 0 });
    expect(first).toEqual({ flagged: 2, resolved: 0, finished: false });
    let runs = 1;
    for (let last = first; !last.finished; runs += 1) {
      last = await detectStuckShipments({
        shop,
        now: later(runs * 60_000),
        onStuck,
        pageSize: 2,
        timeBudgetMs: 0,
      });
    }

    expect(runs).toBeGreaterThan(2);
    expect(calls.map((call) => call.shipmentId).sort()).toEqual(backlog.map((parcel) => parcel.id).sort());
  });

  it("queues the alert in the same transaction: if queueing fails, the parcel stays unflagged and the next run retries", async () => {
    const shop = await createShop("atomic");
    const failing = await silentInTransit(shop, "ups", 5 * DAY);
    const fine = await silentInTransit(shop, "ups", 6 * DAY);
    const queueAlert: OnStuck = async (tx, stuck) => {
      await enqueueJob(tx, { shop, type: "test.alert", uniqueKey: `alert:${stuck.shipmentId}` });
      if (stuck.shipmentId === failing.id) throw new Error("outbox unavailable");
    };

    await expect(detectStuckShipments({ shop, now: NOW, onStuck: queueAlert })).rejects.toThrow(
      /could not be flagged/,
    );

    expect((await shipmentById(failing.id)).attention).toBeNull();
    expect((await shipmentById(fine.id)).attention).toBe("stuck");
    const alerts = await prisma.job.findMany({
      where: { shop, type: "test.alert" },
      select: { uniqueKey: true },
    });
    expect(alerts.map((job) => job.uniqueKey)).toEqual([`alert:${fine.id}`]);

    const { calls, onStuck } = recorder();
    await detectStuckShipments({ shop, now: later(HOUR), onStuck });
    expect(calls.map((call) => call.shipmentId)).toEqual([failing.id]);
  });

  it("runs hourly as a job that queues the shopper's message and the Flow trigger, once, for fresh news only", async () => {
    const shop = await createShop("job");
    // Silent 5 days in transit (normal: 4 days): stuck since yesterday, news worth telling.
    const parcel = await silentInTransit(shop, "ups", 5 * DAY);
    // Silent for two months: stuck long ago (the watcher's first run on an old shop), history.
    const forgotten = await silentInTransit(shop, "ups", 60 * DAY);

    const first = await runStuckShipmentsJob({ shop, payload: {}, now: NOW });
    await runStuckShipmentsJob({ shop, payload: {}, now: later(HOUR) });

    expect(first).toEqual({ runAgainAt: later(HOUR) });
    const messages = await prisma.notification.findMany({ where: { shop }, orderBy: { shipmentId: "asc" } });
    expect(messages.map((row) => [row.shipmentId, row.idempotencyKey, row.status]).sort()).toEqual(
      [
        [parcel.id, `${parcel.id}:delayed:stuck:email`, "queued"],
        [forgotten.id, `${forgotten.id}:delayed:stuck:email`, "suppressed"],
      ].sort(),
    );
    const triggers = await prisma.job.findMany({ where: { shop, type: "flow.trigger" } });
    expect(triggers.map((job) => job.uniqueKey)).toEqual([`flow.trigger:stuck:${parcel.id}`]);
  });
});

describe("learned norms", () => {
  it("are relearned at most once an hour", async () => {
    const shop = await createShop("cache");
    await seedHistory(shop, "daily_express", dailyScans().slice(0, 6));
    // 24 gaps: not enough to learn from yet.
    const before = await getScanGapNorms({ shop, now: NOW });
    expect(before.thresholdFor({ carrier: "daily_express", status: "in_transit" })).toEqual({
      thresholdHours: 96,
      basis: "default",
      samples: 24,
    });

    await seedHistory(shop, "daily_express", dailyScans().slice(6));
    const withinTheHour = await getScanGapNorms({ shop, now: later(59 * 60_000) });
    const nextHour = await getScanGapNorms({ shop, now: later(HOUR) });

    expect(withinTheHour.thresholdFor({ carrier: "daily_express", status: "in_transit" }).basis).toBe(
      "default",
    );
    expect(nextHour.thresholdFor({ carrier: "daily_express", status: "in_transit" })).toEqual({
      thresholdHours: 27,
      basis: "shop_history",
      samples: 50,
    });
  });

  it("forget scans older than 180 days", async () => {
    const shop = await createShop("old");
    await seedHistory(shop, "daily_express", dailyScans());

    const muchLater = later(300 * DAY);
    const norm = (await getScanGapNorms({ shop, now: muchLater })).thresholdFor({
      carrier: "daily_express",
      status: "in_transit",
    });

    expect(norm).toEqual({ thresholdHours: 96, basis: "default", samples: 0 });
  });
});
