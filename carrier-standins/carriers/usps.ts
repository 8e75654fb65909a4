import type { Journey, JourneyStep, Milestone } from "../journey";
import { localClockTime, utcSeconds } from "../local-clock";
import { bearerToken, credentialsMatch } from "../credentials";
import { jsonReply, rawJsonReply, requestFields } from "../replies";
import type { CarrierApi, StandinRequest } from "../standin-types";
import { lookupTracking, type CarrierApiDeps } from "../tracking-lookup";

interface UspsScan {
  eventCode: string;
  eventType: string;
  category: string;
}

// USPS words a weather or network delay as "Arriving Late" on an ordinary in-transit scan.
const USPS_SCANS: Record<Milestone, UspsScan> = {
  label_created: {
    eventCode: "GX",
    eventType: "Shipping Label Created, USPS Awaiting Item",
    category: "Pre-Shipment",
  },
  picked_up: { eventCode: "03", eventType: "USPS in possession of item", category: "Accepted" },
  departed_origin: { eventCode: "SF", eventType: "Departed Post Office", category: "In Transit" },
  arrived_hub: { eventCode: "A1", eventType: "Arrived at USPS Regional Facility", category: "In Transit" },
  departed_hub: { eventCode: "T1", eventType: "Departed USPS Regional Facility", category: "In Transit" },
  customs: { eventCode: "TL", eventType: "In Transit to Next Facility", category: "In Transit" },
  arrived_destination: { eventCode: "07", eventType: "Arrived at Post Office", category: "In Transit" },
  delay: { eventCode: "TL", eventType: "In Transit to Next Facility, Arriving Late", category: "In Transit" },
  out_for_delivery: { eventCode: "OF", eventType: "Out for Delivery", category: "Out for Delivery" },
  not_home: {
    eventCode: "02",
    eventType: "Notice Left (No Authorized Recipient Available)",
    category: "Alert",
  },
  delivered: { eventCode: "01", eventType: "Delivered, Front Door/Porch", category: "Delivered" },
  returned: { eventCode: "09", eventType: "Return to Sender Processed", category: "Return to Sender" },
};

function trackingEvent(step: JourneyStep) {
  const scan = USPS_SCANS[step.milestone];
  const local = localClockTime(step.at, step.place.timeZone);
  return {
    eventType: scan.eventType,
    eventTimestamp: `${local.date}T${local.time}`,
    GMTTimestamp: utcSeconds(step.at),
    GMTOffset: local.offset,
    eventCountry: null,
    eventCity: step.place.city,
    eventState: step.place.region,
    eventZIP: step.place.postalCode,
    firm: null,
    name: null,
    authorizedAgent: "false",
    eventCode: scan.eventCode,
    additionalProp: null,
  };
}

function trackingResponse(journey: Journey, steps: JourneyStep[]) {
  const latest = steps.at(-1);
  const scan = latest ? USPS_SCANS[latest.milestone] : USPS_SCANS.label_created;
  const estimate = localClockTime(journey.estimatedDeliveryAt, journey.destination.timeZone);
  return {
    trackingNumber: journey.trackingNumber,
    destinationCity: journey.destination.city,
    destinationState: journey.destination.region,
    destinationZIP: journey.destination.postalCode,
    originCity: journey.origin.city,
    originState: journey.origin.region,
    originZIP: journey.origin.postalCode,
    mailClass: "USPS Ground Advantage<SUP>&#153;</SUP>",
    mailType: "DM",
    status: scan.eventType,
    statusCategory: scan.category,
    statusSummary: `${scan.eventType} in ${latest?.place.city ?? journey.origin.city}.`,
    expectedDeliveryDate: latest?.milestone === "delivered" ? undefined : estimate.date,
    trackingEvents: [...steps].reverse().map(trackingEvent),
  };
}

function uspsError(status: number, title: string, detail: string) {
  return {
    apiVersion: "3.0.0",
    error: {
      code: String(status),
      message: title,
      errors: [{ status: String(status), code: String(status), title, detail }],
    },
  };
}

/** USPS OAuth 2.0 (v3) and Tracking v3, under /usps. */
export function createUspsApi(deps: CarrierApiDeps): CarrierApi {
  const token = (request: StandinRequest) => {
    const fields = requestFields(request.body, request.headers["content-type"]);
    const given = { clientId: fields.client_id, clientSecret: fields.client_secret };
    if (
      fields.grant_type !== "client_credentials" ||
      !credentialsMatch(deps.credentials, given) ||
      !deps.tokens
    ) {
      const sample = deps.samples.errors.tokenAuth;
      return sample
        ? rawJsonReply(401, sample)
        : jsonReply(401, { error: "invalid_client", error_description: "Client authentication failed." });
    }
    const issued = deps.tokens.issue();
    return jsonReply(200, {
      access_token: issued.accessToken,
      token_type: "Bearer",
      issued_at: String(deps.clock().getTime()),
      expires_in: String(issued.expiresInSeconds),
      status: "approved",
      scope: "addresses tracking",
      issuer: "api.usps.com",
      client_id: deps.credentials.clientId,
    });
  };

  const track = (request: StandinRequest, trackingNumber: string) => {
    if (!deps.tokens?.isValid(bearerToken(request.headers.authorization))) {
      return jsonReply(
        401,
        uspsError(401, "Unauthorized", "The access token is missing, invalid or expired."),
      );
    }
    const found = lookupTracking("usps", trackingNumber, deps);
    switch (found.kind) {
      case "sample":
        return rawJsonReply(200, found.body);
      case "invalid":
        return jsonReply(
          400,
          uspsError(400, "Bad Request", `The tracking number ${trackingNumber} is not valid.`),
        );
      case "not_found":
        return jsonReply(
          404,
          uspsError(404, "Not Found", `The tracking number ${trackingNumber} was not found.`),
        );
      case "journey":
        return jsonReply(200, trackingResponse(found.journey, found.steps));
    }
  };

  return {
    carrier: "usps",
    route(request) {
      if (request.method === "POST" && request.path === "/oauth2/v3/token")
        return { endpoint: "token", reply: token(request) };
      const match = request.path.match(/^\/tracking\/v3\/tracking\/([^/]+)$/);
      if (request.method === "GET" && match?.[1]) {
        return { endpoint: "track", reply: track(request, decodeURIComponent(match[1])) };
      }
      return null;
    },
    rateLimited: () =>
      jsonReply(429, uspsError(429, "Too Many Requests", "The request quota has been exceeded.")),
    malformed: () => jsonReply(200, { trackingNumber: 42, trackingEvents: "none" }),
  };
}
