import { describe, expect, it } from "vitest";
import { addBusinessDays } from "../../app/models/delivery-windows/business-days";
import { dayNumberOf } from "../../app/models/delivery-windows/calendar-day";
import {
  learnDeliveryHistory,
  type DeliveredShipment,
} from "../../app/models/delivery-windows/delivery-history";
import { predictWindow, type ShipmentToPredict } from "../../app/models/delivery-windows/predict-window";
import { windowOffsets } from "../../app/models/delivery-windows/window-quantiles";

const DAY_MS = 86_400_000;
const MONDAY = "2025-06-02";
const NEXT_MONDAY = "2025-06-09";

/** Noon UTC on the given calendar day, or `offset` business days after it. */
function noon(day: string, offset = 0, country?: string): Date {
  return new Date(addBusinessDays(dayNumberOf(day), offset, country) * DAY_MS + DAY_MS / 2);
}

function delivered(
  offset: number,
  fields: Partial<DeliveredShipment> = {},
  orderDay = MONDAY,
): DeliveredShipment {
  return { orderedAt: noon(orderDay), deliveredAt: noon(orderDay, offset, fields.country), ...fields };
}

function businessDaySpan(window: { earliest: string; latest: string }, country?: string): number {
  let count = 0;
  for (let day = dayNumberOf(window.earliest); day <= dayNumberOf(window.latest); day++)
    if (addBusinessDays(day - 1, 1, country) === day) count++;
  return count;
}

