import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { raiseAttention } from "../../app/models/attention-flags.server";
import { estimateShipmentWindow } from "../../app/models/delivery-estimates.server";
import { addBusinessDays } from "../../app/models/delivery-windows/business-days";
import { dayNumberAt } from "../../app/models/delivery-windows/calendar-day";
import { runDeliveryWatchJob } from "../../app/models/delivery-watch.server";
import { JOB_HANDLERS, STUCK_SHIPMENTS_JOB_TYPE } from "../../app/services/jobs/job-handlers.server";

// The hourly delivery watch on constructed histories: late parcels (window passed, window revised past the
// promise), likely lost ones, and how it stacks with stuck and with what carriers report. Each finding is
// flagged with its reason and owner, and alerts once (one outbox row per channel, one Flow trigger job),
// however often the watch runs.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number, from = NOW) => new Date(from.getTime() - ms);
const later = (ms: number, from = NOW) => new Date(from.getTime() + ms);

let serial = 0;

// Each test gets a shop of its own (learned norms are cached per shop for an hour); texts are on for delays.
async function createShop(name: string): Promise<string> {
  serial += 1;
  const domain = `${name}-${serial}.myshopify.com`;
  await prisma.shop.create({ data: { domain, name, settings: { create: {} } } });
  return domain;
}

type Scan = { status: string; substatus?: string; at: Date };

