import { describe, expect, it } from "vitest";
import { milestonesForChange, type MilestoneState } from "../../app/models/notification-milestones";
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from "../../app/models/notification-rules";
import {
  judgeNotification,
  type DueNotification,
  type SiblingNotification,
  type Verdict,
} from "../../app/services/notifications/guardrails";

// The merchant's guardrails, one verdict at a time. The reasons are what the Notifications page shows next to
// a message that was held or dropped, so they are asserted verbatim.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NEW_YORK = "America/New_York";

// Wall-clock times in New York in June (EDT, UTC−4).
const ny = (local: string) => new Date(`${local}:00.000-04:00`);
// 14:00 in New York: outside the default quiet hours (21:00–08:00).
const AFTERNOON = ny("2026-06-10T14:00");
const ago = (ms: number, from = AFTERNOON) => new Date(from.getTime() - ms);

function rules(overrides: Partial<NotificationRules> = {}): NotificationRules {
  return { ...DEFAULT_NOTIFICATION_RULES, ...overrides };
}

function due(overrides: Partial<DueNotification> = {}): DueNotification {
  return {
    id: "due",
    channel: "email",
    milestone: "shipped",
    eventAt: ago(20 * MINUTE),
    createdAt: ago(15 * MINUTE),
    ...overrides,
  };
}

let siblingSerial = 0;
function sibling(overrides: Partial<SiblingNotification> = {}): SiblingNotification {
  siblingSerial += 1;
  return {
    id: `sibling-${siblingSerial}`,
    channel: "email",
    milestone: "shipped",
    status: "queued",
    createdAt: ago(5 * MINUTE),
    sentAt: null,
    ...overrides,
  };
}

// A message already sent earlier (created before the due one, so it cannot supersede it).
const sentAt = (at: Date, milestone = "shipped") =>
  sibling({ milestone, status: "sent", createdAt: ago(DAY + HOUR), sentAt: at });

function judge({
  notification = due(),
  shipmentStatus = "pre_transit",
  siblings = [],
  withRules = rules(),
  timeZone = NEW_YORK,
  now = AFTERNOON,
}: {
  notification?: DueNotification;
  shipmentStatus?: string | null;
  siblings?: SiblingNotification[];
  withRules?: NotificationRules;
  timeZone?: string;
  now?: Date;
} = {}): Verdict {
  return judgeNotification({ notification, shipmentStatus, siblings, rules: withRules, timeZone, now });
}

const SEND: Verdict = { action: "send" };

describe("send", () => {
  it("sends a fresh 'shipped' email in the shopper's afternoon", () => {
    expect(judge()).toEqual(SEND);
  });

  it("sends an order-level message (no shipment, no scan time) on the shop's own rules", () => {
    const verdict = judge({
      notification: due({ milestone: "order_confirmed", eventAt: null, createdAt: ago(40 * DAY) }),
      shipmentStatus: null,
      withRules: rules({
        milestones: {
          ...DEFAULT_NOTIFICATION_RULES.milestones,
          order_confirmed: { enabled: true, channels: ["email"] },
        },
      }),
    });
    expect(verdict).toEqual(SEND);
  });
});

describe("turned off", () => {
  it("drops a milestone the merchant switched off", () => {
    const off = rules({
      milestones: {
        ...DEFAULT_NOTIFICATION_RULES.milestones,
        shipped: { enabled: false, channels: ["email", "sms"] },
      },
    });
    expect(judge({ withRules: off })).toEqual({ action: "suppress", reason: "turned off in Settings" });
  });

  it("drops a text for a milestone the merchant only sends by email", () => {
    // Default: in-transit updates go by email only.
    const verdict = judge({
      notification: due({ milestone: "in_transit_update", channel: "sms" }),
      shipmentStatus: "in_transit",
    });
    expect(verdict).toEqual({ action: "suppress", reason: "turned off in Settings" });
    expect(
      judge({ notification: due({ milestone: "in_transit_update" }), shipmentStatus: "in_transit" }),
    ).toEqual(SEND);
  });

  it("drops, rather than holds, a switched-off message during quiet hours", () => {
    const off = rules({
      milestones: {
        ...DEFAULT_NOTIFICATION_RULES.milestones,
        shipped: { enabled: false, channels: ["email"] },
      },
    });
    expect(judge({ withRules: off, now: ny("2026-06-10T23:30") })).toEqual({
      action: "suppress",
      reason: "turned off in Settings",
    });
  });

  it("drops a row for a milestone Parcelwise no longer knows, naming it", () => {
    expect(judge({ notification: due({ milestone: "in_transit" }) })).toEqual({
      action: "suppress",
      reason: "unknown milestone in_transit",
    });
  });
});

