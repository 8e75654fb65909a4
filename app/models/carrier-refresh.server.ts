import type { Prisma } from "@prisma/client";
import prisma from "../db.server";
import {
  isCarrierCode,
  type CarrierCode,
  type NormalizedEvent,
  type TrackingResult,
} from "../services/carriers/carrier-adapter";
import { CarrierError, CarrierRateLimitedError } from "../services/carriers/common/carrier-errors";
import { trackWithCarrier } from "../services/carriers";
import { CarrierRateLimiter, DEFAULT_CARRIER_RATE_LIMITS } from "../services/carriers/rate-limiter";
import { config } from "../config.server";
import { carrierConnection, markCarrierAccountInvalid } from "./carrier-accounts.server";
import { estimateWindowJob } from "./delivery-estimates.server";
import { enqueueJob } from "./jobs.server";
import { nextCheckAt } from "./poll-schedule";
import { FINAL_STATUSES, isShipmentStatus } from "./shipment-status";
import { milestonesForChange } from "./notification-milestones";
import { queueShipmentMilestones } from "./notification-outbox.server";
import { attentionAfterStateChange } from "./shipment-attention";
import { deriveShipmentState } from "./shipment-timeline.server";

const HOUR = 3_600_000;
// New labels often reach the carrier's system hours after Shopify has the number; after this many "not
// found" answers in a row, the number is treated as wrong and polling stops.
const MAX_NOT_FOUND = 8;

export type RefreshOutcome =
  | "updated"
  | "unchanged"
  | "no_carrier_api"
  | "no_credentials"
  | "not_found"
  | "auth_failed"
  | "rate_limited"
  | "malformed_response";

export type RefreshResult = { outcome: RefreshOutcome; nextCheckAt: Date | null; newEvents: number };

type Tracker = typeof trackWithCarrier;

const rateLimiter = new CarrierRateLimiter(configuredRateLimits());

function configuredRateLimits() {
  const overrides = config().CARRIER_RATE_LIMITS;
  return {
    ...DEFAULT_CARRIER_RATE_LIMITS,
    ...Object.fromEntries(Object.entries(overrides).map(([code, rate]) => [code, Number(rate)])),
  };
}
type Connector = typeof carrierConnection;