async function createParcel(
  shop: string,
  {
    status,
    substatus = null,
    scans = [],
    shippedAt = ago(6 * DAY),
    window,
    attention,
    smsOptIn = true,
  }: {
    status: string;
    substatus?: string | null;
    scans?: Scan[];
    shippedAt?: Date;
    window?: { start: Date; end: Date };
    attention?: { kind: string; reason: string; owner: string; since: Date };
    smsOptIn?: boolean;
  },
) {
  const number = (serial += 1);
  const order = await prisma.order.create({
    data: { shop, shopifyId: `gid://shopify/Order/${number}`, name: `#${number}`, orderedAt: ago(8 * DAY) },
  });
  if (smsOptIn) {
    await prisma.notificationPreference.create({
      data: {
        shop,
        orderId: order.id,
        emailOptIn: true,
        smsOptIn: true,
        phone: "+14155550123",
        consentText: "Text me shipping updates",
        consentAt: ago(7 * DAY),
        source: "thank_you",
      },
    });
  }
  const times = scans.map((scan) => scan.at.getTime());
  const shipment = await prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${number}`,
      trackingNumber: `1Z${number}`,
      trackingCompany: "UPS",
      carrier: "ups",
      status,
      substatus,
      shippedAt,
      shopifyFulfillmentStatus: "success",
      lastEventAt: times.length ? new Date(Math.max(...times)) : null,
      windowStart: window?.start ?? null,
      windowEnd: window?.end ?? null,
      attention: attention?.kind ?? null,
      attentionReason: attention?.reason ?? null,
      attentionOwner: attention?.owner ?? null,
      attentionSince: attention?.since ?? null,
    },
  });
  await addScans(shop, shipment.id, scans);
  if (window) await addEstimate(shop, shipment.id, { ...window, at: shippedAt, original: true });
  return shipment;
}

async function addScans(shop: string, shipmentId: string, scans: Scan[]) {
  await prisma.trackingEvent.createMany({
    data: scans.map((scan) => ({
      shop,
      shipmentId,
      status: scan.status,
      substatus: scan.substatus ?? null,
      occurredAt: scan.at,
      source: "carrier",
      dedupeKey: `${scan.status}:${scan.at.toISOString()}`,
    })),
  });
  const newest = new Date(Math.max(...scans.map((scan) => scan.at.getTime())));
  if (scans.length)
    await prisma.shipment.update({ where: { id: shipmentId }, data: { lastEventAt: newest } });
}

async function addEstimate(
  shop: string,
  shipmentId: string,
  { start, end, at, original }: { start: Date; end: Date; at: Date; original: boolean },
) {
  await prisma.deliveryEstimate.create({
    data: {
      shop,
      shipmentId,
      earliestAt: start,
      latestAt: end,
      basis: "lane",
      isOriginal: original,
      createdAt: at,
    },
  });
}

const watch = (shop: string, now = NOW) => runDeliveryWatchJob({ shop, payload: {}, now });
const shipmentById = (id: string) => prisma.shipment.findUniqueOrThrow({ where: { id } });

async function outbox(shop: string) {
  const rows = await prisma.notification.findMany({ where: { shop }, orderBy: { idempotencyKey: "asc" } });
  return rows.map((row) => ({
    key: row.idempotencyKey,
    substatus: row.substatus,
    status: row.status,
    eventAt: row.eventAt,
  }));
}

async function flowJobs(shop: string) {
  const jobs = await prisma.job.findMany({
    where: { shop, type: "flow.trigger" },
    orderBy: { uniqueKey: "asc" },
  });
  return jobs.map((job) => ({
    key: job.uniqueKey,
    status: job.status,
    payload: JSON.parse(job.payload) as unknown,
  }));
}

// What the job queue does once a trigger job has run; enqueueing it again would put it back in the queue.
const markFlowJobsDone = (shop: string) =>
  prisma.job.updateMany({ where: { shop, type: "flow.trigger" }, data: { status: "done" } });

// In transit with a daily scan until `silentFor` ago.
const inTransit = (silentFor: number): Scan[] => [
  { status: "pre_transit", substatus: "label_created", at: ago(silentFor + 2 * DAY) },
  { status: "in_transit", substatus: "departed", at: ago(silentFor) },
];

describe("late: the window passed", () => {
  it("flags a parcel once its window's last day is over: one message per channel and one Flow trigger, once", async () => {
    const shop = await createShop("late");
    const late = await createParcel(shop, {
      status: "in_transit",
      substatus: "departed",
      scans: inTransit(20 * HOUR),
      window: { start: ago(3 * DAY), end: ago(3 * HOUR) },
    });
    const onTime = await createParcel(shop, {
      status: "in_transit",
      scans: inTransit(20 * HOUR),
      window: { start: ago(DAY), end: later(5 * HOUR) },
    });
    const delivered = await createParcel(shop, {
      status: "delivered",
      scans: [{ status: "delivered", at: ago(HOUR) }],
      window: { start: ago(3 * DAY), end: ago(3 * HOUR) },
    });

    expect(await watch(shop)).toEqual({ runAgainAt: later(HOUR) });

    expect(await shipmentById(late.id)).toMatchObject({
      attention: "late",
      attentionReason: "window_passed",
      attentionOwner: "carrier",
      attentionSince: NOW,
      attentionResolvedAt: null,
    });
    expect((await shipmentById(onTime.id)).attention).toBeNull();
    expect((await shipmentById(delivered.id)).attention).toBeNull();
    const expectedOutbox = ["email", "sms"].map((channel) => ({
      key: `${late.id}:delayed:late:${channel}`,
      substatus: "late",
      status: "queued",
      eventAt: ago(3 * HOUR),
    }));
    expect(await outbox(shop)).toEqual(expectedOutbox);
    expect(await flowJobs(shop)).toEqual([
      {
        key: `flow.trigger:delayed:${late.id}`,
        status: "queued",
        payload: { shipmentId: late.id, trigger: "delayed", reason: "late" },
      },
    ]);

    // The trigger ran; later runs (and a crash-retried one at the same instant) change nothing and alert nothing.
    await markFlowJobsDone(shop);
    await watch(shop);
    await watch(shop, later(HOUR));
    expect(await outbox(shop)).toEqual(expectedOutbox);
    expect((await flowJobs(shop)).map((job) => job.status)).toEqual(["done"]);
    expect(await shipmentById(late.id)).toMatchObject({ attention: "late", attentionSince: NOW });
  });

  it("records rather than announces a window that passed long ago (the watch's first run on an old shop)", async () => {
    const shop = await createShop("old-news");
    const parcel = await createParcel(shop, {
      status: "in_transit",
      scans: inTransit(20 * HOUR),
      window: { start: ago(8 * DAY), end: ago(5 * DAY) },
    });
    await watch(shop);
    expect((await shipmentById(parcel.id)).attention).toBe("late");
    expect((await outbox(shop)).map((row) => row.status)).toEqual(["suppressed", "suppressed"]);
  });

  it("puts a parcel the carrier never scanned on the merchant: a late hand-off, told as waiting for the first scan", async () => {
    const shop = await createShop("handoff");
    // Labelled four days ago and never scanned: stuck as well, but late outranks stuck.
    const parcel = await createParcel(shop, {
      status: "pre_transit",
      substatus: "label_created",
      shippedAt: ago(4 * DAY),
      window: { start: ago(2 * DAY), end: ago(2 * HOUR) },
      smsOptIn: false,
    });

    await watch(shop);

    expect(await shipmentById(parcel.id)).toMatchObject({
      attention: "late",
      attentionReason: "label_never_scanned",
      attentionOwner: "merchant",
    });
    expect(await outbox(shop)).toEqual([
      {
        key: `${parcel.id}:delayed:late:email`,
        substatus: "late_handoff",
        status: "queued",
        eventAt: ago(2 * HOUR),
      },
    ]);
    expect((await flowJobs(shop)).map((job) => job.key)).toEqual([`flow.trigger:delayed:${parcel.id}`]);
  });

  it("raises a stuck parcel to late when its window passes (a new alert), and never lowers one", async () => {
    const shop = await createShop("stuck-then-late");
    const parcel = await createParcel(shop, {
      status: "in_transit",
      scans: inTransit(5 * DAY),
      window: { start: ago(DAY), end: later(DAY) },
      smsOptIn: false,
    });
    await watch(shop);
    expect(await shipmentById(parcel.id)).toMatchObject({
      attention: "stuck",
      attentionReason: "no_recent_scan",
      attentionOwner: "carrier",
    });

    const windowOver = later(DAY + HOUR);
    await watch(shop, windowOver);
    expect(await shipmentById(parcel.id)).toMatchObject({ attention: "late", attentionSince: windowOver });
    expect((await outbox(shop)).map((row) => row.key)).toEqual([
      `${parcel.id}:delayed:late:email`,
      `${parcel.id}:delayed:stuck:email`,
    ]);
    await watch(shop, later(2 * HOUR, windowOver));
    expect((await shipmentById(parcel.id)).attention).toBe("late");
    expect(await outbox(shop)).toHaveLength(2);
  });

  it("leaves a parcel whose carrier reported a problem to that problem", async () => {
    const shop = await createShop("exception-first");
    const parcel = await createParcel(shop, {
      status: "exception",
      substatus: "address_problem",
      scans: [{ status: "exception", substatus: "address_problem", at: ago(DAY) }],
      window: { start: ago(3 * DAY), end: ago(3 * HOUR) },
      attention: { kind: "exception", reason: "address_problem", owner: "shopper", since: ago(DAY) },
    });
    await watch(shop);
    expect(await shipmentById(parcel.id)).toMatchObject({
      attention: "exception",
      attentionReason: "address_problem",
      attentionOwner: "shopper",
      attentionSince: ago(DAY),
    });
    expect(await outbox(shop)).toEqual([]);
    expect(await flowJobs(shop)).toEqual([]);
  });
});

describe("late: the window was revised past the promise", () => {
  it("flags the parcel late and tells the shopper once that it now comes later than promised", async () => {
    const shop = await createShop("moved");
    const promise = { start: later(-DAY), end: later(DAY) };
    const parcel = await createParcel(shop, {
      status: "in_transit",
      scans: inTransit(10 * HOUR),
      window: promise,
      smsOptIn: false,
    });
    // A revision this morning moved the window's end two days past the promise.
    const revisedAt = ago(4 * HOUR);
    const revised = { start: later(DAY), end: later(3 * DAY) };
    await addEstimate(shop, parcel.id, { ...revised, at: revisedAt, original: false });
    await prisma.shipment.update({
      where: { id: parcel.id },
      data: { windowStart: revised.start, windowEnd: revised.end },
    });
    // Another parcel's revision narrowed its window inside the promise: not late.
    const narrowed = await createParcel(shop, {
      status: "in_transit",
      scans: inTransit(10 * HOUR),
      window: promise,
      smsOptIn: false,
    });
    await addEstimate(shop, narrowed.id, {
      start: NOW,
      end: later(DAY - HOUR),
      at: revisedAt,
      original: false,
    });
    await prisma.shipment.update({
      where: { id: narrowed.id },
      data: { windowStart: NOW, windowEnd: later(DAY - HOUR) },
    });

    await watch(shop);
    await watch(shop, later(HOUR));

    expect(await shipmentById(parcel.id)).toMatchObject({
      attention: "late",
      attentionReason: "window_moved_past_promise",
      attentionOwner: "carrier",
    });
    expect((await shipmentById(narrowed.id)).attention).toBeNull();
    expect(await outbox(shop)).toEqual([
      {
        key: `${parcel.id}:delayed:window_moved:email`,
        substatus: "window_moved",
        status: "queued",
        eventAt: revisedAt,
      },
    ]);
    expect((await flowJobs(shop)).map((job) => job.key)).toEqual([`flow.trigger:delayed:${parcel.id}`]);

    // When the window then passes, it is the same late episode: nothing new to tell.
    await markFlowJobsDone(shop);
    await watch(shop, later(3 * DAY + HOUR));
    expect((await outbox(shop)).filter((row) => row.key.startsWith(parcel.id))).toHaveLength(1);
    expect(await flowJobs(shop)).toContainEqual(
      expect.objectContaining({ key: `flow.trigger:delayed:${parcel.id}`, status: "done" }),
    );
  });

  it("is flagged by the window estimator itself, in the transaction that writes the revision", async () => {
    const zone = "America/Los_Angeles";
    const shop = await createShop("estimator");
    await prisma.shop.update({ where: { domain: shop }, data: { timezone: zone } });
    // 40 delivered parcels of the lane, 2–4 business days after shipping: a window of Mon 9 – Wed 11 March.
    for (const [index, businessDays] of [
      ...Array<number>(8).fill(2),
      ...Array<number>(24).fill(3),
      ...Array<number>(8).fill(4),
    ].entries()) {
      const shippedAt = new Date(Date.parse("2026-02-23T18:00:00Z") - index * 7 * DAY);
      const deliveryDay = addBusinessDays(dayNumberAt(shippedAt, zone), businessDays, "US");
      const history = await createParcel(shop, { status: "delivered", shippedAt, smsOptIn: false });
      await prisma.shipment.update({
        where: { id: history.id },
        data: { deliveredAt: new Date(deliveryDay * DAY + 21 * HOUR) },
      });
      await prisma.order.update({
        where: { id: history.orderId },
        data: {
          orderedAt: new Date(shippedAt.getTime() - DAY),
          destinationCountry: "US",
          destinationProvince: "CA",
        },
      });
    }
    const shippedAt = new Date("2026-03-05T17:00:00Z");
    // The merchant's promise before Parcelwise learned the lane: by Monday 9 March.
    const promise = { start: new Date("2026-03-06T08:00:00Z"), end: new Date("2026-03-10T06:59:59.999Z") };
    const parcel = await createParcel(shop, {
      status: "in_transit",
      scans: [{ status: "in_transit", at: new Date("2026-03-05T20:00:00Z") }],
      shippedAt,
      window: promise,
      smsOptIn: false,
    });
    await prisma.order.update({
      where: { id: parcel.orderId },
      data: {
        orderedAt: new Date("2026-03-04T18:00:00Z"),
        destinationCountry: "US",
        destinationProvince: "CA",
      },
    });
    const estimatedAt = new Date("2026-03-05T21:00:00Z");

    const estimate = await estimateShipmentWindow({ shop, shipmentId: parcel.id, now: estimatedAt });

    expect(estimate?.window.latestAt).toEqual(new Date("2026-03-12T06:59:59.999Z"));
    expect(await shipmentById(parcel.id)).toMatchObject({
      attention: "late",
      attentionReason: "window_moved_past_promise",
      attentionSince: estimatedAt,
    });
    expect(await outbox(shop)).toEqual([
      {
        key: `${parcel.id}:delayed:window_moved:email`,
        substatus: "window_moved",
        status: "queued",
        eventAt: estimatedAt,
      },
    ]);
    // Estimating again (nothing changed) and the watch find nothing more to say.
    await estimateShipmentWindow({ shop, shipmentId: parcel.id, now: later(HOUR, estimatedAt) });
    await watch(shop, later(2 * HOUR, estimatedAt));
    expect(await outbox(shop)).toHaveLength(1);
    expect(await flowJobs(shop)).toHaveLength(1);
  });
});

describe("likely lost", () => {
  it("flags a parcel silent for three times its lane's stuck threshold and past its window, not before, once", async () => {
    const shop = await createShop("lost");
    // No history: the in-transit default threshold is 96 h, so likely lost after 12 days of silence.
    const parcel = await createParcel(shop, {
      status: "in_transit",
      substatus: "departed",
      scans: inTransit(11 * DAY),
      window: { start: ago(9 * DAY), end: ago(5 * DAY) },
      smsOptIn: false,
    });
    // As silent, but its (revised) window is still ahead: not given up on.
    const insideWindow = await createParcel(shop, {
      status: "in_transit",
      scans: inTransit(13 * DAY),
      window: { start: ago(DAY), end: later(5 * DAY) },
      smsOptIn: false,
    });

    await watch(shop);
    expect((await shipmentById(parcel.id)).attention).toBe("late");

    const twelveDaysSilent = later(DAY + HOUR);
    await watch(shop, twelveDaysSilent);
    expect(await shipmentById(parcel.id)).toMatchObject({
      attention: "lost",
      attentionReason: "silent_beyond_tail",
      attentionOwner: "carrier",
      attentionSince: twelveDaysSilent,
    });
    expect((await shipmentById(insideWindow.id)).attention).toBe("stuck");
    // The merchant's call: Flow hears it, the shopper (told it is late) is not told "lost" on a guess.
    expect((await outbox(shop)).map((row) => row.key)).toEqual([
      `${parcel.id}:delayed:late:email`,
      `${insideWindow.id}:delayed:stuck:email`,
    ]);
    expect(await flowJobs(shop)).toContainEqual({
      key: `flow.trigger:exception:${parcel.id}`,
      status: "queued",
      payload: {
        shipmentId: parcel.id,
        trigger: "exception",
        reason: "Likely lost: no carrier scan for 12 days",
      },
    });

    await markFlowJobsDone(shop);
    await watch(shop, later(2 * HOUR, twelveDaysSilent));
    expect((await flowJobs(shop)).every((job) => job.status === "done")).toBe(true);

    // Found: a scan after the flag. Still past its window, so late again, without a new alert.
    await addScans(shop, parcel.id, [
      { status: "in_transit", substatus: "arrived", at: later(3 * HOUR, twelveDaysSilent) },
    ]);
    const foundAt = later(4 * HOUR, twelveDaysSilent);
    await watch(shop, foundAt);
    expect(await shipmentById(parcel.id)).toMatchObject({
      attention: "late",
      attentionReason: "window_passed",
      attentionOwner: "carrier",
    });
    expect(await outbox(shop)).toHaveLength(2);
    expect((await flowJobs(shop)).every((job) => job.status === "done")).toBe(true);
  });

  it("never calls a parcel the carrier never had lost, nor one waiting at a pickup point", async () => {
    const shop = await createShop("not-lost");
    const labelOnly = await createParcel(shop, {
      status: "pre_transit",
      scans: [{ status: "pre_transit", at: ago(30 * DAY) }],
      shippedAt: ago(30 * DAY),
      smsOptIn: false,
    });
    const atPickupPoint = await createParcel(shop, {
      status: "ready_for_pickup",
      substatus: "ready_for_pickup",
      scans: [{ status: "ready_for_pickup", at: ago(30 * DAY) }],
      smsOptIn: false,
    });
    await watch(shop);
    expect(await shipmentById(labelOnly.id)).toMatchObject({
      attention: "stuck",
      attentionReason: "label_never_scanned",
      attentionOwner: "merchant",
    });
    expect(await shipmentById(atPickupPoint.id)).toMatchObject({
      attention: "stuck",
      attentionOwner: "shopper",
    });
  });
});

describe("a watcher's finding", () => {
  it("applies over no flag or a lower one only, and only to the parcel as the watcher read it", async () => {
    const shop = await createShop("race");
    const parcel = await createParcel(shop, {
      status: "in_transit",
      scans: inTransit(DAY),
      attention: { kind: "exception", reason: "weather", owner: "weather", since: ago(DAY) },
      smsOptIn: false,
    });
    const raise = (kind: "late" | "lost", read = { status: "in_transit", lastEventAt: ago(DAY) }) =>
      prisma.$transaction((tx) =>
        raiseAttention(tx, {
          shop,
          shipmentId: parcel.id,
          read,
          finding: { kind, reason: "window_passed", owner: "carrier" },
          now: NOW,
        }),
      );

    expect(await raise("late")).toBe(false);
    expect((await shipmentById(parcel.id)).attention).toBe("exception");
    // A scan landed after the watcher read the parcel: its finding is about a parcel that no longer exists.
    expect(await raise("lost", { status: "in_transit", lastEventAt: ago(2 * DAY) })).toBe(false);
    expect(await raise("lost")).toBe(true);
    expect(await shipmentById(parcel.id)).toMatchObject({ attention: "lost", attentionSince: NOW });
  });
});

describe("the hourly job", () => {
  it("is the watch", () => {
    expect(JOB_HANDLERS[STUCK_SHIPMENTS_JOB_TYPE]).toBe(runDeliveryWatchJob);
  });
});