describe("old news", () => {
  it("still sends a scan exactly 48 h old (the limit)", () => {
    expect(judge({ notification: due({ eventAt: ago(48 * HOUR) }) })).toEqual(SEND);
  });

  it("drops a scan older than 48 h", () => {
    expect(judge({ notification: due({ eventAt: ago(48 * HOUR + 1) }) })).toEqual({
      action: "suppress",
      reason: "event older than 48 h",
    });
  });

  it("uses the merchant's own limit, and says so", () => {
    const verdict = judge({
      notification: due({ eventAt: ago(7 * HOUR) }),
      withRules: rules({ maxEventAgeHours: 6 }),
    });
    expect(verdict).toEqual({ action: "suppress", reason: "event older than 6 h" });
  });

  it("ages a message that waited in the queue: news fresh when queued is old by the time it is due", () => {
    // Scanned on Monday, held (daily limit) until Wednesday afternoon.
    const verdict = judge({
      notification: due({ eventAt: ago(50 * HOUR), createdAt: ago(50 * HOUR) }),
    });
    expect(verdict).toEqual({ action: "suppress", reason: "event older than 48 h" });
  });
});

describe("burst collapse: a newer message of equal or higher progress supersedes this one", () => {
  it("drops 'shipped' once 'out for delivery' is queued behind it", () => {
    const verdict = judge({
      shipmentStatus: "pre_transit",
      siblings: [sibling({ milestone: "out_for_delivery", createdAt: ago(5 * MINUTE) })],
    });
    expect(verdict).toEqual({ action: "suppress", reason: "superseded by out_for_delivery" });
  });

  it("drops an exception when a newer exception follows (equal progress, newer)", () => {
    const verdict = judge({
      notification: due({ milestone: "exception", createdAt: ago(15 * MINUTE) }),
      shipmentStatus: "exception",
      siblings: [sibling({ milestone: "exception", createdAt: ago(14 * MINUTE) })],
    });
    expect(verdict).toEqual({ action: "suppress", reason: "superseded by exception" });
  });

  it("keeps the newer of two equal-progress messages (an older sibling does not supersede)", () => {
    const verdict = judge({
      notification: due({ milestone: "exception", createdAt: ago(14 * MINUTE) }),
      shipmentStatus: "exception",
      siblings: [sibling({ milestone: "exception", createdAt: ago(15 * MINUTE) })],
    });
    expect(verdict).toEqual(SEND);
  });

  it("keeps a message when the newer one is less advanced (a delay after 'out for delivery' was queued)", () => {
    const verdict = judge({
      notification: due({ milestone: "out_for_delivery" }),
      shipmentStatus: "out_for_delivery",
      siblings: [sibling({ milestone: "delayed", createdAt: ago(5 * MINUTE) })],
    });
    expect(verdict).toEqual(SEND);
  });

  it("counts a newer sibling that was already sent", () => {
    const verdict = judge({
      siblings: [
        sibling({
          milestone: "out_for_delivery",
          status: "sent",
          createdAt: ago(10 * MINUTE),
          sentAt: ago(MINUTE),
        }),
      ],
    });
    expect(verdict).toEqual({ action: "suppress", reason: "superseded by out_for_delivery" });
  });

  it.each(["sending", "failed"])("counts a newer sibling that is %s (it will still go out)", (status) => {
    const verdict = judge({
      siblings: [sibling({ milestone: "delivered", status, createdAt: ago(MINUTE) })],
    });
    expect(verdict).toEqual({ action: "suppress", reason: "superseded by delivered" });
  });

  it.each(["suppressed", "dead"])(
    "ignores a newer sibling that is %s (it will never reach the shopper)",
    (status) => {
      const verdict = judge({
        siblings: [sibling({ milestone: "out_for_delivery", status, createdAt: ago(MINUTE) })],
      });
      expect(verdict).toEqual(SEND);
    },
  );

  it("is not superseded by its own row", () => {
    const self = due();
    const verdict = judge({
      notification: self,
      siblings: [{ ...self, status: "queued", sentAt: null }],
    });
    expect(verdict).toEqual(SEND);
  });
});

