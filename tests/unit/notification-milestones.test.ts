import { describe, expect, it } from "vitest";
import {
  lateTrigger,
  milestonesForChange,
  stuckTrigger,
  MILESTONE_PROGRESS,
  type MilestoneState,
} from "../../app/models/notification-milestones";
import { MILESTONES } from "../../app/models/notification-rules";
import type { ShipmentStatus } from "../../app/models/shipment-status";

// Which shopper-facing messages (and Shopify Flow triggers) a change of a parcel's state queues. Each row is
// one change as a webhook or a carrier poll would report it; the expectation is what the shopper will hear
// about (the idempotency key, so "one message per key") and what the merchant's Flow automations receive.

const HOUR = 3_600_000;
const NOW = new Date("2026-06-10T12:00:00.000Z");
const SCAN = new Date("2026-06-10T11:42:00.000Z");
const ESTIMATE = new Date("2026-06-13T18:00:00.000Z");
const hoursAfter = (date: Date, hours: number) => new Date(date.getTime() + hours * HOUR);

function state(
  status: ShipmentStatus,
  substatus: string | null = null,
  extra: Partial<MilestoneState> = {},
): MilestoneState {
  return { status, substatus, lastEventAt: SCAN, ...extra };
}

type Expected = { key: string; milestone: string; substatus: string | null; flow: string | null };

const shipped = (substatus: string | null = null): Expected => ({
  key: "shipped",
  milestone: "shipped",
  substatus,
  flow: null,
});
// Customs and the local carrier's hand-off are different news: each is told once.
const inTransitUpdate = (substatus: string): Expected => ({
  key: `in_transit_update:${substatus}`,
  milestone: "in_transit_update",
  substatus,
  flow: null,
});
const delayed = (substatus: string | null, key = `delayed:${substatus ?? "carrier"}`): Expected => ({
  key,
  milestone: "delayed",
  substatus,
  flow: "delayed",
});
const exception = (substatus: string): Expected => ({
  key: `exception:${substatus}`,
  milestone: "exception",
  substatus,
  flow: "exception",
});

type Row = [description: string, before: MilestoneState | null, after: MilestoneState, expected: Expected[]];

