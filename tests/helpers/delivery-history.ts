import type { PrismaClient } from "@prisma/client";

// A shop's delivery history whose carrier-performance figures are known in advance (worked out by hand below),
// for the analytics tests. Order days are in the shop's zone (America/New_York); every order is placed at
// 11:00 local, so no instant sits near a day boundary.
//
//   ups   Ground    US-CA  10 orders, Mon 5 – Fri 9 Oct 2026 (2 a day). First scan 24 h after the order,
//                          delivered 3 days later. Promised: 8 on time and inside (likely = delivery day),
//                          2 delivered after the promise (likely 2 days before delivery). 1 lookup per order.
//   fedex Ground    US-CA  10 orders, Mon 12 – Fri 16 Oct (2 a day). First scan 48 h after the order.
//                          9 delivered 5 days later, on time and inside (likely = delivery day); one of them
//                          after a failed attempt (not_home: the shopper). 1 address problem (exception, the
//                          shopper), never delivered. Help requests on 2 orders.
//   usps  Priority  US-NY  5 orders, Mon 12 Oct. First scan 12 h after the order. 3 delivered 2 days later
//                          (no promise), one of them after a late hand-off delay (the merchant); 1 lost
//                          (exception "lost", attention lost, the carrier); 1 returned to sender (the carrier).
//                          2 lookups per order, 1 help request.
//   —                      1 unfulfilled order, Tue 13 Oct, US-CA.
// Every carrier scan reached Parcelwise 2 hours after it happened.
export const KNOWN_HISTORY = {
  shop: "known-history.myshopify.com",
  timeZone: "America/New_York",
  range: { from: "2026-10-05", to: "2026-10-18" },
  expected: {
    orders: 26,
    shipments: 25,
    delivered: 22,
    promised: 19,
    onTimeRate: 0.8947, // 17 / 19
    insideWindowRate: 0.8947,
    averagePromiseErrorDays: 0.21, // 4 days over 19
    late: 2,
    timeToShipHours: { count: 25, median: 24, p90: 48, average: 31.2 }, // 5×12 h, 10×24 h, 10×48 h
    transitDays: { count: 22, median: 3, p90: 5, average: 3.68 }, // 3×2, 10×3, 9×5 days
    exceptionRate: 0.08, // 2 / 25
    returnRate: 0.04,
    lostRate: 0.04,
    firstAttemptRate: 0.9545, // 21 / 22
    scanLagHours: 2,
    helpRequestsPer100Orders: 11.5, // 3 / 26
    lookupsPer100Orders: 76.9, // 20 / 26
    problemsByOwner: { carrier: 2, merchant: 1, shopper: 2, customs: 0, weather: 0 },
    merchantControllableShare: 0.2,
    ups: { orders: 10, onTimeRate: 0.8, transitMedian: 3, timeToShipMedian: 24 },
    fedex: { orders: 10, onTimeRate: 1, transitMedian: 5, firstAttemptRate: 0.8889 },
    usps: { orders: 5, onTimeRate: null, transitMedian: 2, lostRate: 0.2 },
  },
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SCAN_LAG = 2 * HOUR;

type Plan = {
  day: string;
  carrier: string | null;
  service: string | null;
  region: "CA" | "NY";
  lookups: number;
  helpRequest: boolean;
  shipment?: {
    ttsHours: number;
    outcome: "delivered" | "address_problem" | "lost" | "returned";
    transitDays?: number;
    attempted?: boolean;
    lateHandoff?: boolean;
    promise?: "on_time" | "late";
  };
};

// 11:00 in New York (EDT, UTC−4, all of October 2026).
const orderedAtOn = (day: string) => new Date(`${day}T15:00:00Z`);

function plans(): Plan[] {
  const result: Plan[] = [];
  const week = (monday: number) =>
    Array.from({ length: 5 }, (_, index) => `2026-10-${String(monday + index).padStart(2, "0")}`);
  week(5).forEach((day, index) => {
    for (let order = 0; order < 2; order += 1) {
      result.push({
        day,
        carrier: "ups",
        service: "Ground",
        region: "CA",
        lookups: 1,
        helpRequest: false,
        shipment: {
          ttsHours: 24,
          outcome: "delivered",
          transitDays: 3,
          promise: index === 4 ? "late" : "on_time",
        },
      });
    }
  });
  week(12).forEach((day, index) => {
    for (const half of [0, 1]) {
      const exception = index === 4 && half === 1;
      result.push({
        day,
        carrier: "fedex",
        service: "Ground",
        region: "CA",
        lookups: 0,
        helpRequest: index === 0,
        shipment: exception
          ? { ttsHours: 48, outcome: "address_problem" }
          : {
              ttsHours: 48,
              outcome: "delivered",
              transitDays: 5,
              attempted: index === 1 && half === 0,
              promise: "on_time",
            },
      });
    }
  });
  const usps: Array<NonNullable<Plan["shipment"]>> = [
    { ttsHours: 12, outcome: "delivered", transitDays: 2 },
    { ttsHours: 12, outcome: "delivered", transitDays: 2 },
    { ttsHours: 12, outcome: "delivered", transitDays: 2, lateHandoff: true },
    { ttsHours: 12, outcome: "lost" },
    { ttsHours: 12, outcome: "returned" },
  ];
  usps.forEach((shipment, index) =>
    result.push({
      day: "2026-10-12",
      carrier: "usps",
      service: "Priority",
      region: "NY",
      lookups: 2,
      helpRequest: index === 0,
      shipment,
    }),
  );
  result.push({
    day: "2026-10-13",
    carrier: null,
    service: null,
    region: "CA",
    lookups: 0,
    helpRequest: false,
  });
  return result;
}

export async function seedKnownDeliveryHistory(db: PrismaClient, shop: string = KNOWN_HISTORY.shop) {
  await db.shop.create({
    data: { domain: shop, name: "Known history", timezone: KNOWN_HISTORY.timeZone, settings: { create: {} } },
  });
  let number = 5000;
  for (const plan of plans()) {
    number += 1;
    const orderedAt = orderedAtOn(plan.day);
    const order = await db.order.create({
      data: {
        shop,
        shopifyId: `gid://shopify/Order/${number}`,
        name: `#${number}`,
        orderedAt,
        destinationCountry: "US",
        destinationProvince: plan.region,
        trackingLookups: plan.lookups,
      },
    });
    if (plan.helpRequest)
      await db.supportRequest.create({ data: { shop, orderId: order.id, reason: "late" } });
    if (!plan.shipment || !plan.carrier) continue;
    await createShipment(db, { shop, orderId: order.id, number, orderedAt, plan, shipment: plan.shipment });
  }
}

async function createShipment(
  db: PrismaClient,
  {
    shop,
    orderId,
    number,
    orderedAt,
    plan,
    shipment,
  }: {
    shop: string;
    orderId: string;
    number: number;
    orderedAt: Date;
    plan: Plan;
    shipment: NonNullable<Plan["shipment"]>;
  },
) {
  const firstScanAt = new Date(orderedAt.getTime() + shipment.ttsHours * HOUR);
  const deliveredAt =
    shipment.outcome === "delivered"
      ? new Date(firstScanAt.getTime() + (shipment.transitDays ?? 0) * DAY)
      : null;
  const status = {
    delivered: "delivered",
    address_problem: "exception",
    lost: "exception",
    returned: "returned",
  }[shipment.outcome];
  const substatus = {
    delivered: null,
    address_problem: "address_problem",
    lost: "lost",
    returned: "returned_to_sender",
  }[shipment.outcome];
  const created = await db.shipment.create({
    data: {
      shop,
      orderId,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${number}`,
      trackingNumber: `KNOWN${number}`,
      carrier: plan.carrier,
      service: plan.service,
      status,
      substatus,
      shippedAt: new Date(orderedAt.getTime() + HOUR),
      deliveredAt,
      lastEventAt: deliveredAt ?? new Date(firstScanAt.getTime() + DAY),
      ...(shipment.outcome === "lost"
        ? {
            attention: "lost",
            attentionReason: "lost",
            attentionOwner: "carrier",
            attentionSince: deliveredAt,
          }
        : {}),
    },
  });
  const events: Array<{ status: string; substatus: string | null; at: Date }> = [
    { status: "pre_transit", substatus: "info_received", at: new Date(orderedAt.getTime() + HOUR) },
    { status: "in_transit", substatus: null, at: firstScanAt },
  ];
  if (shipment.lateHandoff) {
    events.push({ status: "delayed", substatus: "late_handoff", at: new Date(firstScanAt.getTime() + HOUR) });
  }
  if (deliveredAt && shipment.attempted) {
    events.push({ status: "attempted", substatus: "not_home", at: new Date(deliveredAt.getTime() - DAY) });
  }
  if (deliveredAt) events.push({ status: "delivered", substatus: null, at: deliveredAt });
  if (substatus && status !== "delivered") {
    events.push({ status, substatus, at: new Date(firstScanAt.getTime() + DAY) });
  }
  await db.trackingEvent.createMany({
    data: events.map((event, index) => ({
      shop,
      shipmentId: created.id,
      status: event.status,
      substatus: event.substatus,
      occurredAt: event.at,
      createdAt: new Date(event.at.getTime() + SCAN_LAG),
      source: "carrier",
      dedupeKey: `known-${number}-${index}`,
    })),
  });
  if (deliveredAt && shipment.promise) {
    const deliveredDay = deliveredAt.getTime();
    const late = shipment.promise === "late";
    await db.deliveryEstimate.create({
      data: {
        shop,
        shipmentId: created.id,
        // Whole days around the delivery instant: on time ends the day after, late ended the day before.
        earliestAt: new Date(deliveredDay - (late ? 3 : 1) * DAY),
        likelyAt: new Date(deliveredDay - (late ? 2 : 0) * DAY - HOUR),
        latestAt: new Date(deliveredDay + (late ? -1 : 1) * DAY),
        basis: "lane",
        isOriginal: true,
      },
    });
  }
}