// One look at the carrier for one shipment. New scans are stored (stitched with a last-mile carrier's, when the
// parcel was handed over); an answer that brings nothing new writes nothing. Returns when to look again.
export async function refreshShipment({
  shop,
  shipmentId,
  now = new Date(),
  track = trackWithCarrier,
  connect = carrierConnection,
}: {
  shop: string;
  shipmentId: string;
  now?: Date;
  track?: Tracker;
  connect?: Connector;
}): Promise<RefreshResult> {
  const shipment = await prisma.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: {
      carrier: true,
      trackingNumber: true,
      lastMileCarrier: true,
      lastMileTrackingNumber: true,
      status: true,
      substatus: true,
      shippedAt: true,
      lastEventAt: true,
      deliveredAt: true,
      carrierEstimatedAt: true,
      windowEnd: true,
      attention: true,
      attentionReason: true,
      attentionOwner: true,
      pollFailures: true,
      shopifyFulfillmentStatus: true,
      shopifyShipmentStatus: true,
      shopifyDeliveredAt: true,
    },
  });
  if (!shipment || FINAL_STATUSES.has(shipment.status as never))
    return { outcome: "unchanged", nextCheckAt: null, newEvents: 0 };
  const carrier = shipment.carrier;
  if (!shipment.trackingNumber || !carrier || !isCarrierCode(carrier)) {
    return { outcome: "no_carrier_api", nextCheckAt: null, newEvents: 0 };
  }

  const slot = rateLimiter.take(carrier, now.getTime());
  if (!slot.allowed) {
    return { outcome: "rate_limited", nextCheckAt: new Date(now.getTime() + slot.retryInMs), newEvents: 0 };
  }

  const legs: Array<{ carrier: CarrierCode; trackingNumber: string }> = [
    { carrier, trackingNumber: shipment.trackingNumber },
  ];
  if (
    shipment.lastMileCarrier &&
    isCarrierCode(shipment.lastMileCarrier) &&
    shipment.lastMileTrackingNumber
  ) {
    legs.push({ carrier: shipment.lastMileCarrier, trackingNumber: shipment.lastMileTrackingNumber });
  }
  const results: Array<{ carrier: CarrierCode; result: TrackingResult }> = [];
  for (const leg of legs) {
    const connection = await connect({ shop, carrier: leg.carrier });
    if (!connection) {
      if (results.length) break;
      return { outcome: "no_credentials", nextCheckAt: null, newEvents: 0 };
    }
    try {
      const result = await track(leg.carrier, leg.trackingNumber, {
        credentials: connection.credentials,
        baseUrl: connection.baseUrl,
        now,
      });
      results.push({ carrier: leg.carrier, result });
      const handOff = result.handOff;
      if (handOff && isCarrierCode(handOff.carrier) && legs.length === 1)
        legs.push({ carrier: handOff.carrier, trackingNumber: handOff.trackingNumber });
    } catch (error) {
      if (!(error instanceof CarrierError) || results.length) {
        if (results.length) break;
        throw error;
      }
      return handleCarrierFailure({
        shop,
        shipmentId,
        carrier: leg.carrier,
        error,
        now,
        pollFailures: shipment.pollFailures,
        connectionSource: connection.source,
      });
    }
  }

  const primary = results[0]?.result;
  if (!primary) return { outcome: "unchanged", nextCheckAt: null, newEvents: 0 };
  const handOff = primary.handOff && isCarrierCode(primary.handOff.carrier) ? primary.handOff : null;

  return prisma.$transaction(async (tx) => {
    const incoming = results.flatMap(({ carrier: code, result }) =>
      result.events.map((event) => eventRow(shop, shipmentId, code, event)),
    );
    const known = await tx.trackingEvent.findMany({
      where: { shipmentId, shop },
      select: { status: true, substatus: true, occurredAt: true, dedupeKey: true },
    });
    const knownKeys = new Set(known.map((event) => event.dedupeKey));
    const fresh = dedupeByKey(incoming.filter((event) => !knownKeys.has(event.dedupeKey)));
    const state = deriveShipmentState({
      events: [...known, ...fresh],
      trackingNumber: shipment.trackingNumber,
      shopifyFulfillmentStatus: shipment.shopifyFulfillmentStatus,
      shopifyShipmentStatus: shipment.shopifyShipmentStatus,
      shopifyDeliveredAt: shipment.shopifyDeliveredAt ?? primary.deliveredAt,
    });
    const estimate = primary.estimatedDeliveryAt ?? shipment.carrierEstimatedAt;
    const attention = attentionAfterStateChange(shipment, state, now);
    const changed =
      attention !== null ||
      fresh.length > 0 ||
      state.status !== shipment.status ||
      state.substatus !== shipment.substatus ||
      !sameTime(estimate, shipment.carrierEstimatedAt) ||
      !sameTime(state.deliveredAt, shipment.deliveredAt) ||
      (handOff !== null && handOff.trackingNumber !== shipment.lastMileTrackingNumber) ||
      shipment.pollFailures > 0;
    const next = nextCheckAt({
      status: state.status,
      shippedAt: shipment.shippedAt,
      lastEventAt: state.lastEventAt,
      now,
    });
    if (!changed) return { outcome: "unchanged" as const, nextCheckAt: next, newEvents: 0 };

    if (fresh.length) await tx.trackingEvent.createMany({ data: fresh });
    await tx.shipment.update({
      where: { id: shipmentId },
      data: {
        ...state,
        carrierEstimatedAt: estimate,
        lastCheckedAt: now,
        pollFailures: 0,
        lastPollError: null,
        nextCheckAt: next,
        ...attention,
        ...(handOff
          ? { lastMileCarrier: handOff.carrier, lastMileTrackingNumber: handOff.trackingNumber }
          : {}),
      },
    });
    const newest = fresh.reduce<(typeof fresh)[number] | null>(
      (latest, event) => (!latest || event.occurredAt > latest.occurredAt ? event : latest),
      null,
    );
    if (newest && state.status !== shipment.status) await queueWriteBack(tx, shop, shipmentId, newest);
    const before = isShipmentStatus(shipment.status) ? { ...shipment, status: shipment.status } : null;
    const triggers = milestonesForChange({
      before,
      after: { ...state, carrierEstimatedAt: estimate, windowEnd: shipment.windowEnd },
      now,
    });
    await queueShipmentMilestones(tx, { shop, shipmentId, triggers, now });
    // New scans narrow (or move) the predicted window.
    await enqueueJob(tx, estimateWindowJob(shop, shipmentId));
    return { outcome: "updated" as const, nextCheckAt: next, newEvents: fresh.length };
  });
}

