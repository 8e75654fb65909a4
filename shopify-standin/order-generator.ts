import { seededRandom, type SeededRandom } from "./seeded-random";
import { shopifyDateTime } from "./shopify-time";
import type {
  StandinFulfillment,
  StandinFulfillmentEvent,
  StandinMailingAddress,
  StandinOrder,
  StandinTrackingInfo,
} from "./standin-store";

export interface GenerateStandinOrdersOptions {
  count: number;
  /** Same seed, same orders. Default 1. */
  seed?: number;
  /** Nothing happens after this. Default: the current time. */
  now?: Date;
  /** Orders are spread over this many days before `now`. Default 60, the window Shopify serves without read_all_orders. */
  daysBack?: number;
  /** Default 1001, so names run #1001, #1002, … */
  firstOrderNumber?: number;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
// Every third order has an ID above 2^53, the range where a JS number silently loses digits.
const BIG_ORDER_ID_BASE = 9_007_199_254_741_000n;
const ORDER_ID_BASE = 5_100_000_000n;
const FULFILLMENT_ID_BASE = 6_100_000_000n;
const EVENT_ID_BASE = 7_100_000_000n;

interface Carrier {
  company: string;
  trackingNumber(random: SeededRandom): string;
  trackingUrl(number: string): string;
}

const digits = (random: SeededRandom, length: number) =>
  Array.from({ length }, () => random.integer(0, 9)).join("");
const UPS_CHARACTERS = [..."0123456789ABCDEFGHJKLMNPRSTUVWXYZ"];
const alphanumerics = (random: SeededRandom, length: number) =>
  Array.from({ length }, () => random.pick(UPS_CHARACTERS)).join("");

const CARRIERS: readonly Carrier[] = [
  {
    company: "UPS",
    trackingNumber: (random) => `1Z${alphanumerics(random, 6)}03${digits(random, 8)}`,
    trackingUrl: (number) => `https://www.ups.com/track?tracknum=${number}`,
  },
  {
    company: "FedEx",
    trackingNumber: (random) => digits(random, 12),
    trackingUrl: (number) => `https://www.fedex.com/fedextrack/?trknbr=${number}`,
  },
  {
    company: "USPS",
    trackingNumber: (random) => `9400${digits(random, 18)}`,
    trackingUrl: (number) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}`,
  },
  {
    company: "DHL Express",
    trackingNumber: (random) => digits(random, 10),
    trackingUrl: (number) =>
      `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${number}`,
  },
  {
    company: "Canada Post",
    trackingNumber: (random) => digits(random, 16),
    trackingUrl: (number) =>
      `https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=${number}`,
  },
];

// How shipments really go; a fulfillment walks some prefix of one of these.
const JOURNEYS: readonly { weight: number; statuses: readonly string[] }[] = [
  {
    weight: 50,
    statuses: ["LABEL_PRINTED", "CARRIER_PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"],
  },
  { weight: 14, statuses: ["CONFIRMED", "IN_TRANSIT", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"] },
  { weight: 10, statuses: ["LABEL_PRINTED", "IN_TRANSIT", "DELAYED", "OUT_FOR_DELIVERY", "DELIVERED"] },
  {
    weight: 10,
    statuses: ["CONFIRMED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "ATTEMPTED_DELIVERY", "DELIVERED"],
  },
  { weight: 9, statuses: ["LABEL_PRINTED", "IN_TRANSIT", "READY_FOR_PICKUP", "PICKED_UP"] },
  { weight: 7, statuses: ["LABEL_PRINTED", "IN_TRANSIT", "ATTEMPTED_DELIVERY", "FAILURE"] },
];

const MESSAGES: Record<string, string> = {
  LABEL_PRINTED: "Shipping label created",
  CONFIRMED: "Shipment information received",
  CARRIER_PICKED_UP: "Picked up by carrier",
  IN_TRANSIT: "Departed facility",
  DELAYED: "Delayed by weather",
  OUT_FOR_DELIVERY: "Out for delivery",
  ATTEMPTED_DELIVERY: "Delivery attempted, no one available",
  READY_FOR_PICKUP: "Ready for pickup at access point",
  PICKED_UP: "Picked up by customer",
  DELIVERED: "Delivered, front door",
  FAILURE: "Returned to sender",
};

const DESTINATIONS: readonly StandinMailingAddress[] = [
  { countryCodeV2: "US", provinceCode: "KY", zip: "40003" },
  { countryCodeV2: "US", provinceCode: "NY", zip: "10001" },
  { countryCodeV2: "US", provinceCode: "CA", zip: "94105" },
  { countryCodeV2: "US", provinceCode: "TX", zip: "73301" },
  { countryCodeV2: "US", provinceCode: "WA", zip: "98101" },
  { countryCodeV2: "CA", provinceCode: "ON", zip: "K1A 0B1" },
  { countryCodeV2: "CA", provinceCode: "QC", zip: "H2X 1Y4" },
  { countryCodeV2: "CA", provinceCode: "BC", zip: "V6B 1A1" },
];

const SCAN_LOCATIONS = [
  { city: "Louisville", province: "Kentucky", country: "United States", zip: "40209" },
  { city: "Memphis", province: "Tennessee", country: "United States", zip: "38118" },
  { city: "Chicago", province: "Illinois", country: "United States", zip: null },
  { city: "Reno", province: "Nevada", country: "United States", zip: null },
  { city: "Mississauga", province: "Ontario", country: "Canada", zip: "L5T 2T7" },
  { city: "Montréal", province: "Quebec", country: "Canada", zip: null },
] as const;

const LOCALES = ["en", "en", "en", "en-US", "en-CA", "fr-CA", "es"];

/**
 * A large, realistic, deterministic set of orders for tests and benchmarks: 0–2 fulfillments per order with
 * 0–5 tracking events on real carriers, some cancelled orders, and IDs above 2^53 for every third order.
 */
export function generateStandinOrders({
  count,
  seed = 1,
  now = new Date(),
  daysBack = 60,
  firstOrderNumber = 1001,
}: GenerateStandinOrdersOptions): StandinOrder[] {
  const random = seededRandom(seed);
  const nowMs = now.getTime();
  const windowStart = nowMs - daysBack * DAY_MS;
  const ids = { fulfillment: FULFILLMENT_ID_BASE, event: EVENT_ID_BASE };
  const orders: StandinOrder[] = [];
  for (let n = 0; n < count; n++) {
    const createdMs = Math.min(
      nowMs - HOUR_MS,
      windowStart + ((n + random.next()) / count) * daysBack * DAY_MS,
    );
    orders.push(generateOrder(random, { n, createdMs, nowMs, orderNumber: firstOrderNumber + n, ids }));
  }
  return orders;
}

function generateOrder(
  random: SeededRandom,
  {
    n,
    createdMs,
    nowMs,
    orderNumber,
    ids,
  }: {
    n: number;
    createdMs: number;
    nowMs: number;
    orderNumber: number;
    ids: { fulfillment: bigint; event: bigint };
  },
): StandinOrder {
  const id = (n % 3 === 2 ? BIG_ORDER_ID_BASE : ORDER_ID_BASE) + BigInt(n);
  const cancelled = random.chance(0.03);
  const cancelledMs = cancelled ? Math.min(nowMs, createdMs + random.integer(1, 48) * HOUR_MS) : null;
  const fulfillmentCount = cancelled ? 0 : random.pick([0, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
  const fulfillments: StandinFulfillment[] = [];
  for (let index = 0; index < fulfillmentCount; index++) {
    const fulfilledMs = createdMs + random.integer(2, 48) * HOUR_MS;
    if (fulfilledMs >= nowMs) break;
    fulfillments.push(generateFulfillment(random, fulfilledMs, nowMs, ids));
  }
  const updatedMs = Math.max(
    createdMs,
    cancelledMs ?? 0,
    ...fulfillments.map((fulfillment) => Date.parse(fulfillment.updatedAt)),
  );
  return {
    id: `gid://shopify/Order/${id}`,
    name: `#${orderNumber}`,
    createdAt: shopifyDateTime(createdMs),
    processedAt: shopifyDateTime(createdMs),
    updatedAt: shopifyDateTime(updatedMs),
    cancelledAt: cancelledMs === null ? null : shopifyDateTime(cancelledMs),
    cancelReason: cancelled ? random.pick(["CUSTOMER", "CUSTOMER", "INVENTORY", "DECLINED"]) : null,
    displayFulfillmentStatus:
      fulfillments.length === 0
        ? "UNFULFILLED"
        : fulfillments.length === 1 && random.chance(0.15)
          ? "PARTIALLY_FULFILLED"
          : "FULFILLED",
    email: `shopper+${orderNumber}@example.com`,
    phone: random.chance(0.4) ? `+1555${digits(random, 7)}` : null,
    customerLocale: random.pick(LOCALES),
    shippingAddress: random.chance(0.02) ? null : { ...random.pick(DESTINATIONS) },
    // Derived from the order number, not drawn: adding them leaves every seed's other values as they were.
    customer: { firstName: FIRST_NAMES[orderNumber % FIRST_NAMES.length] ?? null },
    lineItems: lineItemsFor(orderNumber),
    fulfillments,
  };
}