describe("outdated: the parcel is already past the milestone", () => {
  it("drops 'out for delivery' once the parcel is delivered", () => {
    expect(
      judge({ notification: due({ milestone: "out_for_delivery" }), shipmentStatus: "delivered" }),
    ).toEqual({ action: "suppress", reason: "outdated: the parcel is now delivered" });
  });

  it("drops a delay once the parcel is out for delivery, in words", () => {
    expect(
      judge({ notification: due({ milestone: "delayed" }), shipmentStatus: "out_for_delivery" }),
    ).toEqual({ action: "suppress", reason: "outdated: the parcel is now out for delivery" });
  });

  it("still sends a problem when the parcel is then returned (a return is news whatever came before)", () => {
    expect(judge({ notification: due({ milestone: "exception" }), shipmentStatus: "returned" })).toEqual(
      SEND,
    );
  });

  it("still sends a delay while the parcel is moving again", () => {
    expect(judge({ notification: due({ milestone: "delayed" }), shipmentStatus: "in_transit" })).toEqual(
      SEND,
    );
  });

  it("still sends 'delivered' for a delivered parcel", () => {
    expect(judge({ notification: due({ milestone: "delivered" }), shipmentStatus: "delivered" })).toEqual(
      SEND,
    );
  });

  it("reports supersession before outdatedness when both apply", () => {
    const verdict = judge({
      shipmentStatus: "delivered",
      siblings: [sibling({ milestone: "delivered", createdAt: ago(MINUTE) })],
    });
    expect(verdict).toEqual({ action: "suppress", reason: "superseded by delivered" });
  });
});