const TABLE: Row[] = [
  // Shipped: the first sign of the parcel leaving.
  ["first seen with a label", null, state("pre_transit", "label_created"), [shipped("label_created")]],
  [
    "pending → pre_transit",
    state("pending"),
    state("pre_transit", "info_received"),
    [shipped("info_received")],
  ],
  ["pending → in_transit", state("pending"), state("in_transit", "picked_up"), [shipped("picked_up")]],
  [
    "pre_transit → in_transit",
    state("pre_transit", "label_created"),
    state("in_transit", "picked_up"),
    [shipped("picked_up")],
  ],
  ["first seen already in transit", null, state("in_transit", "departed"), [shipped("departed")]],
  [
    "first seen at customs",
    null,
    state("in_transit", "customs"),
    [shipped("customs"), inTransitUpdate("customs")],
  ],
  [
    "pre_transit substatus change (label → info)",
    state("pre_transit", "label_created"),
    state("pre_transit", "info_received"),
    [],
  ],

  // In transit: only customs and the hand-off to the local carrier are news.
  [
    "in_transit → in_transit, customs reached",
    state("in_transit", "departed"),
    state("in_transit", "customs"),
    [inTransitUpdate("customs")],
  ],
  [
    "in_transit → in_transit, local carrier took over",
    state("in_transit", "customs"),
    state("in_transit", "hand_off"),
    [inTransitUpdate("hand_off")],
  ],
  [
    "in_transit → in_transit, substatus unchanged (customs)",
    state("in_transit", "customs"),
    state("in_transit", "customs"),
    [],
  ],
  [
    "in_transit → in_transit, ordinary scan",
    state("in_transit", "departed"),
    state("in_transit", "arrived"),
    [],
  ],
  ["delayed → in_transit (moving again)", state("delayed", "weather"), state("in_transit", "departed"), []],
  [
    "out_for_delivery → in_transit (back to the depot)",
    state("out_for_delivery"),
    state("in_transit", "arrived"),
    [],
  ],

  // The last mile.
  [
    "in_transit → out_for_delivery",
    state("in_transit", "arrived"),
    state("out_for_delivery", "out_for_delivery"),
    [{ key: "out_for_delivery", milestone: "out_for_delivery", substatus: "out_for_delivery", flow: null }],
  ],
  [
    "pending → out_for_delivery (only out for delivery, no shipped)",
    state("pending"),
    state("out_for_delivery"),
    [{ key: "out_for_delivery", milestone: "out_for_delivery", substatus: null, flow: null }],
  ],
  [
    "out_for_delivery → out_for_delivery, another scan",
    state("out_for_delivery", "out_for_delivery"),
    state("out_for_delivery", null),
    [],
  ],
  [
    "in_transit → ready_for_pickup",
    state("in_transit", "arrived"),
    state("ready_for_pickup", "ready_for_pickup"),
    [{ key: "ready_for_pickup", milestone: "ready_for_pickup", substatus: "ready_for_pickup", flow: null }],
  ],
  [
    "out_for_delivery → delivered",
    state("out_for_delivery"),
    state("delivered", "left_at_door"),
    [{ key: "delivered", milestone: "delivered", substatus: "left_at_door", flow: "delivered" }],
  ],
  [
    "attempted → delivered",
    state("attempted", "not_home"),
    state("delivered", "neighbour"),
    [{ key: "delivered", milestone: "delivered", substatus: "neighbour", flow: "delivered" }],
  ],
  [
    "delivered → delivered, substatus refined",
    state("delivered", "delivered"),
    state("delivered", "signed"),
    [],
  ],

  // History, not news.
  ["first seen already delivered", null, state("delivered", "signed"), []],
  ["first seen already returned", null, state("returned", "returned_to_sender"), []],

  // Delays, keyed by their reason.
  [
    "in_transit → delayed (weather)",
    state("in_transit", "departed"),
    state("delayed", "weather"),
    [delayed("weather")],
  ],
  ["delayed → delayed, same reason again", state("delayed", "weather"), state("delayed", "weather"), []],
  [
    "delayed → delayed, a new reason",
    state("delayed", "weather"),
    state("delayed", "customs_delay"),
    [delayed("customs_delay")],
  ],
  [
    "in_transit → delayed without a reason",
    state("in_transit"),
    state("delayed", null),
    [delayed(null, "delayed:carrier")],
  ],

  // Problems: attempted, exception and returned are all "exception" messages keyed by what went wrong.
  [
    "out_for_delivery → attempted (not home)",
    state("out_for_delivery"),
    state("attempted", "not_home"),
    [exception("not_home")],
  ],
  [
    "attempted (not home) → exception (address problem): a second exception",
    state("attempted", "not_home"),
    state("exception", "address_problem"),
    [exception("address_problem")],
  ],
  [
    "attempted → attempted, not home → access problem",
    state("attempted", "not_home"),
    state("attempted", "access_problem"),
    [exception("access_problem")],
  ],
  [
    "attempted → attempted, not home again",
    state("attempted", "not_home"),
    state("attempted", "not_home"),
    [],
  ],
  ["exception → exception, damaged again", state("exception", "damaged"), state("exception", "damaged"), []],
  [
    "in_transit → exception without a reason",
    state("in_transit"),
    state("exception", null),
    [exception("exception")],
  ],
  [
    "out_for_delivery → attempted without a reason",
    state("out_for_delivery"),
    state("attempted", null),
    [exception("attempted")],
  ],
  [
    "exception → returned without a reason",
    state("exception", "refused"),
    state("returned", null),
    [exception("returned")],
  ],
  [
    "in_transit → returned to sender",
    state("in_transit"),
    state("returned", "returned_to_sender"),
    [exception("returned_to_sender")],
  ],
  ["first seen lost", null, state("exception", "lost"), [exception("lost")]],

  // Shopify-side corrections are not news.
  ["fulfillment cancelled", state("in_transit", "departed"), state("exception", "fulfillment_cancelled"), []],
  ["label voided", state("pre_transit", "label_created"), state("pending", "label_voided"), []],
  ["first seen with a cancelled fulfillment", null, state("exception", "fulfillment_cancelled"), []],

  // The carrier's estimate moving later.
  [
    "estimate moved 6 h later",
    state("in_transit", "departed", { carrierEstimatedAt: ESTIMATE }),
    state("in_transit", "departed", { carrierEstimatedAt: hoursAfter(ESTIMATE, 6) }),
    [],
  ],
  [
    "estimate moved 12 h later (the threshold)",
    state("in_transit", "departed", { carrierEstimatedAt: ESTIMATE }),
    state("in_transit", "departed", { carrierEstimatedAt: hoursAfter(ESTIMATE, 12) }),
    [delayed("window_moved")],
  ],
  [
    "estimate moved 30 h later",
    state("in_transit", "departed", { carrierEstimatedAt: ESTIMATE }),
    state("in_transit", "departed", { carrierEstimatedAt: hoursAfter(ESTIMATE, 30) }),
    [delayed("window_moved")],
  ],
  [
    "estimate moved 30 h earlier",
    state("in_transit", "departed", { carrierEstimatedAt: ESTIMATE }),
    state("in_transit", "departed", { carrierEstimatedAt: hoursAfter(ESTIMATE, -30) }),
    [],
  ],
  [
    "first estimate appears",
    state("in_transit", "departed", { carrierEstimatedAt: null }),
    state("in_transit", "departed", { carrierEstimatedAt: ESTIMATE }),
    [],
  ],
  [
    "estimate dropped",
    state("in_transit", "departed", { carrierEstimatedAt: ESTIMATE }),
    state("in_transit", "departed", { carrierEstimatedAt: null }),
    [],
  ],
  [
    "estimate moved 30 h later with a new delay reason",
    state("in_transit", "departed", { carrierEstimatedAt: ESTIMATE }),
    state("delayed", "weather", { carrierEstimatedAt: hoursAfter(ESTIMATE, 30) }),
    [delayed("weather"), delayed("window_moved")],
  ],
  [
    "delivered while the estimate moved 30 h later",
    state("out_for_delivery", null, { carrierEstimatedAt: ESTIMATE }),
    state("delivered", "signed", { carrierEstimatedAt: hoursAfter(ESTIMATE, 30) }),
    [{ key: "delivered", milestone: "delivered", substatus: "signed", flow: "delivered" }],
  ],
  [
    "delivered parcel's estimate moving",
    state("delivered", "signed", { carrierEstimatedAt: ESTIMATE }),
    state("delivered", "signed", { carrierEstimatedAt: hoursAfter(ESTIMATE, 30) }),
    [],
  ],
  [
    "returned parcel's estimate moving",
    state("returned", "returned_to_sender", { carrierEstimatedAt: ESTIMATE }),
    state("returned", "returned_to_sender", { carrierEstimatedAt: hoursAfter(ESTIMATE, 30) }),
    [],
  ],
  [
    "cancelled fulfillment's estimate moving",
    state("in_transit", "departed", { carrierEstimatedAt: ESTIMATE }),
    state("exception", "fulfillment_cancelled", { carrierEstimatedAt: hoursAfter(ESTIMATE, 30) }),
    [],
  ],
];

