import type { Prisma } from "@prisma/client";
import { hashCustomerEmail } from "../../app/services/customer-identity.server";
import {
  INFERRED_REASONS,
  reportedProblem,
  watchedFinding,
  type AttentionFinding,
} from "../../app/models/shipment-attention";
import { DEMO_CARRIERS, DESTINATIONS, type DemoCarrier, type Destination } from "./carriers";
import type { DatabaseTarget } from "../database-url";
import { createRandom, type Random } from "./random";
import { openRowWriter } from "./row-writer";
import { SCENARIOS, TIME, type Scenario, type SeedEvent } from "./scenarios";

export type SeedOptions = {
  shop: string;
  name?: string;
  orders: number;
  now?: Date;
  seed?: number;
  customerHashKey: string;
  firstOrderNumber?: number;
};

export type SeedSummary = { orders: number; shipments: number; events: number; supportRequests: number };

const SPLIT_ORDER_SHARE = 0.08;
const HELP_REQUEST_SHARE = 0.35;

// The demo shopper for order #N uses this address, so the tracking page can be tried with any order.
export const demoShopperEmail = (orderNumber: number) => `shopper+${orderNumber}@example.com`;

export async function seedShop(target: DatabaseTarget, options: SeedOptions): Promise<SeedSummary> {
  const rows = buildShopRows(options);
  const now = options.now ?? new Date();
  const stamped = <T extends object>(list: T[]) =>
    list.map((row) => ({ createdAt: now, ...row, updatedAt: now }));
  const writer = await openRowWriter(target);
  try {
    await writer.insert(
      "Shop",
      [
        {
          domain: options.shop,
          name: options.name ?? options.shop,
          status: "active",
          installedAt: now,
          createdAt: now,
          updatedAt: now,
        },
      ],
      { ignoreExisting: true },
    );
    await writer.insert("ShopSettings", [{ shop: options.shop, createdAt: now, updatedAt: now }], {
      ignoreExisting: true,
    });
    await writer.insert("Order", stamped(rows.orders));
    await writer.insert("Shipment", stamped(rows.shipments));
    await writer.insert(
      "TrackingEvent",
      rows.events.map((event) => ({ createdAt: now, ...event })),
    );
    await writer.insert("DeliveryEstimate", rows.estimates);
    await writer.insert("SupportRequest", stamped(rows.supportRequests));
  } finally {
    await writer.close();
  }
  return {
    orders: rows.orders.length,
    shipments: rows.shipments.length,
    events: rows.events.length,
    supportRequests: rows.supportRequests.length,
  };
}

