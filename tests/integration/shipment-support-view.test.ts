import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { recheckShipmentNow } from "../../app/models/carrier-recheck.server";
import { refreshShipment } from "../../app/models/carrier-refresh.server";
import { listResendOptions, resendNotification } from "../../app/models/notification-resend.server";
import {
  assignCarrier,
  CarrierConfirmationError,
  correctShipmentCarrier,
  shopCarrierCorrections,
  shopCarrierHistory,
} from "../../app/models/shipment-carrier.server";
import { getShipmentDetail } from "../../app/models/shipment-detail.server";
import { runShipmentSupportAction } from "../../app/models/shipment-support-actions.server";
import type { CarrierCode } from "../../app/services/carriers/carrier-adapter";
import { createCarrierStandin, type CarrierStandin } from "../../carrier-standins";

// The support view's actions on both databases: re-check the carrier now, correct the carrier (remembered for
// the shop's next numbers like it), send a message again, and the page's read; never across shops.

const SHOP = "support-view.myshopify.com";
const OTHER_SHOP = "someone-else.myshopify.com";
const NOW = new Date("2026-11-20T12:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

let standin: CarrierStandin;
let serial = 0;

beforeAll(async () => {
  // Journeys that began this morning: the parcels are still moving at NOW.
  standin = await createCarrierStandin({ clock: () => NOW, journeyEpoch: new Date("2026-11-20T06:00:00Z") });
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  await prisma.shop.deleteMany({});
  for (const domain of [SHOP, OTHER_SHOP])
    await prisma.shop.create({ data: { domain, name: domain, settings: { create: {} } } });
});

const standinConnection = async ({ carrier }: { shop: string; carrier: CarrierCode }) => ({
  credentials: standin.credentialsFor(carrier),
  baseUrl: standin.baseUrlFor(carrier),
  source: "shop" as const,
});

const refreshFromStandin: typeof refreshShipment = (input) =>
  refreshShipment({ ...input, connect: standinConnection });

async function shipmentFor(
  shop: string,
  fields: {
    trackingNumber?: string;
    trackingCompany?: string | null;
    carrier?: string | null;
    status?: string;
  } = {},
) {
  serial += 1;
  const order = await prisma.order.create({
    data: {
      shop,
      shopifyId: `gid://shopify/Order/${9000 + serial}`,
      name: `#${9000 + serial}`,
      orderedAt: NOW,
    },
  });
  return prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${9000 + serial}`,
      trackingNumber: fields.trackingNumber ?? "1Z5R89390357567127",
      trackingCompany: fields.trackingCompany ?? "UPS",
      carrier: fields.carrier === undefined ? "ups" : fields.carrier,
      status: fields.status ?? "in_transit",
      shippedAt: new Date("2026-11-18T09:00:00Z"),
    },
  });
}

const refreshJobs = (shipmentId: string) =>
  prisma.job.findMany({ where: { uniqueKey: `shipment.refresh:${shipmentId}` } });

describe("re-check carrier now", () => {
  it("asks the carrier at once through the shipment's one polling job, and hands the job back scheduled", async () => {
    const shipment = await shipmentFor(SHOP);
    const first = await recheckShipmentNow({
      shop: SHOP,
      shipmentId: shipment.id,
      now: NOW,
      refresh: refreshFromStandin,
    });
    expect(first).toMatchObject({ kind: "checked", outcome: "updated", checkedAt: NOW });
    expect(first?.kind === "checked" && first.newEvents).toBeGreaterThan(0);
    const jobs = await refreshJobs(shipment.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.lockedBy).toBeNull();
    if (first?.kind === "checked" && first.nextCheckAt) {
      expect([jobs[0]?.status, jobs[0]?.runAt.getTime()]).toEqual(["queued", first.nextCheckAt.getTime()]);
    }

    const second = await recheckShipmentNow({
      shop: SHOP,
      shipmentId: shipment.id,
      now: minutes(1),
      refresh: refreshFromStandin,
    });
    expect(second).toMatchObject({ kind: "checked", outcome: "unchanged", checkedAt: minutes(1) });
    expect(await refreshJobs(shipment.id)).toHaveLength(1);
    // Nothing new writes nothing, except when a person asked.
    const stored = await prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } });
    expect(stored.lastCheckedAt).toEqual(minutes(1));
  });

  it("leaves a check a worker is running alone, and reports a failure with its retry", async () => {
    const shipment = await shipmentFor(SHOP);
    await prisma.job.create({
      data: {
        shop: SHOP,
        type: "shipment.refresh",
        uniqueKey: `shipment.refresh:${shipment.id}`,
        payload: JSON.stringify({ shipmentId: shipment.id }),
        status: "running",
        lockedBy: "worker-1",
        lockedUntil: minutes(5),
      },
    });
    let asked = 0;
    const counting: typeof refreshShipment = async (input) => {
      asked += 1;
      return refreshFromStandin(input);
    };
    expect(
      await recheckShipmentNow({ shop: SHOP, shipmentId: shipment.id, now: NOW, refresh: counting }),
    ).toEqual({
      kind: "in_progress",
    });
    expect(asked).toBe(0);

    await prisma.job.updateMany({ where: { shop: SHOP }, data: { status: "done", lockedBy: null } });
    const failing: typeof refreshShipment = async () => {
      throw new Error("carrier_down: 503 from UPS");
    };
    const failed = await recheckShipmentNow({
      shop: SHOP,
      shipmentId: shipment.id,
      now: NOW,
      refresh: failing,
    });
    expect(failed).toMatchObject({ kind: "failed", message: "carrier_down: 503 from UPS" });
    const [job] = await refreshJobs(shipment.id);
    expect([job?.status, job?.lockedBy, job?.lastError]).toEqual([
      "queued",
      null,
      "carrier_down: 503 from UPS",
    ]);
  });

  it("answers while a slow carrier finishes in the background", async () => {
    const shipment = await shipmentFor(SHOP);
    let finish: () => void = () => undefined;
    const slow: typeof refreshShipment = (input) =>
      new Promise((resolve) => {
        finish = () => resolve(refreshFromStandin(input));
      });
    const answer = await recheckShipmentNow({
      shop: SHOP,
      shipmentId: shipment.id,
      now: NOW,
      refresh: slow,
      answerWaitMs: 20,
    });
    expect(answer).toEqual({ kind: "in_progress" });
    expect((await refreshJobs(shipment.id))[0]?.status).toBe("running");
    finish();
    await expect.poll(async () => (await refreshJobs(shipment.id))[0]?.status).not.toBe("running");
  });

  it("does not ask about a delivered parcel, nor touch another shop's", async () => {
    const delivered = await shipmentFor(SHOP, { status: "delivered" });
    expect(await recheckShipmentNow({ shop: SHOP, shipmentId: delivered.id, now: NOW })).toEqual({
      kind: "final",
      status: "delivered",
    });
    const theirs = await shipmentFor(OTHER_SHOP);
    expect(await recheckShipmentNow({ shop: SHOP, shipmentId: theirs.id, now: NOW })).toBeNull();
    const form = new FormData();
    form.set("intent", "recheck");
    expect(await runShipmentSupportAction({ shop: SHOP, shipmentId: theirs.id, form, now: NOW })).toBeNull();
    expect(await prisma.job.count()).toBe(0);
  });
});

describe("correcting the carrier", () => {
  // A local courier's numbers fit no known format: detection leaves them to the merchant's label.
  const LOCAL = { trackingCompany: "Speedy Local", carrier: null, trackingNumber: "SL123456789" };

  it("sets the carrier, starts tracking over, and remembers it for the shop's next numbers like it", async () => {
    const shipment = await shipmentFor(SHOP, LOCAL);
    await prisma.shipment.update({
      where: { id: shipment.id },
      data: { pollFailures: 3, lastPollError: "not_found: unknown number" },
    });
    const form = new FormData();
    form.set("intent", "correct-carrier");
    form.set("carrier", "canada_post");
    const result = await runShipmentSupportAction({ shop: SHOP, shipmentId: shipment.id, form, now: NOW });
    expect(result).toMatchObject({ tone: "success", title: "Carrier set to Canada Post" });
    const stored = await prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } });
    expect([stored.carrier, stored.carrierConfirmed, stored.pollFailures, stored.lastPollError]).toEqual([
      "canada_post",
      true,
      0,
      null,
    ]);
    expect(stored.trackingUrl).toBeTruthy();
    const [job] = await refreshJobs(shipment.id);
    expect([job?.status, job?.runAt.getTime()]).toEqual(["queued", NOW.getTime()]);

    const corrections = await shopCarrierCorrections(SHOP);
    const assign = (shop: string, trackingNumber: string, trackingCompany: string, known = corrections) =>
      assignCarrier({
        trackingNumber,
        trackingCompany,
        shopifyTrackingUrl: null,
        shopHistory: {},
        corrections: known,
      });
    expect(assign(SHOP, "SL987654321", "Speedy Local").carrier).toBe("canada_post");
    // Another label, or another shape of number, is not "like" it.
    expect(assign(SHOP, "SL987654321", "Other courier").carrier).toBeNull();
    expect(assign(SHOP, "SL98765", "Speedy Local").carrier).toBeNull();
    // Another shop learned nothing.
    expect(
      assign(OTHER_SHOP, "SL987654321", "Speedy Local", await shopCarrierCorrections(OTHER_SHOP)).carrier,
    ).toBeNull();
    expect(await shopCarrierHistory(SHOP)).toMatchObject({ canada_post: 1 });
  });

  it("refuses an unknown carrier and another shop's shipment, writing nothing", async () => {
    const shipment = await shipmentFor(SHOP, LOCAL);
    await expect(
      correctShipmentCarrier({ shop: SHOP, shipmentId: shipment.id, carrier: "pigeon_post" }),
    ).rejects.toThrow(CarrierConfirmationError);
    await expect(
      correctShipmentCarrier({ shop: OTHER_SHOP, shipmentId: shipment.id, carrier: "ups" }),
    ).rejects.toThrow(CarrierConfirmationError);
    const stored = await prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } });
    expect([stored.carrier, stored.carrierConfirmed]).toEqual([null, false]);
    expect(await prisma.job.count()).toBe(0);
  });
});

async function notification(
  shipment: { id: string; orderId: string; shop: string },
  fields: { milestone: string; channel?: string; status: string; key?: string },
) {
  serial += 1;
  return prisma.notification.create({
    data: {
      shop: shipment.shop,
      orderId: shipment.orderId,
      shipmentId: shipment.id,
      channel: fields.channel ?? "email",
      milestone: fields.milestone,
      status: fields.status,
      eventAt: minutes(-3000),
      idempotencyKey:
        fields.key ?? `${shipment.id}:${fields.milestone}:${fields.channel ?? "email"}:${serial}`,
      createdAt: minutes(-3000),
    },
  });
}

describe("sending a message again", () => {
  it("queues exactly one new message with its own key; a second click within the window queues nothing", async () => {
    const shipment = await shipmentFor(SHOP, { status: "in_transit" });
    const original = await notification(shipment, { milestone: "shipped", status: "sent" });
    expect(await listResendOptions({ shop: SHOP, shipmentId: shipment.id })).toEqual([
      { milestone: "shipped", channel: "email", lastStatus: "sent" },
    ]);

    const first = await resendNotification({
      shop: SHOP,
      shipmentId: shipment.id,
      milestone: "shipped",
      channel: "email",
      now: NOW,
    });
    expect(first?.kind).toBe("queued");
    const rows = await prisma.notification.findMany({
      where: { shipmentId: shipment.id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows).toHaveLength(2);
    const resent = rows[1];
    expect(resent?.id).not.toBe(original.id);
    expect(resent?.idempotencyKey).toMatch(new RegExp(`^${shipment.id}:resend:shipped:\\d+:email$`));
    expect([resent?.status, resent?.sendAfter.getTime(), resent?.eventAt?.getTime()]).toEqual([
      "queued",
      NOW.getTime(),
      NOW.getTime(),
    ]);
    // The automatic message's record is untouched.
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: original.id } })).status).toBe("sent");

    const again = await resendNotification({
      shop: SHOP,
      shipmentId: shipment.id,
      milestone: "shipped",
      channel: "email",
      now: minutes(4),
    });
    expect(again).toEqual({ kind: "already_queued", notificationId: resent?.id });
    expect(await prisma.notification.count({ where: { shipmentId: shipment.id } })).toBe(2);
    // While it is on its way, it is not offered again.
    expect(await listResendOptions({ shop: SHOP, shipmentId: shipment.id })).toEqual([]);

    // After the window, once the first resend went out, another one is a new message again.
    await prisma.notification.update({ where: { id: resent?.id }, data: { status: "sent" } });
    const later = await resendNotification({
      shop: SHOP,
      shipmentId: shipment.id,
      milestone: "shipped",
      channel: "email",
      now: minutes(30),
    });
    expect(later?.kind).toBe("queued");
    expect(await prisma.notification.count({ where: { shipmentId: shipment.id } })).toBe(3);
  });

  it("keeps the guardrails: no news the parcel moved past, no channel turned off, nothing beside a retrying send", async () => {
    const shipment = await shipmentFor(SHOP, { status: "out_for_delivery" });
    await notification(shipment, { milestone: "shipped", status: "sent" });
    const failed = await notification(shipment, { milestone: "out_for_delivery", status: "failed" });
    await notification(shipment, { milestone: "out_for_delivery", channel: "sms", status: "suppressed" });
    // Texts need the shopper's consent; none was given.
    expect(await listResendOptions({ shop: SHOP, shipmentId: shipment.id })).toEqual([]);
    for (const [milestone, channel] of [
      ["shipped", "email"],
      ["out_for_delivery", "email"],
      ["out_for_delivery", "sms"],
    ] as const) {
      const result = await resendNotification({
        shop: SHOP,
        shipmentId: shipment.id,
        milestone,
        channel,
        now: NOW,
      });
      expect(result?.kind, `${milestone} ${channel}`).toBe("not_allowed");
    }
    expect(await prisma.notification.count({ where: { shipmentId: shipment.id } })).toBe(3);
    const untouched = await prisma.notification.findUniqueOrThrow({ where: { id: failed.id } });
    expect([untouched.status, untouched.attempts]).toEqual(["failed", 0]);
  });

  it("is not found for another shop's shipment and writes nothing", async () => {
    const theirs = await shipmentFor(OTHER_SHOP);
    await notification(theirs, { milestone: "shipped", status: "sent" });
    expect(
      await resendNotification({
        shop: SHOP,
        shipmentId: theirs.id,
        milestone: "shipped",
        channel: "email",
        now: NOW,
      }),
    ).toBeNull();
    expect(await listResendOptions({ shop: SHOP, shipmentId: theirs.id })).toEqual([]);
    const form = new FormData();
    form.set("intent", "resend");
    form.set("message", "shipped:email");
    expect(await runShipmentSupportAction({ shop: SHOP, shipmentId: theirs.id, form, now: NOW })).toBeNull();
    expect(await prisma.notification.count({ where: { shipmentId: theirs.id } })).toBe(1);
  });
});

describe("the support view's read", () => {
  it("shows every window revision, the order's other shipments and help requests, and what can be sent again", async () => {
    const shipment = await shipmentFor(SHOP);
    const sibling = await prisma.shipment.create({
      data: {
        shop: SHOP,
        orderId: shipment.orderId,
        shopifyFulfillmentId: `${shipment.shopifyFulfillmentId}-2`,
        trackingNumber: "1Z5R89390357567128",
        carrier: "ups",
        status: "delivered",
      },
    });
    await prisma.deliveryEstimate.createMany({
      data: [
        {
          shop: SHOP,
          shipmentId: shipment.id,
          earliestAt: minutes(2000),
          latestAt: minutes(4000),
          basis: "lane",
          isOriginal: true,
          createdAt: minutes(-100),
        },
        {
          shop: SHOP,
          shipmentId: shipment.id,
          earliestAt: minutes(3000),
          latestAt: minutes(6000),
          basis: "carrier",
          createdAt: minutes(-50),
        },
      ],
    });
    await prisma.trackingEvent.create({
      data: {
        shop: SHOP,
        shipmentId: shipment.id,
        status: "in_transit",
        substatus: "in_transit",
        rawCode: "AR",
        rawText: "Arrived at Facility",
        occurredAt: minutes(-60),
        source: "carrier:ups",
        dedupeKey: "carrier:ups:1",
      },
    });
    const request = await prisma.supportRequest.create({
      data: {
        shop: SHOP,
        orderId: shipment.orderId,
        shipmentId: shipment.id,
        reason: "late",
        message: "Where is it?",
      },
    });
    await notification(shipment, { milestone: "shipped", status: "sent" });

    const detail = await getShipmentDetail({ shop: SHOP, shipmentId: shipment.id, now: NOW });
    expect(detail?.estimates.map((estimate) => [estimate.basis, estimate.isOriginal])).toEqual([
      ["lane", true],
      ["carrier", false],
    ]);
    expect(detail?.otherShipments.map((other) => other.id)).toEqual([sibling.id]);
    expect(detail?.helpRequests.map((help) => help.id)).toEqual([request.id]);
    expect(detail?.shipment.events[0]).toMatchObject({
      rawCode: "AR",
      rawText: "Arrived at Facility",
      source: "carrier:ups",
    });
    expect(detail?.resendOptions).toEqual([{ milestone: "shipped", channel: "email", lastStatus: "sent" }]);
    expect(detail?.carrierOptions).toContain("canada_post");
    expect(detail?.notifications.map((row) => row.resent)).toEqual([false]);
  });
});

describe("notes on the shipment itself", () => {
  it("keeps dated notes on a parcel nobody asked about, and never on another shop's", async () => {
    const shipment = await shipmentFor(SHOP);
    const note = (text: string, shipmentId = shipment.id) => {
      const form = new FormData();
      form.set("intent", "add-note");
      form.set("note", text);
      return runShipmentSupportAction({ shop: SHOP, shipmentId, form, now: NOW });
    };
    expect(await note("Called UPS: trace opened, ref 4411")).toMatchObject({ tone: "success" });
    expect(await note("   ")).toMatchObject({ tone: "critical", title: "Write a note first" });
    const detail = await getShipmentDetail({ shop: SHOP, shipmentId: shipment.id, now: NOW });
    expect(detail?.notes).toEqual([{ at: NOW.toISOString(), text: "Called UPS: trace opened, ref 4411" }]);

    const theirs = await shipmentFor(OTHER_SHOP);
    expect(await note("not mine", theirs.id)).toBeNull();
    expect((await prisma.shipment.findUniqueOrThrow({ where: { id: theirs.id } })).internalNotes).toBe("");
  });
});