describe("milestonesForChange", () => {
  it.each(TABLE)("%s", (_, before, after, expected) => {
    const triggers = milestonesForChange({ before, after, now: NOW });
    expect(
      triggers.map(({ key, milestone, substatus, flow }) => ({ key, milestone, substatus, flow })),
    ).toEqual(expected);
  });

  it("dates a milestone by the scan that caused it, so a carrier's backlog is recognised as old news", () => {
    const [trigger] = milestonesForChange({
      before: state("in_transit"),
      after: state("out_for_delivery", null, { lastEventAt: new Date("2026-06-06T09:00:00.000Z") }),
      now: NOW,
    });
    expect(trigger?.eventAt).toEqual(new Date("2026-06-06T09:00:00.000Z"));
  });

  it("dates a milestone without a scan time (a Shopify status) at the moment Parcelwise learned it", () => {
    const [trigger] = milestonesForChange({
      before: null,
      after: state("pre_transit", "marked_fulfilled", { lastEventAt: null }),
      now: NOW,
    });
    expect(trigger?.eventAt).toEqual(NOW);
  });

  it("dates a moved estimate when Parcelwise noticed it, not by the parcel's last (old) scan", () => {
    const triggers = milestonesForChange({
      before: state("in_transit", "departed", {
        carrierEstimatedAt: ESTIMATE,
        lastEventAt: new Date("2026-06-05T08:00:00.000Z"),
      }),
      after: state("in_transit", "departed", {
        carrierEstimatedAt: hoursAfter(ESTIMATE, 30),
        lastEventAt: new Date("2026-06-05T08:00:00.000Z"),
      }),
      now: NOW,
    });
    expect(triggers).toEqual([
      {
        milestone: "delayed",
        substatus: "window_moved",
        eventAt: NOW,
        key: "delayed:window_moved",
        flow: "delayed",
      },
    ]);
  });

  it("gives two exceptions for different problems different keys, so the second is not dropped as a repeat", () => {
    const first = milestonesForChange({
      before: state("out_for_delivery"),
      after: state("attempted", "not_home"),
      now: NOW,
    });
    const second = milestonesForChange({
      before: state("attempted", "not_home"),
      after: state("exception", "address_problem"),
      now: NOW,
    });
    expect(first.map((trigger) => trigger.key)).toEqual(["exception:not_home"]);
    expect(second.map((trigger) => trigger.key)).toEqual(["exception:address_problem"]);
  });
});