describe("a message is not outdated by the very change that queued it", () => {
  // Each change queues its messages with the parcel in the new state; judged right away in that state (no
  // siblings, daytime), every one of them must go out.
  const changes: [string, MilestoneState | null, MilestoneState][] = [
    [
      "labelled",
      { status: "pending", substatus: null, lastEventAt: null },
      { status: "pre_transit", substatus: "label_created", lastEventAt: ago(20 * MINUTE) },
    ],
    [
      "at customs",
      { status: "in_transit", substatus: "departed", lastEventAt: null },
      { status: "in_transit", substatus: "customs", lastEventAt: ago(20 * MINUTE) },
    ],
    [
      "out for delivery",
      { status: "in_transit", substatus: null, lastEventAt: null },
      { status: "out_for_delivery", substatus: null, lastEventAt: ago(20 * MINUTE) },
    ],
    [
      "ready for pickup",
      { status: "in_transit", substatus: null, lastEventAt: null },
      { status: "ready_for_pickup", substatus: null, lastEventAt: ago(20 * MINUTE) },
    ],
    [
      "delivered",
      { status: "out_for_delivery", substatus: null, lastEventAt: null },
      { status: "delivered", substatus: "signed", lastEventAt: ago(20 * MINUTE) },
    ],
    [
      "delayed",
      { status: "in_transit", substatus: null, lastEventAt: null },
      { status: "delayed", substatus: "weather", lastEventAt: ago(20 * MINUTE) },
    ],
    [
      "attempted",
      { status: "out_for_delivery", substatus: null, lastEventAt: null },
      { status: "attempted", substatus: "not_home", lastEventAt: ago(20 * MINUTE) },
    ],
    [
      "returned",
      { status: "exception", substatus: "refused", lastEventAt: null },
      { status: "returned", substatus: "returned_to_sender", lastEventAt: ago(20 * MINUTE) },
    ],
  ];

  it.each(changes)("%s", (_, before, after) => {
    const triggers = milestonesForChange({ before, after, now: ago(15 * MINUTE) });
    expect(triggers.length).toBeGreaterThan(0);
    for (const trigger of triggers) {
      const verdict = judge({
        notification: due({ milestone: trigger.milestone, eventAt: trigger.eventAt }),
        shipmentStatus: after.status,
      });
      expect({ milestone: trigger.milestone, verdict }).toEqual({
        milestone: trigger.milestone,
        verdict: SEND,
      });
    }
  });

  // "Shipped" is queued when a parcel reaches (or is first seen) in transit: being in transit must not make that
  // very message outdated when it falls due.
  it("sends 'shipped' for a parcel whose first scan is already in transit", () => {
    const [trigger] = milestonesForChange({
      before: { status: "pending", substatus: null, lastEventAt: null },
      after: { status: "in_transit", substatus: "picked_up", lastEventAt: ago(20 * MINUTE) },
      now: ago(15 * MINUTE),
    });
    expect(trigger?.milestone).toBe("shipped");
    expect(judge({ notification: due({ milestone: "shipped" }), shipmentStatus: "in_transit" })).toEqual(
      SEND,
    );
  });

  // The same bug, the everyday way: labelled in the evening, the "shipped" email waits for the end of quiet
  // hours, the carrier picks the parcel up overnight; at 08:00 the shopper gets nothing at all.
  it("sends a 'shipped' email held overnight even though the parcel was picked up in the night", () => {
    const morning = ny("2026-06-11T08:00");
    const verdict = judge({
      notification: due({ eventAt: ny("2026-06-10T20:40"), createdAt: ny("2026-06-10T20:40") }),
      shipmentStatus: "in_transit",
      now: morning,
    });
    expect(verdict).toEqual(SEND);
  });
});

describe("daily limit per shipment and channel", () => {
  it("sends the 3rd message of the day", () => {
    const verdict = judge({
      siblings: [sentAt(ago(6 * HOUR)), sentAt(ago(2 * HOUR), "in_transit_update")],
      notification: due({ milestone: "out_for_delivery" }),
      shipmentStatus: "out_for_delivery",
    });
    expect(verdict).toEqual(SEND);
  });

  it("holds the 4th until the oldest of the last three is a day old", () => {
    const oldest = ago(6 * HOUR);
    const verdict = judge({
      siblings: [sentAt(ago(2 * HOUR)), sentAt(oldest), sentAt(ago(4 * HOUR))],
      notification: due({ milestone: "out_for_delivery" }),
      shipmentStatus: "out_for_delivery",
    });
    expect(verdict).toEqual({
      action: "hold",
      until: new Date(oldest.getTime() + DAY),
      reason: "daily limit of 3 messages for this shipment",
    });
  });

  it("holds the 2nd when the merchant allows one a day", () => {
    const first = ago(3 * HOUR);
    const verdict = judge({
      siblings: [sentAt(first)],
      notification: due({ milestone: "out_for_delivery" }),
      shipmentStatus: "out_for_delivery",
      withRules: rules({ maxPerShipmentPerDay: 1 }),
    });
    expect(verdict).toEqual({
      action: "hold",
      until: new Date(first.getTime() + DAY),
      reason: "daily limit of 1 messages for this shipment",
    });
  });

  it("no longer counts a message sent exactly 24 h ago", () => {
    const verdict = judge({
      siblings: [sentAt(ago(DAY)), sentAt(ago(5 * HOUR)), sentAt(ago(HOUR))],
    });
    expect(verdict).toEqual(SEND);
  });

  it("counts only messages that went out (queued, failed and suppressed ones do not)", () => {
    const older = { createdAt: ago(DAY + HOUR), sentAt: null };
    const verdict = judge({
      siblings: [
        sibling({ ...older, status: "queued" }),
        sibling({ ...older, status: "failed" }),
        sibling({ ...older, status: "suppressed" }),
        sibling({ ...older, status: "dead" }),
        sentAt(ago(HOUR)),
      ],
      withRules: rules({ maxPerShipmentPerDay: 2 }),
    });
    expect(verdict).toEqual(SEND);
  });

  it("after the merchant lowers the limit below today's count, waits until enough of today's messages age out", () => {
    // Five sent today, limit now 3: the next may go once only two of the last 24 h remain, i.e. when the
    // one sent 6 h ago (the third newest) is a day old.
    const sends = [10, 8, 6, 4, 2].map((hours) => ago(hours * HOUR));
    const verdict = judge({ siblings: sends.map((at) => sentAt(at)) });
    expect(verdict).toEqual({
      action: "hold",
      until: new Date(ago(6 * HOUR).getTime() + DAY),
      reason: "daily limit of 3 messages for this shipment",
    });
  });

  it("holds for the daily limit before considering quiet hours", () => {
    const oldest = ago(HOUR, ny("2026-06-10T23:00"));
    const verdict = judge({
      now: ny("2026-06-10T23:00"),
      siblings: [sentAt(oldest), sentAt(ago(30 * MINUTE, ny("2026-06-10T23:00")))],
      withRules: rules({ maxPerShipmentPerDay: 2 }),
      notification: due({ eventAt: ny("2026-06-10T22:30"), createdAt: ny("2026-06-10T22:40") }),
    });
    expect(verdict).toEqual({
      action: "hold",
      until: new Date(oldest.getTime() + DAY),
      reason: "daily limit of 2 messages for this shipment",
    });
  });
});