type CarrierEventRow = {
  shop: string;
  shipmentId: string;
  status: string;
  substatus: string;
  rawCode: string | null;
  rawText: string | null;
  occurredAt: Date;
  utcOffset: number | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  source: string;
  dedupeKey: string;
};

function eventRow(
  shop: string,
  shipmentId: string,
  carrier: CarrierCode,
  event: NormalizedEvent,
): CarrierEventRow {
  return {
    shop,
    shipmentId,
    status: event.status,
    substatus: event.substatus,
    rawCode: event.rawCode,
    rawText: event.rawText ?? event.description,
    occurredAt: event.occurredAt,
    utcOffset: event.utcOffsetMinutes,
    city: event.location.city,
    region: event.location.region,
    postalCode: event.location.postalCode,
    country: event.location.country,
    source: `carrier:${carrier}`,
    dedupeKey: `carrier:${carrier}:${event.dedupeKey}`,
  };
}

function dedupeByKey<T extends { dedupeKey: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((row) => [row.dedupeKey, row])).values()];
}

function sameTime(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

async function queueWriteBack(
  tx: Prisma.TransactionClient,
  shop: string,
  shipmentId: string,
  event: CarrierEventRow,
) {
  const settings = await tx.shopSettings.findUnique({
    where: { shop },
    select: { writeBackToShopify: true },
  });
  if (!settings?.writeBackToShopify) return;
  await enqueueJob(tx, {
    shop,
    type: "shipment.write_back",
    uniqueKey: `shipment.write_back:${shipmentId}:${event.status}`,
    payload: { shipmentId, dedupeKey: event.dedupeKey },
  });
}

async function handleCarrierFailure(input: {
  shop: string;
  shipmentId: string;
  carrier: CarrierCode;
  error: CarrierError;
  now: Date;
  pollFailures: number;
  connectionSource: "shop" | "default";
}): Promise<RefreshResult> {
  const { shop, shipmentId, carrier, error, now } = input;
  const record = (data: Prisma.ShipmentUpdateInput) =>
    prisma.shipment.update({ where: { id: shipmentId }, data });
  switch (error.kind) {
    case "auth_failed":
      if (input.connectionSource === "shop")
        await markCarrierAccountInvalid({ shop, carrier, reason: error.message });
      await record({ lastPollError: `auth_failed: ${error.message}`, lastCheckedAt: now });
      return { outcome: "auth_failed", nextCheckAt: null, newEvents: 0 };
    case "not_found": {
      const failures = input.pollFailures + 1;
      await record({
        pollFailures: failures,
        lastPollError: `not_found: ${error.message}`,
        lastCheckedAt: now,
      });
      const retry =
        failures >= MAX_NOT_FOUND ? null : new Date(now.getTime() + Math.min(2 ** failures, 24) * HOUR);
      return { outcome: "not_found", nextCheckAt: retry, newEvents: 0 };
    }
    case "rate_limited": {
      const wait =
        error instanceof CarrierRateLimitedError && error.retryAfterMs ? error.retryAfterMs : HOUR / 4;
      return { outcome: "rate_limited", nextCheckAt: new Date(now.getTime() + wait), newEvents: 0 };
    }
    case "malformed_response":
      // The last good state stays; the reason is kept for support.
      await record({ lastPollError: `malformed_response: ${error.message}`, lastCheckedAt: now });
      return { outcome: "malformed_response", nextCheckAt: new Date(now.getTime() + 6 * HOUR), newEvents: 0 };
    case "carrier_down":
      throw error;
  }
}
