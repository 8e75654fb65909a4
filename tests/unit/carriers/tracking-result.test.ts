import { describe, expect, it } from "vitest";
import { classification } from "../../../app/services/carriers/common/code-table";
import { eventLocation, normalizedEvent } from "../../../app/services/carriers/common/normalized-event";
import { trackingResult } from "../../../app/services/carriers/common/tracking-result";
import type { SubstatusCode } from "../../../app/models/tracking-taxonomy";

function event(substatus: SubstatusCode, at: string, code: string = substatus) {
  return normalizedEvent("ups", {
    classification: classification(substatus),
    time: { occurredAt: new Date(at), utcOffsetMinutes: null },
    location: eventLocation({ city: "Atlanta", region: "GA", country: "US" }),
    description: code,
    rawCode: code,
    rawText: code,
  });
}

describe("building a tracking result", () => {
  it("orders events oldest first and takes the status from the latest", () => {
    const result = trackingResult({
      events: [event("out_for_delivery", "2024-05-02T12:00:00Z"), event("picked_up", "2024-05-01T12:00:00Z")],
    });
    expect(result.events.map((item) => item.substatus)).toEqual(["picked_up", "out_for_delivery"]);
    expect(result).toMatchObject({
      status: "out_for_delivery",
      substatus: "out_for_delivery",
      deliveredAt: null,
    });
  });

  it("drops an event the carrier repeats, by its dedupe key", () => {
    const repeated = event("arrived", "2024-05-01T12:00:00Z", "AR");
    const again = event("arrived", "2024-05-01T12:00:00Z", "AR");
    expect(again.dedupeKey).toBe(repeated.dedupeKey);
    expect(event("arrived", "2024-05-01T12:00:01Z", "AR").dedupeKey).not.toBe(repeated.dedupeKey);
    expect(trackingResult({ events: [repeated, again] }).events).toHaveLength(1);
  });

  it("delivers at the first scan of the final delivered stretch", () => {
    const result = trackingResult({
      events: [
        event("out_for_delivery", "2024-05-02T08:00:00Z"),
        event("left_at_door", "2024-05-02T10:00:00Z"),
        event("signed", "2024-05-02T10:05:00Z"),
      ],
      carrierDeliveredAt: new Date("2024-05-02T00:00:00Z"),
    });
    expect(result.deliveredAt?.toISOString()).toBe("2024-05-02T10:00:00.000Z");
  });

  it("uses the carrier's delivery time only when no event says delivered, and never before delivery", () => {
    expect(
      trackingResult({
        events: [],
        currentStatus: classification("delivered"),
        carrierDeliveredAt: new Date("2024-05-02T10:00:00Z"),
      }).deliveredAt?.toISOString(),
    ).toBe("2024-05-02T10:00:00.000Z");
    expect(
      trackingResult({ events: [event("picked_up", "2024-05-01T12:00:00Z")], carrierDeliveredAt: new Date() })
        .deliveredAt,
    ).toBeNull();
  });

  it("without events, says the carrier has the details", () => {
    expect(trackingResult({ events: [] })).toMatchObject({
      status: "pre_transit",
      substatus: "info_received",
    });
  });
});