describe("quiet hours in the shopper's time zone (21:00–08:00)", () => {
  const at = (now: Date) =>
    judge({ now, notification: due({ eventAt: ago(HOUR, now), createdAt: ago(HOUR, now) }) });

  it("sends at 20:59", () => {
    expect(at(ny("2026-06-10T20:59"))).toEqual(SEND);
  });

  it("holds from 21:00 until 08:00 the next morning", () => {
    expect(at(ny("2026-06-10T21:00"))).toEqual({
      action: "hold",
      until: ny("2026-06-11T08:00"),
      reason: "quiet hours (America/New_York)",
    });
  });

  it("holds at 07:59 until 08:00 the same morning", () => {
    expect(at(ny("2026-06-11T07:59"))).toEqual({
      action: "hold",
      until: ny("2026-06-11T08:00"),
      reason: "quiet hours (America/New_York)",
    });
  });

  it("sends at 08:00", () => {
    expect(at(ny("2026-06-11T08:00"))).toEqual(SEND);
  });

  it("reads the clock in the shopper's zone, not the server's: 23:30 in New York is 05:30 in Berlin", () => {
    const now = ny("2026-06-10T23:30");
    const berlin = judge({
      now,
      timeZone: "Europe/Berlin",
      notification: due({ eventAt: ago(HOUR, now), createdAt: ago(HOUR, now) }),
    });
    expect(berlin).toEqual({
      action: "hold",
      until: new Date("2026-06-11T08:00:00.000+02:00"),
      reason: "quiet hours (Europe/Berlin)",
    });
    const losAngeles = judge({
      now,
      timeZone: "America/Los_Angeles",
      notification: due({ eventAt: ago(HOUR, now), createdAt: ago(HOUR, now) }),
    });
    expect(losAngeles).toEqual(SEND);
  });

  it("sends at night when the merchant turned quiet hours off", () => {
    const now = ny("2026-06-10T23:30");
    const verdict = judge({
      now,
      notification: due({ eventAt: ago(HOUR, now), createdAt: ago(HOUR, now) }),
      withRules: rules({ quietHours: { enabled: false, start: "21:00", end: "08:00" } }),
    });
    expect(verdict).toEqual(SEND);
  });
});
