import { wallClock } from "../../lib/wall-clock";
import type { BusinessDay } from "../settings-options";
import { calendarDayOf, dayNumberAt, weekdayOf, type CalendarDay } from "./calendar-day";

// The day a merchant promises to hand an order to the carrier, from the promise defaults in Settings. Counted
// on the shop's wall calendar, so it follows the shop's clock through daylight-saving changes. Weekends and
// the days the merchant does not ship on are skipped; public holidays are not, as Parcelwise does not know
// the shop's own country (only its time zone).

export type ShippingPromise = {
  processingDays: number;
  /** "HH:MM" on the shop's clock; an order placed at or after it counts from the next shipping day. */
  orderCutoffLocalTime: string;
  businessDays: readonly BusinessDay[];
};

export type ShipBy = {
  day: CalendarDay;
  /** The whole promised day has passed on the shop's clock. */
  overdue: boolean;
};

/** What of an order still waits for the merchant to ship it: all of it, the rest of a partly shipped one. */
export type UnshippedPart = "order" | "rest";

// Indexed by weekdayOf (0 = Sunday).
const WEEKDAY_CODES: readonly BusinessDay[] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const CUTOFF = /^([01]\d|2[0-3]):([0-5]\d)$/;
const END_OF_DAY_MINUTES = 24 * 60;

/** Null when the shop ships on no day at all: there is then nothing honest to promise. */
export function promisedShipDay(input: {
  orderedAt: Date;
  timeZone: string;
  promise: ShippingPromise;
}): CalendarDay | null {
  const day = promisedShipDayNumber(input);
  return day === null ? null : calendarDayOf(day);
}

export function shipByPromise({
  orderedAt,
  now,
  timeZone,
  promise,
}: {
  orderedAt: Date;
  now: Date;
  timeZone: string;
  promise: ShippingPromise;
}): ShipBy | null {
  const day = promisedShipDayNumber({ orderedAt, timeZone, promise });
  if (day === null) return null;
  return { day: calendarDayOf(day), overdue: dayNumberAt(now, timeZone) > day };
}

// Shopify's order webhooks say "partial"; its GraphQL displayFulfillmentStatus, lowercased, "partially_fulfilled".
const PARTLY_FULFILLED = new Set(["partial", "partially_fulfilled"]);
// Shipped, restocked, or deliberately not yet due (a held order, a scheduled fulfilment): no promise to keep.
const NOTHING_TO_SHIP = new Set(["fulfilled", "restocked", "on_hold", "scheduled"]);

export function unshippedPart({
  cancelledAt,
  fulfillmentStatus,
  shipmentCount,
}: {
  cancelledAt: Date | null;
  fulfillmentStatus: string | null;
  shipmentCount: number;
}): UnshippedPart | null {
  if (cancelledAt) return null;
  const status = fulfillmentStatus?.toLowerCase() ?? "unfulfilled";
  if (NOTHING_TO_SHIP.has(status)) return null;
  if (shipmentCount === 0) return "order";
  return PARTLY_FULFILLED.has(status) ? "rest" : null;
}

function promisedShipDayNumber({
  orderedAt,
  timeZone,
  promise,
}: {
  orderedAt: Date;
  timeZone: string;
  promise: ShippingPromise;
}): number | null {
  const shippingWeekdays = new Set(promise.businessDays.map((code) => WEEKDAY_CODES.indexOf(code)));
  if (shippingWeekdays.size === 0) return null;
  const isShippingDay = (day: number) => shippingWeekdays.has(weekdayOf(day));
  const nextShippingDay = (day: number) => {
    let next = day + 1;
    while (!isShippingDay(next)) next++;
    return next;
  };

  const orderDay = dayNumberAt(orderedAt, timeZone);
  const { hour, minute } = wallClock(orderedAt.getTime(), timeZone);
  const beforeCutoff = hour * 60 + minute < cutoffMinutes(promise.orderCutoffLocalTime);
  let shipDay = isShippingDay(orderDay) && beforeCutoff ? orderDay : nextShippingDay(orderDay);
  for (let remaining = Math.max(0, Math.floor(promise.processingDays)); remaining > 0; remaining--) {
    shipDay = nextShippingDay(shipDay);
  }
  return shipDay;
}

// Settings validates the cut-off on save; one that no longer reads as HH:MM means no same-day cut-off rather
// than no promise at all.
function cutoffMinutes(cutoff: string): number {
  const match = CUTOFF.exec(cutoff.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : END_OF_DAY_MINUTES;
}