const FIRST_NAMES = ["Ana", "Ben", "Chloé", "Dmitri", "Emma", "Farah", "Gus", "Hana", "Iker", "Jules"];
const PRODUCTS = [
  "Cedar & Pine candle",
  "Linen tea towel",
  "Stoneware mug",
  "Wool throw blanket",
  "Beeswax wraps (set of 3)",
];

function lineItemsFor(orderNumber: number) {
  const count = 1 + (orderNumber % 3);
  return Array.from({ length: count }, (_, index) => ({
    id: `gid://shopify/LineItem/${orderNumber * 10 + index}`,
    title: PRODUCTS[(orderNumber + index) % PRODUCTS.length] ?? "Item",
    quantity: 1 + ((orderNumber + index) % 2),
  }));
}

function generateFulfillment(
  random: SeededRandom,
  fulfilledMs: number,
  nowMs: number,
  ids: { fulfillment: bigint; event: bigint },
): StandinFulfillment {
  const carrier = random.pick(CARRIERS);
  const number = carrier.trackingNumber(random);
  const trackingInfo: StandinTrackingInfo[] = [
    { number, company: carrier.company, url: carrier.trackingUrl(number) },
  ];
  const estimatedDeliveryMs = random.chance(0.8) ? fulfilledMs + random.integer(2, 7) * DAY_MS : null;
  const cancelled = random.chance(0.02);
  const events = cancelled ? [] : generateEvents(random, fulfilledMs, nowMs, estimatedDeliveryMs, ids);
  const lastChangeMs = Math.max(fulfilledMs, ...events.map((event) => Date.parse(event.createdAt)));
  ids.fulfillment += 1n;
  return {
    id: `gid://shopify/Fulfillment/${ids.fulfillment}`,
    status: cancelled ? "CANCELLED" : "SUCCESS",
    createdAt: shopifyDateTime(fulfilledMs),
    updatedAt: shopifyDateTime(lastChangeMs),
    estimatedDeliveryAt: estimatedDeliveryMs === null ? null : shopifyDateTime(estimatedDeliveryMs),
    trackingInfo,
    events,
  };
}

