import type { HandOff, TrackingResult } from "../carrier-adapter";
import { MalformedResponseError, TrackingNotFoundError } from "../common/carrier-errors";
import {
  classification,
  classify,
  matchTextRule,
  type Classification,
  type TextRule,
} from "../common/code-table";
import { carrierErrorFromCodes, carrierErrorFromStatus } from "../common/error-codes";
import { parseCarrierTimestamp } from "../common/local-time";
import { eventLocation, normalizedEvent } from "../common/normalized-event";
import type { ZoneHint } from "../common/time-zones";
import {
  isSuccessStatus,
  matchingOrFirst,
  sameTrackingNumber,
  type ResponseContext,
} from "../common/response-context";
import { trackingResult } from "../common/tracking-result";
import { parseJson, validate } from "../common/validation";
import {
  DHL_DESTINATION_PROVIDERS,
  DHL_ERROR_KINDS,
  DHL_FAILURE_TEXT_RULES,
  DHL_STATUS_CODES,
  DHL_TRANSIT_TEXT_RULES,
} from "./codes";
import {
  dhlProblemSchema,
  dhlTrackingResponseSchema,
  type DhlPlace,
  type DhlShipment,
  type DhlStatus,
} from "./schema";

const TEXT_RULES_BY_STATUS_CODE: Readonly<Record<string, readonly TextRule[]>> = {
  transit: DHL_TRANSIT_TEXT_RULES,
  failure: DHL_FAILURE_TEXT_RULES,
};

export function classifyDhlStatus(
  status: Pick<DhlStatus, "statusCode" | "status" | "description">,
): Classification {
  const base = classify(
    { code: status.statusCode, text: null },
    { codes: DHL_STATUS_CODES, fallback: "in_transit" },
  );
  const rules = TEXT_RULES_BY_STATUS_CODE[status.statusCode];
  const refined =
    rules && matchTextRule(rules, [status.status, status.description].filter(Boolean).join(" "));
  return refined ? classification(refined, base.known) : base;
}

function placeOf(place: DhlPlace | undefined): ZoneHint | null {
  const address = place?.address;
  return address
    ? {
        country: address.countryCode ?? null,
        region: address.addressRegion ?? null,
        postalCode: address.postalCode ?? null,
      }
    : null;
}

function shipmentEvent(event: DhlStatus) {
  const address = event.location?.address;
  const location = eventLocation({
    city: address?.addressLocality,
    region: address?.addressRegion,
    postalCode: address?.postalCode,
    country: address?.countryCode,
  });
  const time = parseCarrierTimestamp(event.timestamp, location);
  if (!time)
    throw new MalformedResponseError("dhl", `dhl event has an unreadable timestamp "${event.timestamp}"`);
  return normalizedEvent("dhl", {
    classification: classifyDhlStatus(event),
    time,
    location,
    description: event.description ?? event.status,
    rawCode: event.statusCode,
    rawText: event.status,
  });
}

function handOff(shipment: DhlShipment): HandOff | null {
  const local = shipment.details?.references?.find((reference) => reference.type === "local-tracking-number");
  if (!local?.number) return null;
  const provider = shipment.details?.provider?.destinationProvider;
  return {
    carrier: (provider && DHL_DESTINATION_PROVIDERS[provider]) || provider || "local_post",
    trackingNumber: local.number,
  };
}

/** A DHL Shipment Tracking – Unified body (success or problem) to the normalized result, or its typed error. */
export function parseDhlResponse(body: string, context: ResponseContext = {}): TrackingResult {
  const json = parseJson("dhl", body);
  const problem = dhlProblemSchema.safeParse(json);
  if (problem.success) {
    const { status, title, detail } = problem.data;
    throw carrierErrorFromCodes(
      "dhl",
      [{ code: status, message: `${title} ${detail}`.trim() }],
      DHL_ERROR_KINDS,
      context.httpStatus,
    );
  }
  if (!isSuccessStatus(context.httpStatus)) throw carrierErrorFromStatus("dhl", context.httpStatus ?? 0);

  const data = validate("dhl", dhlTrackingResponseSchema, json);
  const shipment = matchingOrFirst(data.shipments, (item) =>
    sameTrackingNumber(item.id, context.trackingNumber),
  );
  if (!shipment) throw new TrackingNotFoundError("dhl", "dhl returned no shipment");

  const destination = placeOf(shipment.destination);
  const frame = shipment.estimatedDeliveryTimeFrame;
  return trackingResult({
    // DHL lists events newest first.
    events: [...shipment.events].reverse().map(shipmentEvent),
    currentStatus: shipment.status ? classifyDhlStatus(shipment.status) : null,
    estimatedDeliveryAt:
      parseCarrierTimestamp(shipment.estimatedTimeOfDelivery, destination)?.occurredAt ??
      parseCarrierTimestamp(frame?.estimatedThrough, destination)?.occurredAt ??
      null,
    carrierDeliveredAt: parseCarrierTimestamp(shipment.details?.proofOfDelivery?.timestamp, destination)
      ?.occurredAt,
    handOff: handOff(shipment),
  });
}
