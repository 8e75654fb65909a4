import type { DatabaseTarget } from "../prisma/database-url";
import { createRandom, type Random } from "../prisma/seed/random";
import { openRowWriter } from "../prisma/seed/row-writer";

// A year of one busy shop's deliveries at benchmark volume (up to a million shipments), shaped like real
// ones: more orders in the November–December peak, most parcels scanned within a day or two of the order,
// transit by carrier and service with a slow tail, a few exceptions, returns and losses, some parcels still
// on their way, a first promised window for each, help requests and tracking-page lookups. Written straight
// through the drivers (prisma/seed/row-writer.ts) in chunks, so memory stays flat.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 10_000;

type Lane = {
  carrier: string;
  service: string;
  countries: string[];
  transitDays: [number, number];
  weight: number;
};

const LANES: Lane[] = [
  { carrier: "usps", service: "Ground Advantage", countries: ["US"], transitDays: [2, 6], weight: 28 },
  { carrier: "usps", service: "Priority Mail", countries: ["US"], transitDays: [1, 4], weight: 10 },
  { carrier: "ups", service: "Ground", countries: ["US"], transitDays: [1, 5], weight: 24 },
  { carrier: "ups", service: "2nd Day Air", countries: ["US"], transitDays: [1, 2], weight: 5 },
  { carrier: "fedex", service: "Ground", countries: ["US"], transitDays: [1, 5], weight: 15 },
  { carrier: "fedex", service: "Express Saver", countries: ["US"], transitDays: [1, 3], weight: 6 },
  { carrier: "canada_post", service: "Expedited Parcel", countries: ["CA"], transitDays: [2, 7], weight: 5 },
  {
    carrier: "dhl_express",
    service: "Express Worldwide",
    countries: ["GB", "DE", "FR", "AU", "CA"],
    transitDays: [2, 6],
    weight: 7,
  },
];

const REGIONS: Record<string, string[]> = {
  US: [
    "CA",
    "TX",
    "FL",
    "NY",
    "PA",
    "IL",
    "OH",
    "GA",
    "NC",
    "MI",
    "NJ",
    "VA",
    "WA",
    "AZ",
    "MA",
    "TN",
    "IN",
    "MO",
    "MD",
    "WI",
    "CO",
    "MN",
    "SC",
    "AL",
    "LA",
    "KY",
    "OR",
    "OK",
    "CT",
    "UT",
    "IA",
    "NV",
    "AR",
    "MS",
    "KS",
    "NM",
    "NE",
    "ID",
    "WV",
    "HI",
    "NH",
    "ME",
    "RI",
    "MT",
    "DE",
    "SD",
    "ND",
    "AK",
    "VT",
    "WY",
  ],
  CA: ["ON", "QC", "BC", "AB", "MB", "NS"],
  GB: ["ENG", "SCT", "WLS"],
  DE: ["BY", "NW", "BE", "HH"],
  FR: ["IDF", "ARA", "PAC"],
  AU: ["NSW", "VIC", "QLD"],
};
// Far from the warehouse: a day more in transit.
const FAR_REGIONS = new Set(["HI", "AK", "WA", "OR", "CA", "NV", "BC", "AB", "QLD"]);

export type VolumeSummary = {
  orders: number;
  shipments: number;
  events: number;
  estimates: number;
  supportRequests: number;
  // Orders placed in each of the last 365 days' ranges the bench asks about, to check the page's figures.
  ordersSince: (day: string) => number;
};

export async function seedDeliveryHistoryVolume({
  target,
  shop,
  shipments,
  now,
  seed = 2026,
  onProgress,
}: {
  target: DatabaseTarget;
  shop: string;
  shipments: number;
  now: Date;
  seed?: number;
  onProgress?: (written: number) => void;
}): Promise<VolumeSummary> {
  const random = createRandom(seed);
  const days = dayWeights(now);
  const writer = await openRowWriter(target);
  const ordersPerDay = new Map<string, number>();
  const totals = { orders: 0, shipments: 0, events: 0, estimates: 0, supportRequests: 0 };
  try {
    for (let start = 0; start < shipments; start += CHUNK) {
      const rows = buildChunk({
        random,
        days,
        shop,
        now,
        from: start,
        to: Math.min(shipments, start + CHUNK),
      });
      await writer.insert("Order", rows.orders);
      await writer.insert("Shipment", rows.shipments);
      await writer.insert("TrackingEvent", rows.events);
      await writer.insert("DeliveryEstimate", rows.estimates);
      await writer.insert("SupportRequest", rows.supportRequests);
      for (const order of rows.orders) {
        const day = (order.orderedAt as Date).toISOString().slice(0, 10);
        ordersPerDay.set(day, (ordersPerDay.get(day) ?? 0) + 1);
      }
      totals.orders += rows.orders.length;
      totals.shipments += rows.shipments.length;
      totals.events += rows.events.length;
      totals.estimates += rows.estimates.length;
      totals.supportRequests += rows.supportRequests.length;
      onProgress?.(totals.shipments);
    }
  } finally {
    await writer.close();
  }
  return {
    ...totals,
    ordersSince: (day) =>
      [...ordersPerDay].reduce((sum, [key, count]) => (key >= day ? sum + count : sum), 0),
  };
}

