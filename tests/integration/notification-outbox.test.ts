import { afterEach, describe, expect, it } from "vitest";
import prisma, { rawSql } from "../../app/db.server";
import type { MilestoneTrigger } from "../../app/models/notification-milestones";
import {
  queueShipmentMilestones,
  queueShipmentMilestonesSql,
} from "../../app/models/notification-outbox.server";
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from "../../app/models/notification-rules";
import { claimDueNotifications } from "../../app/services/notifications/notification-claims.server";

// The outbox writers, on a real database: the Prisma one (carrier polls, the stuck watcher, the ORM webhook
// path) and the driver one (the fast webhook apply path) must queue exactly the same messages for the same
// change, once, only with the shopper's consent, and only in the shop the parcel belongs to.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY_MS = 24 * HOUR;
const NOW = new Date("2026-06-10T16:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
// The default burst window: scans within 10 minutes collapse into one message.
const DUE_AT = new Date(NOW.getTime() + 10 * MINUTE);
const STALE_REASON = "event older than 48 h when it reached Parcelwise";

afterEach(async () => {
  await prisma.shop.deleteMany({});
});

type Parcel = { shop: string; orderId: string; shipmentId: string };

let serial = 0;

async function createShop(rules?: Partial<NotificationRules> | string): Promise<string> {
  serial += 1;
  const domain = `outbox-${serial}.myshopify.com`;
  const notificationRules =
    rules === undefined
      ? undefined
      : typeof rules === "string"
        ? rules
        : JSON.stringify({ ...DEFAULT_NOTIFICATION_RULES, ...rules });
  await prisma.shop.create({
    data: { domain, name: `Outbox ${serial}`, settings: { create: { notificationRules } } },
  });
  return domain;
}

async function createParcel(shop: string, { smsOptIn }: { smsOptIn?: boolean } = {}): Promise<Parcel> {
  serial += 1;
  const order = await prisma.order.create({
    data: {
      shop,
      shopifyId: `gid://shopify/Order/${serial}`,
      name: `#${1000 + serial}`,
      orderedAt: ago(72 * HOUR),
    },
  });
  const shipment = await prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${serial}`,
      trackingNumber: `1Z999AA1012345678${serial % 10}`,
      carrier: "ups",
      status: "in_transit",
    },
  });
  if (smsOptIn !== undefined) await consent(shop, order.id, smsOptIn);
  return { shop, orderId: order.id, shipmentId: shipment.id };
}

async function consent(shop: string, orderId: string, smsOptIn: boolean) {
  await prisma.notificationPreference.create({
    data: {
      shop,
      orderId,
      emailOptIn: true,
      smsOptIn,
      phone: smsOptIn ? "+14155550123" : null,
      consentText: "Text me shipping updates",
      consentAt: ago(48 * HOUR),
      source: "thank_you",
    },
  });
}

function trigger(
  milestone: MilestoneTrigger["milestone"],
  {
    key = milestone,
    substatus = null,
    flow = null,
    eventAt = ago(5 * MINUTE),
  }: Partial<Omit<MilestoneTrigger, "milestone">> = {},
): MilestoneTrigger {
  return { milestone, substatus, eventAt, key, flow };
}

const WRITERS = {
  prisma: (parcel: Parcel, triggers: MilestoneTrigger[], now = NOW) =>
    prisma.$transaction((tx) =>
      queueShipmentMilestones(tx, { shop: parcel.shop, shipmentId: parcel.shipmentId, triggers, now }),
    ),
  driver: (parcel: Parcel, triggers: MilestoneTrigger[], now = NOW) =>
    rawSql.transaction((sql) =>
      queueShipmentMilestonesSql(sql, {
        shop: parcel.shop,
        shipmentId: parcel.shipmentId,
        orderId: parcel.orderId,
        triggers,
        now,
      }),
    ),
};
const EACH_WRITER = Object.entries(WRITERS);

// Sorted here, not by the database: PostgreSQL's collation and SQLite's byte order disagree on punctuation.
const byKey = (a: string | null, b: string | null) =>
  (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;

async function outbox(shop: string) {
  const rows = await prisma.notification.findMany({ where: { shop } });
  return rows.sort((a, b) => byKey(a.idempotencyKey, b.idempotencyKey));
}

async function jobs(shop: string) {
  const rows = await prisma.job.findMany({ where: { shop } });
  return rows.sort((a, b) => byKey(a.uniqueKey, b.uniqueKey));
}

// What a writer decided, without what the database chose (ids and its own clock).
async function writtenRows(shop: string) {
  return (await outbox(shop)).map(({ id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...row }) => row);
}

async function flowJobs(shop: string) {
  return (await jobs(shop)).map((job) => ({
    type: job.type,
    uniqueKey: job.uniqueKey,
    status: job.status,
    payload: JSON.parse(job.payload) as unknown,
  }));
}

const summary = async (shop: string) =>
  (await outbox(shop)).map((row) => [row.idempotencyKey.split(":").slice(1).join(":"), row.status]);

// One busy change: a parcel that shipped, cleared customs and could not be delivered, plus a three-day-old
// delivery scan from a carrier backlog and a delay without a stated reason.
const mixedTriggers = () => [
  trigger("shipped", { substatus: "picked_up", eventAt: ago(9 * MINUTE) }),
  trigger("in_transit_update", { substatus: "customs", eventAt: ago(8 * MINUTE) }),
  trigger("exception", { key: "exception:not_home", substatus: "not_home", flow: "exception" }),
  trigger("delayed", { key: "delayed:carrier", flow: "delayed" }),
  trigger("delivered", { substatus: "signed", flow: "delivered", eventAt: ago(72 * HOUR) }),
];

// Both writers on the same parcel, one after the other (the outbox emptied in between): what each decided.
async function bothWriters(parcel: Parcel, triggers: () => MilestoneTrigger[]) {
  const { shop } = parcel;
  await WRITERS.prisma(parcel, triggers());
  const viaPrisma = { rows: await writtenRows(shop), jobs: await flowJobs(shop) };
  await prisma.notification.deleteMany({ where: { shop } });
  await prisma.job.deleteMany({ where: { shop } });
  await WRITERS.driver(parcel, triggers());
  const viaDriver = { rows: await writtenRows(shop), jobs: await flowJobs(shop) };
  return { viaPrisma, viaDriver };
}

describe("the Prisma writer and the driver writer", () => {
  it("write identical rows and Flow jobs for the same triggers", async () => {
    const shop = await createShop();
    const parcel = await createParcel(shop);
    const { viaPrisma, viaDriver } = await bothWriters(parcel, mixedTriggers);

    expect(viaDriver).toEqual(viaPrisma);
    // …and what they both wrote is the right thing, so the comparison is not between two empty outboxes.
    const id = parcel.shipmentId;
    expect(viaPrisma.rows.map((row) => [row.idempotencyKey, row.status, row.suppressedReason])).toEqual([
      [`${id}:delayed:carrier:email`, "queued", null],
      [`${id}:delivered:email`, "suppressed", STALE_REASON],
      [`${id}:exception:not_home:email`, "queued", null],
      [`${id}:in_transit_update:email`, "queued", null],
      [`${id}:shipped:email`, "queued", null],
    ]);
    expect(viaPrisma.rows[0]).toMatchObject({
      shop,
      orderId: parcel.orderId,
      shipmentId: id,
      channel: "email",
      milestone: "delayed",
      substatus: null,
      eventAt: ago(5 * MINUTE),
      attempts: 0,
      sendAfter: DUE_AT,
      sentAt: null,
      leaseUntil: null,
    });
    expect(viaPrisma.rows.find((row) => row.milestone === "in_transit_update")).toMatchObject({
      substatus: "customs",
      eventAt: ago(8 * MINUTE),
    });
    expect(viaPrisma.jobs).toEqual([
      {
        type: "flow.trigger",
        uniqueKey: `flow.trigger:delayed:${id}`,
        status: "queued",
        payload: { shipmentId: id, trigger: "delayed" },
      },
      {
        type: "flow.trigger",
        uniqueKey: `flow.trigger:exception:${id}`,
        status: "queued",
        payload: { shipmentId: id, trigger: "exception", reason: "not_home" },
      },
    ]);
  });

  it("write identical rows for a shopper who agreed to texts, texts included", async () => {
    const shop = await createShop();
    const parcel = await createParcel(shop, { smsOptIn: true });
    const { viaPrisma, viaDriver } = await bothWriters(parcel, mixedTriggers);

    expect(viaPrisma.rows.filter((row) => row.channel === "sms").map((row) => row.milestone)).toEqual([
      "delayed",
      "delivered",
      "exception",
      "shipped",
    ]);
    expect(viaDriver).toEqual(viaPrisma);
  });

  it.each(EACH_WRITER)(
    "%s: its queued messages fall due when the burst window ends, and its suppressed ones never do",
    async (_, write) => {
      const shop = await createShop();
      const parcel = await createParcel(shop);
      await write(parcel, mixedTriggers());

      expect(await claimDueNotifications({ now: new Date(DUE_AT.getTime() - 1), limit: 100 })).toEqual([]);
      const claimed = await claimDueNotifications({ now: DUE_AT, limit: 100 });
      expect(claimed.map((claim) => `${claim.milestone}:${claim.channel}`).sort()).toEqual([
        "delayed:email",
        "exception:email",
        "in_transit_update:email",
        "shipped:email",
      ]);
      expect(claimed.find((claim) => claim.milestone === "exception")).toMatchObject({
        shop,
        shipmentId: parcel.shipmentId,
        substatus: "not_home",
        eventAt: ago(5 * MINUTE),
      });
    },
  );
});

describe.each(EACH_WRITER)("%s writer", (name, write) => {
  describe("idempotency", () => {
    it("writes nothing new when the same change is reported twice, and does not postpone the message", async () => {
      const shop = await createShop();
      const parcel = await createParcel(shop);
      await write(parcel, mixedTriggers());
      const first = await outbox(shop);
      const firstJobs = await jobs(shop);

      // Shopify retries the webhook five minutes later.
      await write(parcel, mixedTriggers(), new Date(NOW.getTime() + 5 * MINUTE));

      expect(await outbox(shop)).toEqual(first);
      expect(first).toHaveLength(5);
      // No second Flow job while the first is still queued.
      expect(await jobs(shop)).toEqual(firstJobs);
      expect(firstJobs).toHaveLength(2);
    });

    it("never queues a message again once it was sent", async () => {
      const shop = await createShop();
      const parcel = await createParcel(shop);
      const delivered = [trigger("delivered", { substatus: "signed", flow: "delivered" })];
      await write(parcel, delivered);
      await prisma.notification.updateMany({
        where: { shop },
        data: { status: "sent", sentAt: DUE_AT, providerMessageId: "msg-1" },
      });

      await write(parcel, delivered, new Date(NOW.getTime() + HOUR));

      expect(await summary(shop)).toEqual([["delivered:email", "sent"]]);
    });

    it("does not duplicate what the other writer already queued for the same change", async () => {
      const shop = await createShop();
      const parcel = await createParcel(shop);
      const other = write === WRITERS.prisma ? WRITERS.driver : WRITERS.prisma;
      await other(parcel, mixedTriggers());
      const before = await outbox(shop);
      const jobsBefore = await flowJobs(shop);

      await write(parcel, mixedTriggers());

      expect(await outbox(shop)).toEqual(before);
      expect(await flowJobs(shop)).toEqual(jobsBefore);
    });

    it("queues a second exception with a different cause alongside the first", async () => {
      const shop = await createShop();
      const parcel = await createParcel(shop);
      await write(parcel, [
        trigger("exception", { key: "exception:not_home", substatus: "not_home", flow: "exception" }),
      ]);
      await write(parcel, [
        trigger("exception", {
          key: "exception:address_problem",
          substatus: "address_problem",
          flow: "exception",
        }),
      ]);
      expect(await summary(shop)).toEqual([
        ["exception:address_problem:email", "queued"],
        ["exception:not_home:email", "queued"],
      ]);
    });
  });

  describe("text messages", () => {
    const shipped = () => [trigger("shipped", { substatus: "picked_up" })];

    it("queues only the email when the shopper never gave a preference", async () => {
      const shop = await createShop();
      const parcel = await createParcel(shop);
      await write(parcel, shipped());
      expect(await summary(shop)).toEqual([["shipped:email", "queued"]]);
    });

    it("queues only the email when the shopper declined texts", async () => {
      const shop = await createShop();
      const parcel = await createParcel(shop, { smsOptIn: false });
      await write(parcel, shipped());
      expect(await summary(shop)).toEqual([["shipped:email", "queued"]]);
    });

    it("queues the text too when the shopper agreed to texts for this order", async () => {
      const shop = await createShop();
      const parcel = await createParcel(shop, { smsOptIn: true });
      await write(parcel, shipped());
      expect(await summary(shop)).toEqual([
        ["shipped:email", "queued"],
        ["shipped:sms", "queued"],
      ]);
    });

    it("does not text about one order on the strength of consent given for another", async () => {
      const shop = await createShop();
      await createParcel(shop, { smsOptIn: true });
      const parcel = await createParcel(shop);
      await write(parcel, shipped());
      expect(await summary(shop)).toEqual([["shipped:email", "queued"]]);
    });

    it("sends no text for a milestone the merchant sends by email only, consent or not", async () => {
      const shop = await createShop({
        milestones: {
          ...DEFAULT_NOTIFICATION_RULES.milestones,
          shipped: { enabled: true, channels: ["email"] },
        },
      });
      const parcel = await createParcel(shop, { smsOptIn: true });
      await write(parcel, shipped());
      expect(await summary(shop)).toEqual([["shipped:email", "queued"]]);
    });
  });

  describe("old news", () => {
    it("records a stale scan as suppressed, with the reason, and tells Flow nothing", async () => {
      const shop = await createShop();
      const parcel = await createParcel(shop);
      await write(parcel, [
        trigger("exception", {
          key: "exception:not_home",
          substatus: "not_home",
          flow: "exception",
          eventAt: ago(49 * HOUR),
        }),
      ]);
      const rows = await outbox(shop);
      expect(rows.map((row) => [row.idempotencyKey, row.status, row.suppressedReason])).toEqual([
        [`${parcel.shipmentId}:exception:not_home:email`, "suppressed", STALE_REASON],
      ]);
      expect(await flowJobs(shop)).toEqual([]);
      expect(await claimDueNotifications({ now: new Date(NOW.getTime() + DAY_MS), limit: 100 })).toEqual([]);
    });

    it("still queues a scan exactly at the age limit", async () => {
      const shop = await createShop();
      const parcel = await createParcel(shop);
      await write(parcel, [trigger("delivered", { flow: "delivered", eventAt: ago(48 * HOUR) })]);
      expect(await summary(shop)).toEqual([["delivered:email", "queued"]]);
      expect(await flowJobs(shop)).toHaveLength(1);
    });

    it("uses the merchant's own age limit", async () => {
      const shop = await createShop({ maxEventAgeHours: 6 });
      const parcel = await createParcel(shop);
      await write(parcel, [trigger("out_for_delivery", { eventAt: ago(7 * HOUR) })]);
      expect((await outbox(shop)).map((row) => [row.status, row.suppressedReason])).toEqual([
        ["suppressed", "event older than 6 h when it reached Parcelwise"],
      ]);
    });
  });

  describe("the merchant's settings", () => {
    it("writes nothing for a milestone the merchant turned off", async () => {
      const shop = await createShop({
        milestones: {
          ...DEFAULT_NOTIFICATION_RULES.milestones,
          out_for_delivery: { enabled: false, channels: ["email", "sms"] },
        },
      });
      const parcel = await createParcel(shop, { smsOptIn: true });
      await write(parcel, [trigger("out_for_delivery")]);
      expect(await outbox(shop)).toEqual([]);
      expect(await flowJobs(shop)).toEqual([]);
    });

    it("still tells Flow about a delivery whose shopper message is turned off", async () => {
      const shop = await createShop({
        milestones: {
          ...DEFAULT_NOTIFICATION_RULES.milestones,
          delivered: { enabled: false, channels: ["email", "sms"] },
        },
      });
      const parcel = await createParcel(shop, { smsOptIn: true });
      await write(parcel, [trigger("delivered", { substatus: "signed", flow: "delivered" })]);
      expect(await outbox(shop)).toEqual([]);
      expect(await flowJobs(shop)).toEqual([
        {
          type: "flow.trigger",
          uniqueKey: `flow.trigger:delivered:${parcel.shipmentId}`,
          status: "queued",
          payload: { shipmentId: parcel.shipmentId, trigger: "delivered", reason: "signed" },
        },
      ]);
    });

    it("uses the merchant's burst window", async () => {
      const shop = await createShop({ burstWindowMinutes: 0 });
      const parcel = await createParcel(shop);
      await write(parcel, [trigger("out_for_delivery")]);
      expect((await outbox(shop)).map((row) => row.sendAfter)).toEqual([NOW]);
    });

    it("falls back to the defaults when the stored rules are unreadable", async () => {
      const shop = await createShop("{not json");
      const parcel = await createParcel(shop);
      await write(parcel, [trigger("shipped"), trigger("in_transit_update", { substatus: "customs" })]);
      const rows = await outbox(shop);
      // Default rules: both milestones on, by email, after the 10-minute burst window.
      expect(rows.map((row) => [row.milestone, row.channel, row.status, row.sendAfter])).toEqual([
        ["in_transit_update", "email", "queued", DUE_AT],
        ["shipped", "email", "queued", DUE_AT],
      ]);
    });
  });

  describe("shop scoping", () => {
    it("neither reuses nor touches another shop's rows and jobs under the same keys", async () => {
      const shopA = await createShop();
      const shopB = await createShop();
      const parcel = await createParcel(shopA);
      const other = await createParcel(shopB);
      // Shop B already has rows under the very keys shop A's parcel will use.
      const key = `${parcel.shipmentId}:delivered:email`;
      await prisma.notification.create({
        data: {
          shop: shopB,
          orderId: other.orderId,
          shipmentId: other.shipmentId,
          channel: "email",
          milestone: "delivered",
          idempotencyKey: key,
          status: "sent",
          sentAt: ago(HOUR),
          sendAfter: ago(2 * HOUR),
        },
      });
      await prisma.job.create({
        data: {
          shop: shopB,
          type: "flow.trigger",
          uniqueKey: `flow.trigger:delivered:${parcel.shipmentId}`,
          status: "done",
          payload: JSON.stringify({ shipmentId: other.shipmentId, trigger: "delivered" }),
        },
      });
      const shopBRows = await outbox(shopB);
      const shopBJobs = await jobs(shopB);

      await write(parcel, [trigger("delivered", { substatus: "signed", flow: "delivered" })]);

      expect(await summary(shopA)).toEqual([["delivered:email", "queued"]]);
      expect((await outbox(shopA))[0]?.idempotencyKey).toBe(key);
      expect(await flowJobs(shopA)).toEqual([
        expect.objectContaining({
          uniqueKey: `flow.trigger:delivered:${parcel.shipmentId}`,
          status: "queued",
        }),
      ]);
      expect(await outbox(shopB)).toEqual(shopBRows);
      expect(await jobs(shopB)).toEqual(shopBJobs);
    });

    it("follows the settings of the parcel's own shop, not its neighbours'", async () => {
      const before = await createShop({
        milestones: { ...DEFAULT_NOTIFICATION_RULES.milestones, shipped: { enabled: false, channels: [] } },
      });
      const shop = await createShop({ burstWindowMinutes: 30 });
      const after = await createShop({ burstWindowMinutes: 0 });
      await createParcel(before);
      const parcel = await createParcel(shop);
      await createParcel(after);
      await write(parcel, [trigger("shipped")]);
      expect((await outbox(shop)).map((row) => [row.milestone, row.sendAfter])).toEqual([
        ["shipped", new Date(NOW.getTime() + 30 * MINUTE)],
      ]);
      expect(await outbox(before)).toEqual([]);
      expect(await outbox(after)).toEqual([]);
    });
  });

  it("writes nothing when there is nothing to say", async () => {
    const shop = await createShop();
    const parcel = await createParcel(shop, { smsOptIn: true });
    await write(parcel, []);
    expect(await outbox(shop)).toEqual([]);
    expect(await flowJobs(shop)).toEqual([]);
  });
});

describe("the Prisma writer", () => {
  it("writes nothing for a shipment that belongs to another shop", async () => {
    const shopA = await createShop();
    const shopB = await createShop();
    const parcel = await createParcel(shopA, { smsOptIn: true });
    await WRITERS.prisma({ ...parcel, shop: shopB }, [trigger("delivered", { flow: "delivered" })]);
    expect(await prisma.notification.count()).toBe(0);
    expect(await prisma.job.count()).toBe(0);
  });
});