export function buildShopRows(options: SeedOptions) {
  const random = createRandom(options.seed ?? 1001);
  const now = (options.now ?? new Date()).getTime();
  const firstNumber = options.firstOrderNumber ?? 1001;
  const idPrefix = options.shop.replace(/\.myshopify\.com$/, "").replace(/[^a-z0-9]/gi, "");

  const plans = Array.from({ length: options.orders }, (_, index) => {
    // The first orders walk through every scenario, so even a small shop shows each situation.
    const scenario = SCENARIOS[index] ?? pickWeighted(random, SCENARIOS);
    const ageDays = scenario.ageDays[0] + random.next() * (scenario.ageDays[1] - scenario.ageDays[0]);
    return { scenario, orderedAt: now - ageDays * TIME.DAY };
  }).sort((a, b) => a.orderedAt - b.orderedAt);

  const orders: Prisma.OrderCreateManyInput[] = [];
  const shipments: Prisma.ShipmentCreateManyInput[] = [];
  const events: Prisma.TrackingEventCreateManyInput[] = [];
  const estimates: Prisma.DeliveryEstimateCreateManyInput[] = [];
  const supportRequests: Prisma.SupportRequestCreateManyInput[] = [];

  plans.forEach(({ scenario, orderedAt }, index) => {
    const orderNumber = firstNumber + index;
    const orderId = `${idPrefix}-o${orderNumber}`;
    const destination = random.pick(DESTINATIONS);
    const shipmentCount = scenario.shipped ? (random.next() < SPLIT_ORDER_SHARE ? 2 : 1) : 0;
    orders.push({
      id: orderId,
      shop: options.shop,
      shopifyId: `gid://shopify/Order/${5_000_000_000_000 + orderNumber}`,
      name: `#${orderNumber}`,
      orderedAt: new Date(orderedAt),
      fulfillmentStatus: shipmentCount ? "fulfilled" : "unfulfilled",
      destinationCountry: destination.country,
      destinationProvince: destination.province,
      destinationPostalPrefix: destination.postal,
      customerEmailHash: hashCustomerEmail({
        shop: options.shop,
        email: demoShopperEmail(orderNumber),
        key: options.customerHashKey,
      }),
      customerLocale: destination.country === "FR" ? "fr" : destination.country === "DE" ? "de" : "en",
      itemCount: random.int(1, 4),
      shopifyUpdatedAt: new Date(orderedAt),
    });
    for (let trackingIndex = 0; trackingIndex < shipmentCount; trackingIndex += 1) {
      const shipment = buildShipment({
        random,
        scenario,
        destination,
        orderedAt,
        now,
        shop: options.shop,
        id: `${orderId}-s${trackingIndex}`,
        orderId,
        fulfillmentId: `gid://shopify/Fulfillment/${6_000_000_000_000 + orderNumber}`,
        trackingIndex,
      });
      shipments.push(shipment.row);
      events.push(...shipment.events);
      estimates.push(shipment.estimate);
      if (shipment.helpReason && trackingIndex === 0 && random.next() < HELP_REQUEST_SHARE) {
        supportRequests.push({
          id: `${orderId}-h`,
          shop: options.shop,
          orderId,
          shipmentId: shipment.row.id,
          reason: shipment.helpReason,
          message: HELP_MESSAGES[shipment.helpReason],
          status: random.next() < 0.25 ? "resolved" : "open",
          escalation: shipment.row.attention === "stuck" ? "stuck_beyond_tail" : null,
          createdAt: new Date(now - random.int(1, 48) * TIME.HOUR),
        });
      }
    }
  });
  return { orders, shipments, events, estimates, supportRequests };
}

const HELP_MESSAGES: Record<string, string> = {
  late: "It was supposed to arrive by now. Any news?",
  wrong_address: "I think my apartment number is missing.",
  other: "I was home all day but the carrier says nobody was there.",
};

