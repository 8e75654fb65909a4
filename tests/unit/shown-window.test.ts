import { describe, expect, it } from "vitest";
import {
  expectedRange,
  promiseAndLikelyDay,
  shownDeliveryWindow,
  type WindowFacts,
} from "../../app/models/delivery-windows/shown-window";

const NOW = new Date("2026-11-20T12:00:00Z");
const day = (date: string) => new Date(`${date}T00:00:00Z`);
const endOf = (date: string) => new Date(`${date}T23:59:59.999Z`);

function facts(extra: Partial<WindowFacts> = {}): WindowFacts {
  return {
    status: "in_transit",
    deliveredAt: null,
    windowStart: day("2026-11-21"),
    windowEnd: endOf("2026-11-24"),
    carrierEstimatedAt: null,
    ...extra,
  };
}

describe("shownDeliveryWindow", () => {
  it("shows the delivery day of a delivered parcel, and nothing for a returned one", () => {
    const deliveredAt = new Date("2026-11-19T15:20:00Z");
    expect(shownDeliveryWindow(facts({ status: "delivered", deliveredAt }), NOW)).toEqual({
      kind: "delivered",
      deliveredAt,
    });
    expect(shownDeliveryWindow(facts({ status: "delivered" }), NOW)).toEqual({ kind: "none" });
    expect(shownDeliveryWindow(facts({ status: "returned" }), NOW)).toEqual({ kind: "none" });
  });

  it("shows the window with its most likely day when that day is inside it", () => {
    expect(shownDeliveryWindow(facts({ likelyAt: day("2026-11-23") }), NOW)).toEqual({
      kind: "window",
      start: day("2026-11-21"),
      end: endOf("2026-11-24"),
      likely: day("2026-11-23"),
    });
    expect(shownDeliveryWindow(facts({ likelyAt: day("2026-11-30") }), NOW)).toMatchObject({
      kind: "window",
      likely: null,
    });
  });

  it("keeps showing a window that is on track, up to the last moment of its last day", () => {
    const lastMoment = new Date(endOf("2026-11-24").getTime());
    const promise = { promisedBy: endOf("2026-11-24") };
    expect(shownDeliveryWindow(facts(promise), lastMoment).kind).toBe("window");
    expect(shownDeliveryWindow(facts(promise), new Date(lastMoment.getTime() + 1)).kind).toBe("late");
  });

  it("says late, promised by the first window's end, once the window has passed", () => {
    const shown = shownDeliveryWindow(
      facts({
        windowStart: day("2026-11-16"),
        windowEnd: endOf("2026-11-18"),
        promisedBy: endOf("2026-11-18"),
      }),
      NOW,
    );
    expect(shown).toEqual({ kind: "late", promisedBy: endOf("2026-11-18"), newWindow: null });
    expect(expectedRange(shown)).toBeNull();
  });

  it("says late with the new window when a revision ends after the promise", () => {
    const shown = shownDeliveryWindow(facts({ promisedBy: endOf("2026-11-22") }), NOW);
    expect(shown).toEqual({
      kind: "late",
      promisedBy: endOf("2026-11-22"),
      newWindow: { start: day("2026-11-21"), end: endOf("2026-11-24") },
    });
    expect(expectedRange(shown)).toEqual({ start: day("2026-11-21"), end: endOf("2026-11-24") });
  });

  it("says a narrowed window that passed was expected by its own end, the last date the shopper was given", () => {
    const narrowed = facts({
      windowStart: day("2026-11-17"),
      windowEnd: endOf("2026-11-18"),
      promisedBy: endOf("2026-11-22"),
    });
    expect(shownDeliveryWindow(narrowed, NOW)).toEqual({
      kind: "late",
      promisedBy: endOf("2026-11-18"),
      newWindow: null,
    });
  });

  it("is not late when a revision narrows the window inside the promise", () => {
    expect(shownDeliveryWindow(facts({ promisedBy: endOf("2026-11-26") }), NOW).kind).toBe("window");
  });

  it("falls back to the carrier's estimate, then to nothing", () => {
    const estimatedAt = new Date("2026-11-23T20:00:00Z");
    const carrierOnly = facts({ windowStart: null, windowEnd: null, carrierEstimatedAt: estimatedAt });
    expect(shownDeliveryWindow(carrierOnly, NOW)).toEqual({ kind: "carrier_estimate", estimatedAt });
    expect(expectedRange(shownDeliveryWindow(carrierOnly, NOW))).toEqual({
      start: estimatedAt,
      end: estimatedAt,
    });
    expect(shownDeliveryWindow(facts({ windowStart: null, windowEnd: null }), NOW)).toEqual({ kind: "none" });
  });
});

describe("promiseAndLikelyDay", () => {
  it("takes the promise from the first window and the likely day from the latest revision", () => {
    expect(
      promiseAndLikelyDay([
        { isOriginal: true, latestAt: endOf("2026-11-22"), likelyAt: day("2026-11-21") },
        { isOriginal: false, latestAt: endOf("2026-11-24"), likelyAt: day("2026-11-23") },
      ]),
    ).toEqual({ promisedBy: endOf("2026-11-22"), likelyAt: day("2026-11-23") });
    expect(promiseAndLikelyDay([])).toEqual({ promisedBy: null, likelyAt: null });
  });
});
