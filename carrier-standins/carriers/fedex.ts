import { randomUUID } from "node:crypto";
import type { Journey, JourneyStep, Milestone } from "../journey";
import { localClockTime } from "../local-clock";
import type { Place } from "../places";
import { bearerToken, credentialsMatch } from "../credentials";
import { jsonReply, rawJsonReply, requestFields } from "../replies";
import type { CarrierApi, StandinRequest } from "../standin-types";
import { lookupTracking, type CarrierApiDeps } from "../tracking-lookup";

interface FedexScan {
  eventType: string;
  eventDescription: string;
  derivedStatusCode: string;
  derivedStatus: string;
  exceptionCode?: string;
  exceptionDescription?: string;
}

const FEDEX_SCANS: Record<Milestone, FedexScan> = {
  label_created: {
    eventType: "OC",
    eventDescription: "Shipment information sent to FedEx",
    derivedStatusCode: "IN",
    derivedStatus: "Label created",
  },
  picked_up: {
    eventType: "PU",
    eventDescription: "Picked up",
    derivedStatusCode: "PU",
    derivedStatus: "Picked up",
  },
  departed_origin: {
    eventType: "DP",
    eventDescription: "Left FedEx origin facility",
    derivedStatusCode: "IT",
    derivedStatus: "In transit",
  },
  arrived_hub: {
    eventType: "AR",
    eventDescription: "Arrived at FedEx hub",
    derivedStatusCode: "IT",
    derivedStatus: "In transit",
  },
  departed_hub: {
    eventType: "DP",
    eventDescription: "Departed FedEx hub",
    derivedStatusCode: "IT",
    derivedStatus: "In transit",
  },
  customs: {
    eventType: "CP",
    eventDescription: "Clearance in progress",
    derivedStatusCode: "IT",
    derivedStatus: "In transit",
  },
  arrived_destination: {
    eventType: "AF",
    eventDescription: "At local FedEx facility",
    derivedStatusCode: "IT",
    derivedStatus: "In transit",
  },
  delay: {
    eventType: "DY",
    eventDescription: "Delay",
    derivedStatusCode: "DY",
    derivedStatus: "Delay",
    exceptionDescription: "Weather delay",
  },
  out_for_delivery: {
    eventType: "OD",
    eventDescription: "On FedEx vehicle for delivery",
    derivedStatusCode: "OD",
    derivedStatus: "Out for delivery",
  },
  not_home: {
    eventType: "DE",
    eventDescription: "Delivery exception",
    derivedStatusCode: "DE",
    derivedStatus: "Delivery exception",
    exceptionCode: "08",
    exceptionDescription: "Customer not available or business closed",
  },
  delivered: {
    eventType: "DL",
    eventDescription: "Delivered",
    derivedStatusCode: "DL",
    derivedStatus: "Delivered",
  },
  returned: {
    eventType: "RS",
    eventDescription: "Return to shipper",
    derivedStatusCode: "RS",
    derivedStatus: "Return to shipper",
  },
};

function fedexAddress(place: Place) {
  return {
    city: place.city,
    stateOrProvinceCode: place.region ?? "",
    postalCode: place.postalCode,
    countryCode: place.country,
    residential: false,
    countryName: place.countryName,
  };
}

function localIso(instant: Date, timeZone: string): string {
  const local = localClockTime(instant, timeZone);
  return `${local.date}T${local.time}${local.offset}`;
}

function scanEvent(step: JourneyStep) {
  const scan = FEDEX_SCANS[step.milestone];
  return {
    date: localIso(step.at, step.place.timeZone),
    eventType: scan.eventType,
    eventDescription: scan.eventDescription,
    exceptionCode: scan.exceptionCode ?? "",
    exceptionDescription: scan.exceptionDescription ?? "",
    scanLocation: fedexAddress(step.place),
    derivedStatusCode: scan.derivedStatusCode,
    derivedStatus: scan.derivedStatus,
  };
}