function buildShipment(input: {
  random: Random;
  scenario: Scenario;
  destination: Destination;
  orderedAt: number;
  now: number;
  shop: string;
  id: string;
  orderId: string;
  fulfillmentId: string;
  trackingIndex: number;
}) {
  const { random, scenario, destination, orderedAt, now, shop, id } = input;
  const carrier: DemoCarrier = random.pick(destination.carriers);
  const profile = DEMO_CARRIERS[carrier];
  const trackingNumber = profile.number(random);
  const international = destination.country !== "US";
  const shippedAt = Math.min(orderedAt + random.int(6, 30) * TIME.HOUR, now - TIME.HOUR);
  const transitDays = profile.transitDays + (international && carrier !== "canada_post" ? 1 : 0);
  const expectedAt = shippedAt + (transitDays + random.int(-1, 1)) * TIME.DAY;
  const outcome = scenario.outcome?.({ shippedAt, expectedAt, now }) ?? {
    status: "pending" as const,
    events: [],
  };

  const timeline: SeedEvent[] = [
    {
      status: "pre_transit",
      rawCode: "MP",
      rawText: "Shipping label created",
      at: shippedAt - 3 * TIME.HOUR,
      atDestination: false,
    },
  ];
  if (outcome.status !== "pre_transit") {
    timeline.push({
      status: "in_transit",
      substatus: "picked_up",
      rawCode: "PU",
      rawText: "Picked up",
      at: shippedAt,
      atDestination: false,
    });
  }
  timeline.push(...outcome.events);
  const lastEventAt = Math.max(...timeline.map((event) => event.at));
  const finding = attentionFinding(outcome);
  const windowStart = shippedAt + (transitDays - 1) * TIME.DAY;
  const windowEnd =
    outcome.attention === "late"
      ? Math.min(shippedAt + (transitDays + 1) * TIME.DAY, now - 2 * TIME.DAY)
      : shippedAt + (transitDays + 1) * TIME.DAY;

  const row: Prisma.ShipmentCreateManyInput = {
    id,
    shop,
    orderId: input.orderId,
    shopifyFulfillmentId: input.fulfillmentId,
    trackingIndex: input.trackingIndex,
    trackingNumber,
    trackingCompany: profile.company,
    carrier: carrier === "local" ? null : carrier,
    carrierConfidence: carrier === "local" ? null : 0.99,
    trackingUrl: profile.url(trackingNumber),
    status: outcome.status,
    substatus: outcome.substatus ?? null,
    shippedAt: new Date(shippedAt),
    windowStart: new Date(windowStart),
    windowEnd: new Date(windowEnd),
    deliveredAt: outcome.deliveredAt ? new Date(outcome.deliveredAt) : null,
    lastEventAt: new Date(lastEventAt),
    attention: outcome.attention ?? null,
    attentionReason: finding?.reason ?? null,
    attentionOwner: finding?.owner ?? null,
    attentionSince: outcome.attention ? new Date(now - TIME.DAY) : null,
    nextCheckAt:
      outcome.status === "delivered" || outcome.status === "returned" ? null : new Date(now + TIME.HOUR),
    shopifyUpdatedAt: new Date(lastEventAt),
    createdAt: new Date(shippedAt),
  };
  const events: Prisma.TrackingEventCreateManyInput[] = timeline.map((event, index) => ({
    id: `${id}-e${index}`,
    shop,
    shipmentId: id,
    status: event.status,
    substatus: event.substatus ?? null,
    rawCode: event.rawCode,
    rawText: event.rawText,
    occurredAt: new Date(event.at),
    city: event.atDestination ? destination.city : "Louisville",
    region: event.atDestination ? destination.province : "KY",
    country: event.atDestination ? destination.country : "US",
    source: "carrier",
    dedupeKey: `${event.rawCode}:${event.at}`,
  }));
  const estimate: Prisma.DeliveryEstimateCreateManyInput = {
    id: `${id}-w0`,
    shop,
    shipmentId: id,
    earliestAt: new Date(windowStart),
    latestAt: new Date(shippedAt + (transitDays + 1) * TIME.DAY),
    likelyAt: new Date(shippedAt + transitDays * TIME.DAY),
    basis: "merchant_default",
    isOriginal: true,
    createdAt: new Date(shippedAt),
  };
  const helpReason =
    outcome.attention === "late" || outcome.attention === "stuck"
      ? "late"
      : outcome.status === "exception"
        ? "wrong_address"
        : outcome.status === "attempted"
          ? "other"
          : null;
  return { row, events, estimate, helpReason };
}

function pickWeighted(random: Random, scenarios: Scenario[]): Scenario {
  const total = scenarios.reduce((sum, scenario) => sum + scenario.weight, 0);
  let roll = random.next() * total;
  for (const scenario of scenarios) {
    roll -= scenario.weight;
    if (roll <= 0) return scenario;
  }
  return scenarios[scenarios.length - 1] as Scenario;
}

// Why each demo parcel needs attention and who can act, by the rules the app itself follows.
function attentionFinding(outcome: {
  status: string;
  substatus?: string;
  attention?: string;
}): AttentionFinding | null {
  const state = { status: outcome.status, substatus: outcome.substatus ?? null };
  switch (outcome.attention) {
    case "exception":
      return reportedProblem(state);
    case "late":
      return watchedFinding("late", INFERRED_REASONS.windowPassed, state);
    case "stuck":
      return watchedFinding("stuck", INFERRED_REASONS.noRecentScan, state);
    default:
      return null;
  }
}
