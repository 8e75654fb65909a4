import { describe, expect, it } from "vitest";
import {
  attentionKindLabel,
  attentionOwnerLabel,
  attentionReasonLabel,
  suggestedNextStep,
  type NextStepInput,
} from "../../app/models/attention-guidance";
import { ATTENTION_OWNERS } from "../../app/models/shipment-attention";
import { ATTENTION_KINDS } from "../../app/models/shipment-status";

const step = (input: Partial<NextStepInput>) =>
  suggestedNextStep({ kind: "late", reason: null, owner: "carrier", carrierName: "UPS", ...input });

describe("suggested next step", () => {
  it.each([
    [
      "a late parcel the carrier has",
      { kind: "late", reason: "window_passed", owner: "carrier" },
      "Ask UPS for an update; offer the shopper a new date.",
    ],
    [
      "a window revised past the promise",
      { kind: "late", reason: "window_moved_past_promise", owner: "carrier" },
      "Ask UPS for an update; offer the shopper a new date.",
    ],
    [
      "a likely lost parcel",
      { kind: "lost", reason: "silent_beyond_tail", owner: "carrier" },
      "Open a claim with UPS and reship the order (or refund it).",
    ],
    [
      "a parcel the carrier reports lost",
      { kind: "lost", reason: "lost", owner: "carrier" },
      "Open a claim with UPS and reship the order (or refund it).",
    ],
    [
      "an address problem",
      { kind: "exception", reason: "address_problem", owner: "shopper" },
      "Contact the shopper to confirm the address, then give UPS the correction.",
    ],
    [
      "a label never scanned",
      { kind: "late", reason: "label_never_scanned", owner: "merchant" },
      "Check the parcel left your warehouse; hand it to UPS or book a pickup.",
    ],
    [
      "damage",
      { kind: "exception", reason: "damaged", owner: "carrier" },
      "Send the shopper a replacement and open a damage claim with UPS.",
    ],
    [
      "a customs hold",
      { kind: "exception", reason: "customs_delay", owner: "customs" },
      "Check the customs paperwork with UPS; tell the shopper if duties or documents are needed.",
    ],
    [
      "a silent parcel",
      { kind: "stuck", reason: "no_recent_scan", owner: "carrier" },
      "Ask UPS to trace the parcel; tell the shopper you are on it.",
    ],
    [
      "a parcel waiting at a pickup point",
      { kind: "stuck", reason: "no_recent_scan", owner: "shopper" },
      "Remind the shopper to collect the parcel before it goes back to you.",
    ],
  ] as const)("for %s", (_, input, expected) => {
    expect(step(input)).toBe(expected);
  });

  it("names the carrier generically when it is unknown", () => {
    expect(step({ carrierName: null })).toBe("Ask the carrier for an update; offer the shopper a new date.");
  });

  it("always has advice, whatever the kind, owner or reason", () => {
    for (const kind of ATTENTION_KINDS) {
      for (const owner of [...ATTENTION_OWNERS, null]) {
        for (const reason of [null, "something_new"]) expect(step({ kind, owner, reason })).toMatch(/\S/);
      }
    }
  });
});

describe("attention labels", () => {
  it("says why in plain language, for Parcelwise's own findings and for carrier substatuses", () => {
    expect(attentionReasonLabel("window_passed")).toBe("The delivery window has passed");
    expect(attentionReasonLabel("label_never_scanned")).toBe(
      "The carrier never scanned the parcel after the label was created",
    );
    expect(attentionReasonLabel("address_problem")).toBe("There's a problem with the address");
    expect(attentionReasonLabel("attempted")).toBe("Delivery attempted");
    expect(attentionReasonLabel(null)).toBeNull();
  });

  it("names every kind and every owner", () => {
    for (const kind of ATTENTION_KINDS) expect(attentionKindLabel(kind)).toMatch(/\S/);
    for (const owner of ATTENTION_OWNERS) expect(attentionOwnerLabel(owner)).toMatch(/\S/);
    expect(attentionOwnerLabel("merchant")).toBe("You");
  });
});
