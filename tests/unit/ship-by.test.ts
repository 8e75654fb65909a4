import { describe, expect, it } from "vitest";
import {
  promisedShipDay,
  shipByPromise,
  unshippedPart,
  type ShippingPromise,
} from "../../app/models/delivery-windows/ship-by";

// The Settings defaults: one processing day, a 14:00 cut-off, Monday to Friday.
const DEFAULTS: ShippingPromise = {
  processingDays: 1,
  orderCutoffLocalTime: "14:00",
  businessDays: ["MON", "TUE", "WED", "THU", "FRI"],
};
const NEW_YORK = "America/New_York";

const shipDay = (orderedAt: string, promise: Partial<ShippingPromise> = {}, timeZone = NEW_YORK) =>
  promisedShipDay({ orderedAt: new Date(orderedAt), timeZone, promise: { ...DEFAULTS, ...promise } });

describe("promised ship day", () => {
  it("counts an order placed before the cut-off from that day, one at the cut-off from the next", () => {
    // Tuesday 3 March 2026 in New York (UTC-5): 13:59 and 14:00.
    expect(shipDay("2026-03-03T18:59:00Z")).toBe("2026-03-04");
    expect(shipDay("2026-03-03T19:00:00Z")).toBe("2026-03-05");
  });

  it("ships the same day with no processing days, before the cut-off only", () => {
    expect(shipDay("2026-03-03T15:00:00Z", { processingDays: 0 })).toBe("2026-03-03");
    expect(shipDay("2026-03-03T20:00:00Z", { processingDays: 0 })).toBe("2026-03-04");
  });

  it("counts orders placed after Friday's cut-off or at the weekend from Monday", () => {
    // Friday 15:00 and Saturday 09:00: both count from Monday 9 March, so ship Tuesday.
    expect(shipDay("2026-03-06T20:00:00Z")).toBe("2026-03-10");
    expect(shipDay("2026-03-07T14:00:00Z")).toBe("2026-03-10");
  });

  it("counts processing days on the days the merchant ships only", () => {
    const tuesdaysAndThursdays = { businessDays: ["TUE", "THU"] as const, processingDays: 2 };
    // Wednesday: counts from Thursday, then two shipping days (Tuesday, Thursday).
    expect(shipDay("2026-03-04T15:00:00Z", tuesdaysAndThursdays)).toBe("2026-03-12");
  });

  it("reads the cut-off on the shop's clock across a daylight-saving change", () => {
    // Monday 9 March 2026, the day after New York moved to UTC-4: 18:30 UTC is 14:30 there, after the cut-off
    // (a fixed winter offset would read 13:30, before it).
    expect(shipDay("2026-03-09T18:30:00Z")).toBe("2026-03-11");
    expect(shipDay("2026-03-09T17:30:00Z")).toBe("2026-03-10");
  });

  it("uses the shop's calendar day, not UTC's", () => {
    // Friday 22:30 UTC is already Saturday 00:30 in Berlin: counts from Monday 26 October.
    expect(shipDay("2026-10-23T22:30:00Z", {}, "Europe/Berlin")).toBe("2026-10-27");
  });

  it("promises nothing when the shop ships on no day", () => {
    expect(shipDay("2026-03-03T15:00:00Z", { businessDays: [] })).toBeNull();
  });

  it("reads an unreadable cut-off as none, rather than dropping the promise", () => {
    expect(shipDay("2026-03-03T23:00:00Z", { orderCutoffLocalTime: "late", processingDays: 0 })).toBe(
      "2026-03-03",
    );
  });
});

describe("ship-by promise", () => {
  const promise = (now: string) =>
    shipByPromise({
      orderedAt: new Date("2026-03-09T18:30:00Z"),
      now: new Date(now),
      timeZone: NEW_YORK,
      promise: DEFAULTS,
    });

  it("is overdue only once the whole promised day has passed on the shop's clock", () => {
    // Promised Wednesday 11 March; 23:59:59 there is 03:59:59 UTC the next day.
    expect(promise("2026-03-10T12:00:00Z")).toEqual({ day: "2026-03-11", overdue: false });
    expect(promise("2026-03-12T03:59:59Z")).toEqual({ day: "2026-03-11", overdue: false });
    expect(promise("2026-03-12T04:00:00Z")).toEqual({ day: "2026-03-11", overdue: true });
  });
});

describe("what of an order is still to ship", () => {
  const part = (fulfillmentStatus: string | null, shipmentCount: number, cancelledAt: Date | null = null) =>
    unshippedPart({ cancelledAt, fulfillmentStatus, shipmentCount });

  it("is the whole order until its first shipment", () => {
    expect(part(null, 0)).toBe("order");
    expect(part("unfulfilled", 0)).toBe("order");
    expect(part("UNFULFILLED", 0)).toBe("order");
  });

  it("is the rest of a partly fulfilled order, as webhooks and GraphQL name it", () => {
    expect(part("partial", 1)).toBe("rest");
    expect(part("partially_fulfilled", 2)).toBe("rest");
  });

  it("is nothing for a shipped, cancelled, held or scheduled order", () => {
    expect(part("fulfilled", 1)).toBeNull();
    expect(part(null, 1)).toBeNull();
    expect(part(null, 0, new Date("2026-03-03T00:00:00Z"))).toBeNull();
    expect(part("on_hold", 0)).toBeNull();
    expect(part("scheduled", 0)).toBeNull();
    expect(part("restocked", 0)).toBeNull();
  });
});