function trackResult(journey: Journey, steps: JourneyStep[]) {
  const latest = steps.at(-1);
  const latestScan = latest ? FEDEX_SCANS[latest.milestone] : null;
  const delivered = latest?.milestone === "delivered" ? latest : null;
  const groundEconomy = journey.partnerTrackingNumber !== null;
  return {
    trackingNumberInfo: {
      trackingNumber: journey.trackingNumber,
      trackingNumberUniqueId: `12029~${journey.trackingNumber}~FDEG`,
      carrierCode: groundEconomy ? "FXSP" : "FDXG",
    },
    additionalTrackingInfo: {
      hasAssociatedShipments: false,
      packageIdentifiers: journey.partnerTrackingNumber
        ? [{ type: "PARTNER_CARRIER_NUMBER", value: journey.partnerTrackingNumber }]
        : [],
    },
    latestStatusDetail: latestScan && {
      code: latestScan.derivedStatusCode,
      derivedCode: latestScan.derivedStatusCode,
      statusByLocale: latestScan.derivedStatus,
      description: latestScan.derivedStatus,
      scanLocation: latest ? fedexAddress(latest.place) : undefined,
    },
    dateAndTimes: [
      delivered
        ? { type: "ACTUAL_DELIVERY", dateTime: localIso(delivered.at, delivered.place.timeZone) }
        : {
            type: "ESTIMATED_DELIVERY",
            dateTime: localIso(journey.estimatedDeliveryAt, journey.destination.timeZone),
          },
      {
        type: "SHIP",
        dateTime: localIso(journey.steps[0]?.at ?? journey.estimatedDeliveryAt, journey.origin.timeZone),
      },
    ],
    serviceDetail: groundEconomy
      ? { type: "SMART_POST", description: "FedEx Ground Economy", shortDescription: "SP" }
      : { type: "FEDEX_GROUND", description: "FedEx Ground", shortDescription: "FG" },
    recipientInformation: { address: fedexAddress(journey.destination) },
    scanEvents: [...steps].reverse().map(scanEvent),
  };
}

function notFound(trackingNumber: string) {
  return {
    trackingNumberInfo: { trackingNumber, trackingNumberUniqueId: "", carrierCode: "" },
    error: {
      code: "TRACKING.TRACKINGNUMBER.NOTFOUND",
      message: "Tracking number cannot be found. Please correct the tracking number and try again.",
    },
  };
}

function fedexErrors(code: string, message: string) {
  return { transactionId: randomUUID(), errors: [{ code, message }] };
}

function requestedNumbers(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as {
      trackingInfo?: Array<{ trackingNumberInfo?: { trackingNumber?: unknown } }>;
    };
    return (parsed.trackingInfo ?? []).flatMap((info) => {
      const number = info.trackingNumberInfo?.trackingNumber;
      return typeof number === "string" && number.trim() ? [number.trim()] : [];
    });
  } catch {
    return [];
  }
}

/** FedEx OAuth and Track API v1, under /fedex. */
export function createFedexApi(deps: CarrierApiDeps): CarrierApi {
  const token = (request: StandinRequest) => {
    const fields = requestFields(request.body, request.headers["content-type"]);
    const given = { clientId: fields.client_id, clientSecret: fields.client_secret };
    if (
      fields.grant_type !== "client_credentials" ||
      !credentialsMatch(deps.credentials, given) ||
      !deps.tokens
    ) {
      return jsonReply(
        401,
        fedexErrors(
          "NOT.AUTHORIZED.ERROR",
          "The given client credentials were not valid. Please modify your request and try again.",
        ),
      );
    }
    const issued = deps.tokens.issue();
    return jsonReply(200, {
      access_token: issued.accessToken,
      token_type: "bearer",
      expires_in: issued.expiresInSeconds,
      scope: "CXS",
    });
  };

  const track = (request: StandinRequest) => {
    if (!deps.tokens?.isValid(bearerToken(request.headers.authorization))) {
      return jsonReply(
        401,
        fedexErrors(
          "NOT.AUTHORIZED.ERROR",
          "Access token expired. Please modify your request and try again.",
        ),
      );
    }
    const numbers = requestedNumbers(request.body);
    if (numbers.length === 0) {
      const sample = deps.samples.errors.emptyNumber;
      return sample
        ? rawJsonReply(400, sample)
        : jsonReply(400, fedexErrors("TRACKING.TRACKINGNUMBER.EMPTY", "Please provide tracking number."));
    }
    const completeTrackResults = [];
    for (const number of numbers) {
      const found = lookupTracking("fedex", number, deps);
      if (found.kind === "sample") return rawJsonReply(200, found.body);
      completeTrackResults.push({
        trackingNumber: number,
        trackResults: [found.kind === "journey" ? trackResult(found.journey, found.steps) : notFound(number)],
      });
    }
    return jsonReply(200, { transactionId: randomUUID(), output: { completeTrackResults } });
  };

  return {
    carrier: "fedex",
    route(request) {
      if (request.method === "POST" && request.path === "/oauth/token")
        return { endpoint: "token", reply: token(request) };
      if (request.method === "POST" && request.path === "/track/v1/trackingnumbers") {
        return { endpoint: "track", reply: track(request) };
      }
      return null;
    },
    rateLimited: () =>
      jsonReply(
        429,
        fedexErrors(
          "RATE.LIMIT.EXCEEDED",
          "We have received too many requests in a short duration. Please wait a while to try again.",
        ),
      ),
    malformed: () =>
      jsonReply(200, { transactionId: randomUUID(), output: { completeTrackResults: "unavailable" } }),
  };
}