// The last 365 UTC days before `now`, weighted: the holiday peak (mid-November to Christmas) has 2.5 times
// the orders of an ordinary day.
function dayWeights(now: Date): { starts: number[]; cumulative: number[] } {
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const starts: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let back = 364; back >= 0; back -= 1) {
    const start = today - back * DAY;
    const date = new Date(start);
    const month = date.getUTCMonth();
    const dayOfMonth = date.getUTCDate();
    const peak = (month === 10 && dayOfMonth >= 15) || (month === 11 && dayOfMonth <= 22);
    total += peak ? 2.5 : 1;
    starts.push(start);
    cumulative.push(total);
  }
  return { starts, cumulative };
}

function pickDay(random: Random, days: { starts: number[]; cumulative: number[] }): number {
  const target = random.next() * (days.cumulative.at(-1) ?? 1);
  let low = 0;
  let high = days.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((days.cumulative[middle] ?? 0) < target) low = middle + 1;
    else high = middle;
  }
  return days.starts[low] ?? 0;
}

const LANE_WEIGHT_TOTAL = LANES.reduce((sum, lane) => sum + lane.weight, 0);

function pickLane(random: Random): Lane {
  let target = random.next() * LANE_WEIGHT_TOTAL;
  for (const lane of LANES) {
    target -= lane.weight;
    if (target <= 0) return lane;
  }
  return LANES[0] as Lane;
}

// Population-like skew: the first regions of each list are the busiest.
function pickRegion(random: Random, country: string): string {
  const regions = REGIONS[country] ?? [""];
  const index = Math.floor(regions.length * random.next() ** 2);
  return regions[index] ?? "";
}

type Row = Record<string, unknown>;

const AMBIGUOUS_CANDIDATES = JSON.stringify([
  { carrier: "purolator", confidence: 0.65 },
  { carrier: "fedex", confidence: 0.61 },
]);

