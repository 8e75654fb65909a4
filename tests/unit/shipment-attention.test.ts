import { describe, expect, it } from "vitest";
import {
  attentionAfterStateChange,
  kindsBelow,
  NO_ATTENTION,
  reportedProblem,
  watchedFinding,
  type StoredAttention,
} from "../../app/models/shipment-attention";

const NOW = new Date("2026-11-20T12:00:00Z");
const state = (status: string, substatus: string | null = null) => ({ status, substatus });
const stored = (
  attention: string | null,
  attentionReason: string | null = null,
  attentionOwner: string | null = null,
) => ({ attention, attentionReason, attentionOwner }) satisfies StoredAttention;

describe("reportedProblem", () => {
  it.each([
    ["exception", "address_problem", { kind: "exception", reason: "address_problem", owner: "shopper" }],
    ["exception", "damaged", { kind: "exception", reason: "damaged", owner: "carrier" }],
    ["exception", "refused", { kind: "exception", reason: "refused", owner: "shopper" }],
    ["exception", "lost", { kind: "lost", reason: "lost", owner: "carrier" }],
    ["delayed", "customs_delay", { kind: "exception", reason: "customs_delay", owner: "customs" }],
    ["delayed", "weather", { kind: "exception", reason: "weather", owner: "weather" }],
    ["delayed", "late_handoff", { kind: "exception", reason: "late_handoff", owner: "merchant" }],
    ["delayed", "carrier", { kind: "exception", reason: "carrier", owner: "carrier" }],
    ["attempted", "not_home", { kind: "exception", reason: "not_home", owner: "shopper" }],
    // No substatus (or one outside the taxonomy): the status is the reason, and its usual owner.
    ["attempted", null, { kind: "exception", reason: "attempted", owner: "shopper" }],
    ["exception", "shopify_something_new", { kind: "exception", reason: "exception", owner: "carrier" }],
  ])("%s / %s → %o", (status, substatus, expected) => {
    expect(reportedProblem(state(status, substatus))).toEqual(expected);
  });

  it("is nothing for a parcel on its way, delivered, or a fulfillment the merchant cancelled", () => {
    for (const [status, substatus] of [
      ["in_transit", "customs"],
      ["out_for_delivery", null],
      ["ready_for_pickup", null],
      ["delivered", "signed"],
      ["returned", "returned_to_sender"],
      ["exception", "fulfillment_cancelled"],
    ] as const) {
      expect(reportedProblem(state(status, substatus)), `${status}/${substatus}`).toBeNull();
    }
  });
});

