import { describe, expect, it } from "vitest";
import { addBusinessDays } from "../../app/models/delivery-windows/business-days";
import { dayNumberOf } from "../../app/models/delivery-windows/calendar-day";
import type { DeliveryCsvRow } from "../../app/models/delivery-windows/delivery-csv";
import { evaluatePromises } from "../../app/models/delivery-windows/evaluate-promises";

const DAY_MS = 86_400_000;
const NO_HOLIDAYS = "ZZ";

function at(day: string, hour = 12): Date {
  return new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
}

function row(fields: Partial<DeliveryCsvRow> & { order_id: string }): DeliveryCsvRow {
  return {
    ordered_at: undefined,
    shipped_at: undefined,
    delivered_at: undefined,
    promised_at: undefined,
    carrier: "correios",
    destination_region: undefined,
    destination_postal_prefix: undefined,
    ...fields,
  };
}

// Ordered on Monday 2 June 2025, delivered 1 to 100 business days later: the window for an order on Monday
// 9 June is 18 June – 22 October 2025 (127 days), most likely 18 August.
const history = Array.from({ length: 100 }, (_, index) =>
  row({
    order_id: `h${index}`,
    ordered_at: at("2025-06-02"),
    delivered_at: new Date(addBusinessDays(dayNumberOf("2025-06-02"), index + 1, NO_HOLIDAYS) * DAY_MS),
  }),
);

const ordered = at("2025-06-09", 9);

describe("evaluatePromises", () => {
  it("scores windows and the promised date in whole calendar days, as documented", () => {
    const test = [
      // On the first day of the window, 61 days before the likely day; promised 2 days late.
      row({
        order_id: "t1",
        ordered_at: ordered,
        delivered_at: at("2025-06-18", 20),
        promised_at: at("2025-06-20", 0),
      }),
      // On the last day: inside, 65 days off; delivered a day after the promise.
      row({
        order_id: "t2",
        ordered_at: ordered,
        delivered_at: at("2025-10-22"),
        promised_at: at("2025-10-21", 0),
      }),
      // A day after the window: late, 66 days off; no promise, so not in the baseline.
      row({ order_id: "t3", ordered_at: ordered, delivered_at: at("2025-10-23") }),
      // A day before the window: outside but not late, 62 days off; delivered on the promised day.
      row({
        order_id: "t4",
        ordered_at: ordered,
        delivered_at: at("2025-06-17"),
        promised_at: at("2025-06-17", 0),
      }),
      // Not delivered: nothing to score.
      row({ order_id: "t5", ordered_at: ordered, promised_at: at("2025-06-17", 0) }),
    ];
    const details = evaluatePromises({ history, test, country: NO_HOLIDAYS });
    expect(details.evaluation).toEqual({
      n: 4,
      coverage: 0.5,
      meanWindowDays: 127,
      maeDays: 63.5,
      lateShare: 0.25,
      baseline: { maeDays: 1, lateShare: 0.3333 },
    });
    expect(details).toMatchObject({ historyUsed: 100, testSkipped: 1, baselineRows: 3 });
    expect(details.windowsByBasis).toEqual({ "carrier/ordered": 4 });
  });

  it("predicts from what was known at order time: a test row's own ship, delivery and promise are not used", () => {
    const plain = row({ order_id: "t", ordered_at: ordered, delivered_at: at("2025-07-01") });
    const withLaterFacts = { ...plain, shipped_at: at("2025-06-30"), promised_at: at("2025-07-02") };
    const score = (test: DeliveryCsvRow) =>
      evaluatePromises({ history, test: [test], country: NO_HOLIDAYS }).evaluation;
    expect({ ...score(withLaterFacts), baseline: null }).toEqual({ ...score(plain), baseline: null });
  });

  it("re-estimates from the hand-off when asked to, for rows that have shipped", () => {
    const shippedHistory = history.map((entry) => ({ ...entry, shipped_at: entry.ordered_at }));
    const test = [
      row({
        order_id: "s",
        ordered_at: ordered,
        shipped_at: at("2025-06-30"),
        delivered_at: at("2025-07-01"),
      }),
      row({ order_id: "u", ordered_at: ordered, delivered_at: at("2025-07-01") }),
    ];
    const details = evaluatePromises({
      history: shippedHistory,
      test,
      country: NO_HOLIDAYS,
      asOf: "shipment",
    });
    // From the Monday 30 June hand-off the window is 9 July – 12 November, most likely 8 September.
    expect(details.evaluation).toMatchObject({
      n: 1,
      coverage: 0,
      lateShare: 0,
      meanWindowDays: 127,
      maeDays: 69,
    });
    expect(details.windowsByBasis).toEqual({ "carrier/shipped": 1 });
  });
});