function buildChunk({
  random,
  days,
  shop,
  now,
  from,
  to,
}: {
  random: Random;
  days: { starts: number[]; cumulative: number[] };
  shop: string;
  now: Date;
  from: number;
  to: number;
}) {
  const orders: Row[] = [];
  const shipments: Row[] = [];
  const events: Row[] = [];
  const estimates: Row[] = [];
  const supportRequests: Row[] = [];
  const nowMs = now.getTime();

  for (let index = from; index < to; index += 1) {
    const orderedAt = pickDay(random, days) + Math.floor(random.next() * DAY);
    if (orderedAt > nowMs) continue;
    const lane = pickLane(random);
    const country = random.pick(lane.countries);
    const region = pickRegion(random, country);
    const orderId = `av-o${index}`;
    const shipmentId = `av-s${index}`;

    // Most parcels get their first scan the same or the next day; one in ten waits for a late hand-off.
    const handoffHours = 3 + random.next() * 30 + (random.next() < 0.1 ? 24 + random.next() * 72 : 0);
    const firstScanAt = orderedAt + handoffHours * HOUR;
    const [fastest, slowest] = lane.transitDays;
    const delayed = random.next() < 0.06;
    const transitDays =
      fastest +
      random.next() * (slowest - fastest) +
      (FAR_REGIONS.has(region) ? 1 : 0) +
      (delayed ? 2 + random.next() * 4 : 0);
    const arrivesAt = firstScanAt + transitDays * DAY;

    const roll = random.next();
    const outcome =
      firstScanAt > nowMs
        ? "label"
        : arrivesAt > nowMs
          ? "in_transit"
          : roll < 0.012
            ? "returned"
            : roll < 0.017
              ? "lost"
              : roll < 0.04
                ? "exception"
                : "delivered";
    const attempted = outcome === "delivered" && random.next() < 0.07;
    const lagHours = () => 0.1 + random.next() * (random.next() < 0.1 ? 12 : 2);

    const shipmentEvents: Array<{ status: string; substatus: string | null; at: number }> = [];
    if (outcome !== "label") shipmentEvents.push({ status: "in_transit", substatus: null, at: firstScanAt });
    if (attempted) shipmentEvents.push({ status: "attempted", substatus: "not_home", at: arrivesAt - DAY });
    if (outcome === "delivered") shipmentEvents.push({ status: "delivered", substatus: null, at: arrivesAt });
    const problemAt = firstScanAt + (transitDays / 2) * DAY;
    if (outcome === "exception") {
      const substatus = random.pick(["address_problem", "damaged", "carrier_failure"]);
      shipmentEvents.push({ status: "exception", substatus, at: problemAt });
    }
    if (outcome === "lost") shipmentEvents.push({ status: "exception", substatus: "lost", at: problemAt });
    if (outcome === "returned") {
      shipmentEvents.push({ status: "returned", substatus: "returned_to_sender", at: arrivesAt });
    }
    const last = shipmentEvents.at(-1);
    const status = outcome === "label" ? "pre_transit" : (last?.status ?? "in_transit");
    const late = delayed || outcome === "lost" || outcome === "exception";
    // The first promise: the lane's usual transit from the order day, a day either side of the likely day.
    const likelyDay = Math.floor((orderedAt + DAY + ((fastest + slowest) / 2) * DAY) / DAY) * DAY;
    const window = { start: new Date(likelyDay - DAY), end: new Date(likelyDay + 2 * DAY - 1) };
    // One number in 400 fits two carriers' formats; the merchant has settled half of them.
    const ambiguous = index % 400 === 7;

    orders.push({
      id: orderId,
      shop,
      shopifyId: `gid://shopify/Order/${9_000_000 + index}`,
      name: `#${100_000 + index}`,
      orderedAt: new Date(orderedAt),
      fulfillmentStatus: "fulfilled",
      destinationCountry: country,
      destinationProvince: region,
      trackingLookups: random.int(0, late ? 5 : 2),
      itemCount: random.int(1, 4),
      createdAt: new Date(orderedAt),
      updatedAt: now,
    });
    shipments.push({
      id: shipmentId,
      shop,
      orderId,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${9_000_000 + index}`,
      trackingNumber: `AV${String(index).padStart(10, "0")}`,
      trackingCompany: lane.carrier,
      carrier: lane.carrier,
      service: lane.service,
      status,
      substatus: last?.substatus ?? null,
      shippedAt: new Date(orderedAt + Math.min(handoffHours, 2) * HOUR),
      deliveredAt: outcome === "delivered" ? new Date(arrivesAt) : null,
      lastEventAt: last ? new Date(last.at) : null,
      attention: outcome === "lost" ? "lost" : null,
      attentionOwner: outcome === "lost" ? "carrier" : null,
      windowStart: window.start,
      windowEnd: window.end,
      carrierAmbiguous: ambiguous && index % 800 !== 7,
      carrierConfirmed: ambiguous && index % 800 === 7,
      carrierCandidates: ambiguous ? AMBIGUOUS_CANDIDATES : null,
      createdAt: new Date(orderedAt + HOUR),
      updatedAt: now,
    });
    shipmentEvents.forEach((event, position) => {
      events.push({
        id: `av-e${index}-${position}`,
        shop,
        shipmentId,
        status: event.status,
        substatus: event.substatus,
        occurredAt: new Date(event.at),
        source: "carrier",
        dedupeKey: `av-${index}-${position}`,
        createdAt: new Date(event.at + lagHours() * HOUR),
      });
    });
    estimates.push({
      id: `av-w${index}`,
      shop,
      shipmentId,
      earliestAt: window.start,
      likelyAt: new Date(likelyDay),
      latestAt: window.end,
      basis: "lane",
      isOriginal: true,
      createdAt: new Date(orderedAt + HOUR),
    });
    if (random.next() < (late ? 0.15 : 0.015)) {
      supportRequests.push({
        id: `av-h${index}`,
        shop,
        orderId,
        shipmentId,
        reason: late ? "late" : "other",
        status: "resolved",
        createdAt: new Date(Math.min(nowMs, firstScanAt + transitDays * DAY)),
        updatedAt: now,
      });
    }
  }
  return { orders, shipments, events, estimates, supportRequests };
}