function generateEvents(
  random: SeededRandom,
  fulfilledMs: number,
  nowMs: number,
  estimatedDeliveryMs: number | null,
  ids: { event: bigint },
): StandinFulfillmentEvent[] {
  const journey = pickJourney(random);
  const wanted = random.chance(0.05) ? 0 : random.integer(1, Math.min(5, journey.length));
  const events: StandinFulfillmentEvent[] = [];
  let happenedMs = fulfilledMs;
  let estimateMs = estimatedDeliveryMs;
  for (const status of journey.slice(0, wanted)) {
    happenedMs += random.integer(1, 36) * HOUR_MS;
    // Carriers report late: Shopify learns of a scan minutes after it happened.
    const createdMs = happenedMs + random.integer(1, 30) * 60_000;
    if (createdMs > nowMs) break;
    if (status === "DELAYED" && estimateMs !== null) estimateMs += 2 * DAY_MS;
    const location = random.pick(SCAN_LOCATIONS);
    ids.event += 1n;
    events.push({
      id: `gid://shopify/FulfillmentEvent/${ids.event}`,
      status,
      happenedAt: shopifyDateTime(happenedMs),
      createdAt: shopifyDateTime(createdMs),
      message: MESSAGES[status] ?? null,
      address1: null,
      city: location.city,
      province: location.province,
      country: location.country,
      zip: location.zip,
      latitude: null,
      longitude: null,
      estimatedDeliveryAt:
        estimateMs !== null && ["IN_TRANSIT", "OUT_FOR_DELIVERY", "DELAYED"].includes(status)
          ? shopifyDateTime(estimateMs)
          : null,
    });
  }
  return events;
}

function pickJourney(random: SeededRandom): readonly string[] {
  const total = JOURNEYS.reduce((sum, journey) => sum + journey.weight, 0);
  let roll = random.next() * total;
  for (const journey of JOURNEYS) {
    roll -= journey.weight;
    if (roll < 0) return journey.statuses;
  }
  return JOURNEYS[0]?.statuses ?? [];
}