describe("attentionAfterStateChange", () => {
  it("flags a reported problem, with when it started", () => {
    expect(attentionAfterStateChange(NO_ATTENTION, state("exception", "damaged"), NOW)).toEqual({
      attention: "exception",
      attentionReason: "damaged",
      attentionOwner: "carrier",
      attentionSince: NOW,
      attentionResolvedAt: null,
    });
  });

  it("changes nothing when the same problem is reported again", () => {
    const flagged = stored("exception", "damaged", "carrier");
    expect(attentionAfterStateChange(flagged, state("exception", "damaged"), NOW)).toBeNull();
  });

  it("keeps the episode's start when the carrier reports a different problem", () => {
    const flagged = stored("exception", "not_home", "shopper");
    expect(attentionAfterStateChange(flagged, state("exception", "address_problem"), NOW)).toEqual({
      attention: "exception",
      attentionReason: "address_problem",
      attentionOwner: "shopper",
    });
  });

  it("replaces what Parcelwise inferred (stuck, late, likely lost) with what the carrier reports", () => {
    for (const inferred of [
      stored("stuck", "no_recent_scan", "carrier"),
      stored("late", "window_passed", "carrier"),
      stored("lost", "silent_beyond_tail", "carrier"),
    ]) {
      expect(attentionAfterStateChange(inferred, state("delayed", "weather"), NOW)).toMatchObject({
        attention: "exception",
        attentionReason: "weather",
        attentionOwner: "weather",
        attentionSince: NOW,
      });
    }
  });

  it("resolves a reported problem once the parcel moves on, and keeps a broken promise until delivery", () => {
    const resolved = {
      attention: null,
      attentionReason: null,
      attentionOwner: null,
      attentionResolvedAt: NOW,
    };
    expect(
      attentionAfterStateChange(stored("exception", "not_home", "shopper"), state("in_transit"), NOW),
    ).toEqual(resolved);
    expect(attentionAfterStateChange(stored("lost", "lost", "carrier"), state("in_transit"), NOW)).toEqual(
      resolved,
    );
    expect(
      attentionAfterStateChange(stored("late", "window_passed", "carrier"), state("in_transit"), NOW),
    ).toBeNull();
    expect(
      attentionAfterStateChange(stored("stuck", "no_recent_scan", "carrier"), state("in_transit"), NOW),
    ).toBeNull();
    // Inferred loss clears at the watcher's next run, once a scan is newer than the flag.
    expect(
      attentionAfterStateChange(stored("lost", "silent_beyond_tail", "carrier"), state("in_transit"), NOW),
    ).toBeNull();
  });

  it("resolves everything once the parcel is delivered, returned or its fulfillment cancelled", () => {
    for (const kind of ["late", "stuck", "exception", "lost"]) {
      for (const final of [
        state("delivered", "signed"),
        state("returned"),
        state("exception", "fulfillment_cancelled"),
      ]) {
        expect(attentionAfterStateChange(stored(kind, "x", "carrier"), final, NOW)).toMatchObject({
          attention: null,
          attentionResolvedAt: NOW,
        });
      }
    }
    expect(attentionAfterStateChange(NO_ATTENTION, state("delivered"), NOW)).toBeNull();
  });
});

describe("a resolved problem", () => {
  it("keeps why and who for what Parcelwise found, so delivered parcels stay attributed", () => {
    expect(
      attentionAfterStateChange(stored("late", "label_never_scanned", "merchant"), state("delivered"), NOW),
    ).toEqual({
      attention: null,
      attentionReason: "label_never_scanned",
      attentionOwner: "merchant",
      attentionResolvedAt: NOW,
    });
  });

  it("clears them for what the carrier reported: its scans say the same, in whatever order they arrive", () => {
    expect(
      attentionAfterStateChange(stored("exception", "damaged", "carrier"), state("delivered"), NOW),
    ).toEqual({ attention: null, attentionReason: null, attentionOwner: null, attentionResolvedAt: NOW });
  });
});

describe("watchedFinding", () => {
  it("gives a parcel the carrier never scanned to the merchant: a late hand-off", () => {
    expect(watchedFinding("late", "window_passed", state("pre_transit", "label_created"))).toEqual({
      kind: "late",
      reason: "label_never_scanned",
      owner: "merchant",
    });
    expect(watchedFinding("stuck", "no_recent_scan", state("pending"))).toMatchObject({ owner: "merchant" });
  });

  it("gives a silent parcel to whoever its substatus names, else the carrier", () => {
    expect(watchedFinding("stuck", "no_recent_scan", state("in_transit", "departed"))).toEqual({
      kind: "stuck",
      reason: "no_recent_scan",
      owner: "carrier",
    });
    expect(watchedFinding("late", "window_passed", state("in_transit", "customs"))).toMatchObject({
      owner: "customs",
    });
    expect(
      watchedFinding("stuck", "no_recent_scan", state("ready_for_pickup", "ready_for_pickup")),
    ).toMatchObject({
      owner: "shopper",
    });
  });
});

describe("precedence", () => {
  it("lets a watcher replace only a lower kind: lost > exception > late > stuck", () => {
    expect(kindsBelow("lost")).toEqual(["late", "stuck", "exception"]);
    expect(kindsBelow("late")).toEqual(["stuck"]);
    expect(kindsBelow("stuck")).toEqual([]);
  });
});