// Mulberry32: a fixed seed keeps the synthetic samples, and so the assertions, the same on every run.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("windowOffsets", () => {
  it("puts at most lateShare above the window, at most the rest of the misses below, the median inside", () => {
    const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(windowOffsets(oneToHundred, 0.9, 0.1 / 3)).toEqual({ earliest: 7, latest: 97, likely: 50 });
    expect(windowOffsets(oneToHundred, 0.9, 0.05)).toEqual({ earliest: 6, latest: 95, likely: 50 });
    expect(windowOffsets(oneToHundred, 0.8, 0)).toEqual({ earliest: 21, latest: 100, likely: 50 });
    expect(windowOffsets([4], 0.9, 0.03)).toEqual({ earliest: 4, latest: 4, likely: 4 });
  });

  it("still covers the share when values repeat", () => {
    const tied = [1, 2, 2, 2, 2, 2, 2, 2, 2, 9];
    const { earliest, latest } = windowOffsets(tied, 0.9, 0.05);
    const inside = tied.filter((value) => value >= earliest && value <= latest).length;
    expect(inside / tied.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe("predictWindow", () => {
  it("reads a lane's window off its exactly known quantiles, in business days from the order", () => {
    const history = learnDeliveryHistory(
      Array.from({ length: 100 }, (_, index) => delivered(index + 1, { carrier: "ups" })),
    );
    const orderedAt = noon(NEXT_MONDAY);
    const window = predictWindow({ history, shipment: { orderedAt, carrier: "ups" }, now: orderedAt });
    // 7th, 50th and 97th business day after Monday 9 June 2025 (no country: weekends only).
    expect(window).toEqual({
      earliest: "2025-06-18",
      likely: "2025-08-18",
      latest: "2025-10-22",
      basis: "carrier",
      key: "carrier=ups",
      anchor: "ordered",
      samples: 100,
      coverage: 0.9,
      lateShare: expect.closeTo(1 / 30, 12),
    });
  });

  it("falls back lane → region → region of any carrier → carrier → global, and says which it used", () => {
    const history = learnDeliveryHistory([
      ...Array.from({ length: 40 }, () =>
        delivered(5, { carrier: "correios", country: "BR", region: "SP", postalPrefix: "01310" }),
      ),
      ...Array.from({ length: 10 }, () =>
        delivered(10, { carrier: "correios", country: "BR", region: "RJ", postalPrefix: "20000" }),
      ),
      ...Array.from({ length: 25 }, () =>
        delivered(12, { carrier: "jadlog", country: "BR", region: "RJ", postalPrefix: "20000" }),
      ),
    ]);
    const orderedAt = noon(NEXT_MONDAY);
    const predict = (shipment: Omit<ShipmentToPredict, "orderedAt">, minSamples?: number) =>
      predictWindow({ history, shipment: { orderedAt, ...shipment }, now: orderedAt, minSamples });
    const correios = { carrier: "Correios", country: "BR" };

    expect(predict({ ...correios, region: "SP", postalPrefix: "01311-000" })).toMatchObject({
      basis: "lane",
      key: "carrier=correios country=BR region=SP postalPrefix=013",
      samples: 40,
      likely: "2025-06-16", // 5 business days after Monday 9 June
    });
    expect(predict({ ...correios, region: "sp", postalPrefix: "04500" })).toMatchObject({
      basis: "region",
      key: "carrier=correios country=BR region=SP",
      samples: 40,
    });
    expect(predict({ ...correios, region: "RJ", postalPrefix: "20000" })).toMatchObject({
      basis: "region",
      key: "country=BR region=RJ",
      samples: 35,
    });
    expect(predict({ ...correios, region: "MG" })).toMatchObject({
      basis: "carrier",
      key: "carrier=correios",
      samples: 50,
    });
    expect(predict({ carrier: "loggi", country: "BR", region: "MG" })).toMatchObject({
      basis: "global",
      key: "*",
      samples: 75,
    });
    expect(predict({})).toMatchObject({ basis: "global", samples: 75 });
    // Below minSamples everywhere: the global level is still used, and `samples` shows how thin it is.
    expect(predict({ ...correios, region: "SP" }, 500)).toMatchObject({ basis: "global", samples: 75 });
    expect(
      predictWindow({ history: learnDeliveryHistory([]), shipment: { orderedAt }, now: orderedAt }),
    ).toBeNull();
  });

  it("is calibrated: the stated share of fresh shipments from the same distribution lands inside", () => {
    const random = seededRandom(7);
    // Right-skewed like real transit times: lognormal around 40 business days.
    const transit = () => {
      const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      return Math.round(Math.exp(Math.log(40) + 0.4 * normal));
    };
    const history = learnDeliveryHistory(Array.from({ length: 4000 }, () => delivered(transit())));
    const orderedAt = noon(MONDAY);
    for (const coverage of [0.9, 0.8]) {
      const window = predictWindow({ history, shipment: { orderedAt }, now: orderedAt, coverage });
      if (!window) throw new Error("expected a window");
      const fresh = Array.from({ length: 5000 }, () =>
        addBusinessDays(dayNumberOf(MONDAY), transit(), undefined),
      );
      const inside = fresh.filter(
        (day) => day >= dayNumberOf(window.earliest) && day <= dayNumberOf(window.latest),
      );
      const late = fresh.filter((day) => day > dayNumberOf(window.latest));
      expect(inside.length / fresh.length).toBeGreaterThan(coverage - 0.02);
      expect(inside.length / fresh.length).toBeLessThan(coverage + 0.03);
      expect(late.length / fresh.length).toBeGreaterThan((1 - coverage) / 3 - 0.012);
      expect(late.length / fresh.length).toBeLessThan((1 - coverage) / 3 + 0.012);
    }
  });

  it("narrows once the parcel has shipped, counting from the hand-off", () => {
    const random = seededRandom(11);
    // Handling varies a lot (0–9 business days), the carrier little (2–4): knowing the ship day removes most of it.
    const history = learnDeliveryHistory(
      Array.from({ length: 400 }, () => {
        const handling = Math.floor(random() * 10);
        const carrierTransit = 2 + Math.floor(random() * 3);
        return {
          orderedAt: noon(MONDAY),
          shippedAt: noon(MONDAY, handling),
          deliveredAt: noon(MONDAY, handling + carrierTransit),
        };
      }),
    );
    const orderedAt = noon(NEXT_MONDAY);
    const atOrder = predictWindow({ history, shipment: { orderedAt }, now: orderedAt });
    const shippedAt = noon(NEXT_MONDAY, 6);
    const atShipment = predictWindow({ history, shipment: { orderedAt, shippedAt }, now: shippedAt });
    expect(atOrder).toMatchObject({ anchor: "ordered", samples: 400 });
    // Shipped Tuesday 17 June: 2 to 4 business days later is Thursday 19 to Monday 23 June.
    expect(atShipment).toMatchObject({
      anchor: "shipped",
      samples: 400,
      earliest: "2025-06-19",
      latest: "2025-06-23",
    });
    if (!atOrder || !atShipment) throw new Error("expected windows");
    expect(businessDaySpan(atOrder)).toBeGreaterThanOrEqual(10);
    expect(businessDaySpan(atShipment)).toBe(3);
  });

  it("drops the transit times a parcel has already outlived, so the window keeps closing in", () => {
    const history = learnDeliveryHistory(
      Array.from({ length: 20 }, (_, index) => delivered(index + 1)),
      {},
    );
    const orderedAt = noon(NEXT_MONDAY);
    const predictAt = (now: Date) => predictWindow({ history, shipment: { orderedAt }, now, minSamples: 5 });
    const atOrder = predictAt(orderedAt);
    const tenDaysOn = predictAt(noon(NEXT_MONDAY, 10));
    expect(atOrder).toMatchObject({ samples: 20 });
    // Ten business days on (Monday 23 June) transits of 10 to 20 are still possible: delivery today counts.
    expect(tenDaysOn).toMatchObject({ samples: 11, earliest: "2025-06-23" });
    if (!atOrder || !tenDaysOn) throw new Error("expected windows");
    expect(businessDaySpan(tenDaysOn)).toBeLessThan(businessDaySpan(atOrder));
  });

  it("prefers the carrier's estimate when its past errors give a narrower window", () => {
    const errors = [-1, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const history = learnDeliveryHistory(
      Array.from({ length: 60 }, (_, index) => {
        const transit = 3 + (index % 15);
        const error = errors[index % errors.length] ?? 0;
        return {
          ...delivered(transit, { carrier: "ups" }),
          carrierEstimate: noon(MONDAY, transit - error),
        };
      }),
    );
    const orderedAt = noon(NEXT_MONDAY);
    const carrierEstimate = noon(NEXT_MONDAY, 5); // Monday 16 June
    const window = predictWindow({
      history,
      shipment: { orderedAt, carrier: "ups", carrierEstimate },
      now: orderedAt,
    });
    expect(window).toMatchObject({
      basis: "carrier_estimate",
      anchor: "carrier_estimate",
      key: "carrier=ups",
      samples: 60,
      earliest: "2025-06-13",
      likely: "2025-06-16",
      latest: "2025-06-17",
    });
  });

  it("uses a carrier estimate with no track record only when there is no history at all", () => {
    const orderedAt = noon(NEXT_MONDAY);
    const carrierEstimate = noon(NEXT_MONDAY, 3);
    const withHistory = predictWindow({
      history: learnDeliveryHistory(Array.from({ length: 40 }, () => delivered(8))),
      shipment: { orderedAt, carrierEstimate },
      now: orderedAt,
    });
    expect(withHistory).toMatchObject({ basis: "global", likely: "2025-06-19" });
    const withoutHistory = predictWindow({
      history: learnDeliveryHistory([]),
      shipment: { orderedAt, carrierEstimate },
      now: orderedAt,
    });
    expect(withoutHistory).toEqual({
      earliest: "2025-06-12",
      likely: "2025-06-12",
      latest: "2025-06-12",
      basis: "carrier_estimate",
      key: "uncalibrated",
      anchor: "carrier_estimate",
      samples: 0,
      coverage: 0.9,
      lateShare: expect.closeTo(1 / 30, 12),
    });
  });

  it("counts calendar days in the history's time zone and skips the destination's holidays", () => {
    // 23:30 on Tuesday 5 Sep 2017 in São Paulo is already Wednesday in UTC.
    const orderedAt = new Date("2017-09-06T02:30:00Z");
    const history = learnDeliveryHistory(
      Array.from({ length: 30 }, () => ({
        orderedAt,
        deliveredAt: new Date("2017-09-08T15:00:00Z"), // Friday, after the 7 Sep holiday
        country: "BR",
      })),
      { timeZone: "America/Sao_Paulo" },
    );
    // Tuesday → Friday is 2 business days in Brazil; from Monday 11 Sep that is Wednesday 13 Sep.
    const nextOrder = new Date("2017-09-11T15:00:00Z");
    expect(
      predictWindow({ history, shipment: { orderedAt: nextOrder, country: "BR" }, now: nextOrder }),
    ).toMatchObject({
      earliest: "2017-09-13",
      likely: "2017-09-13",
      latest: "2017-09-13",
    });
  });

  it("rejects shares that make no window", () => {
    const history = learnDeliveryHistory([delivered(3)]);
    const orderedAt = noon(NEXT_MONDAY);
    expect(() =>
      predictWindow({ history, shipment: { orderedAt }, now: orderedAt, coverage: 1.2 }),
    ).toThrow();
    expect(() =>
      predictWindow({ history, shipment: { orderedAt }, now: orderedAt, coverage: 0.9, lateShare: 0.2 }),
    ).toThrow();
  });
});