describe("a parcel with its own predicted window", () => {
  it("is not told the window moved when only the carrier's estimate moves: its window is the promise", () => {
    const windowEnd = hoursAfter(ESTIMATE, 24);
    const triggers = milestonesForChange({
      before: state("in_transit", "departed", { carrierEstimatedAt: ESTIMATE, windowEnd }),
      after: state("in_transit", "departed", { carrierEstimatedAt: hoursAfter(ESTIMATE, 30), windowEnd }),
      now: NOW,
    });
    expect(triggers).toEqual([]);
  });
});

describe("lateTrigger", () => {
  it("tells the shopper once that the window passed, as waiting for the first scan when the carrier never had it", () => {
    const windowEnd = new Date("2026-06-08T23:59:59.999Z");
    expect(lateTrigger({ cause: "window_passed", neverScanned: false, becameLateAt: windowEnd })).toEqual({
      milestone: "delayed",
      substatus: "late",
      eventAt: windowEnd,
      key: "delayed:late",
      flow: "delayed",
    });
    expect(
      lateTrigger({ cause: "window_passed", neverScanned: true, becameLateAt: windowEnd }),
    ).toMatchObject({
      substatus: "late_handoff",
      key: "delayed:late",
    });
  });

  it("shares the moved-window key with the carrier's moved estimate, so the shopper hears it once", () => {
    expect(
      lateTrigger({ cause: "window_moved_past_promise", neverScanned: false, becameLateAt: NOW }),
    ).toEqual({
      milestone: "delayed",
      substatus: "window_moved",
      eventAt: NOW,
      key: "delayed:window_moved",
      flow: "delayed",
    });
  });
});

describe("stuckTrigger", () => {
  it("is a delay the shopper hears about once, announced to Flow as 'stuck', dated when it was found", () => {
    expect(stuckTrigger(NOW)).toEqual({
      milestone: "delayed",
      substatus: "stuck",
      eventAt: NOW,
      key: "delayed:stuck",
      flow: "stuck",
    });
  });

  it("does not share a key with a carrier-reported delay, so both can reach the shopper", () => {
    const carrierDelay = milestonesForChange({
      before: state("in_transit"),
      after: state("delayed", "carrier"),
      now: NOW,
    });
    expect(carrierDelay.map((trigger) => trigger.key)).not.toContain(stuckTrigger(NOW).key);
  });
});

describe("MILESTONE_PROGRESS", () => {
  it("ranks every milestone, strictly increasing along the parcel's journey", () => {
    expect(Object.keys(MILESTONE_PROGRESS).sort()).toEqual([...MILESTONES].sort());
    const journey = (["shipped", "in_transit_update", "out_for_delivery", "delivered"] as const).map(
      (milestone) => MILESTONE_PROGRESS[milestone],
    );
    expect(journey).toEqual([...journey].sort((a, b) => a - b));
    expect(new Set(journey).size).toBe(journey.length);
  });
});
