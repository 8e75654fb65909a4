import type { Milestone, Journey, JourneyStep } from "../journey";
import { localClockTime } from "../local-clock";
import type { Place } from "../places";
import { bearerToken, basicCredentials, credentialsMatch } from "../credentials";
import { jsonReply, rawJsonReply, requestFields } from "../replies";
import type { CarrierApi, StandinRequest } from "../standin-types";
import { lookupTracking, type CarrierApiDeps } from "../tracking-lookup";

interface UpsScan {
  type: string;
  code: string;
  description: string;
  simplified: string;
}

/** How UPS reports each step (codes from UPS tracking; "DJ" is answered for weather and read by its text). */
const UPS_SCANS: Record<Milestone, UpsScan> = {
  label_created: {
    type: "M",
    code: "MP",
    description: "Shipper created a label, UPS has not received the package yet.",
    simplified: "Label Created",
  },
  picked_up: { type: "P", code: "PU", description: "Pickup Scan", simplified: "Picked Up" },
  departed_origin: { type: "I", code: "DP", description: "Departed from Facility", simplified: "On the Way" },
  arrived_hub: { type: "I", code: "AR", description: "Arrived at Facility", simplified: "On the Way" },
  departed_hub: { type: "I", code: "DP", description: "Departed from Facility", simplified: "On the Way" },
  customs: {
    type: "X",
    code: "SR",
    description: "Your package was released by the customs agency.",
    simplified: "On the Way",
  },
  arrived_destination: { type: "I", code: "DS", description: "Destination Scan", simplified: "On the Way" },
  delay: {
    type: "X",
    code: "DJ",
    description: "Severe weather conditions have delayed delivery.",
    simplified: "Delay",
  },
  out_for_delivery: {
    type: "I",
    code: "OT",
    description: "Out For Delivery Today",
    simplified: "Out for Delivery",
  },
  not_home: {
    type: "X",
    code: "48",
    description:
      "The receiver was not available for delivery. We'll make a second attempt the next business day.",
    simplified: "Delivery Attempted",
  },
  delivered: { type: "D", code: "FS", description: "Delivered", simplified: "Delivered" },
  returned: {
    type: "X",
    code: "RS",
    description: "The package was returned to the sender.",
    simplified: "Returned",
  },
};

function compactDate(date: string): string {
  return date.replaceAll("-", "");
}

function compactTime(time: string): string {
  return time.replaceAll(":", "");
}

function upsAddress(place: Place) {
  return {
    city: place.city,
    stateProvince: place.region ?? "",
    postalCode: place.postalCode,
    country: place.country,
    countryCode: place.country,
  };
}

function status(milestone: Milestone) {
  const scan = UPS_SCANS[milestone];
  return {
    type: scan.type,
    code: scan.code,
    description: scan.description,
    simplifiedTextDescription: scan.simplified,
  };
}

function activity(step: JourneyStep) {
  const local = localClockTime(step.at, step.place.timeZone);
  const utc = localClockTime(step.at, "UTC");
  return {
    date: compactDate(local.date),
    time: compactTime(local.time),
    gmtDate: compactDate(utc.date),
    gmtTime: compactTime(utc.time),
    gmtOffset: local.offset,
    location: { address: upsAddress(step.place), slic: "0000" },
    status: status(step.milestone),
  };
}

function trackResponse(journey: Journey, steps: JourneyStep[]) {
  const latest = steps.at(-1);
  const delivered = latest?.milestone === "delivered" ? latest : null;
  const deliveredLocal = delivered ? localClockTime(delivered.at, delivered.place.timeZone) : null;
  const estimate = localClockTime(journey.estimatedDeliveryAt, journey.destination.timeZone);
  return {
    trackResponse: {
      shipment: [
        {
          inquiryNumber: journey.trackingNumber,
          package: [
            {
              trackingNumber: journey.trackingNumber,
              deliveryDate: deliveredLocal
                ? [{ type: "DEL", date: compactDate(deliveredLocal.date) }]
                : [{ type: "SDD", date: compactDate(estimate.date) }],
              deliveryTime: deliveredLocal
                ? { type: "DEL", endTime: compactTime(deliveredLocal.time) }
                : { type: "EOD", endTime: "235900" },
              activity: [...steps].reverse().map(activity),
              currentStatus: latest ? status(latest.milestone) : undefined,
              packageAddress: [
                { type: "ORIGIN", address: upsAddress(journey.origin) },
                { type: "DESTINATION", address: upsAddress(journey.destination) },
              ],
              alternateTrackingNumber: journey.partnerTrackingNumber
                ? [{ number: journey.partnerTrackingNumber, type: "USPS_PIC" }]
                : [],
              service: journey.partnerTrackingNumber
                ? { code: "P92", description: "UPS SurePost" }
                : { code: "003", description: "UPS Ground" },
              packageCount: 1,
              weight: { unitOfMeasurement: "LBS", weight: "2.00" },
            },
          ],
        },
      ],
    },
  };
}

function upsErrors(code: string, message: string) {
  return { response: { errors: [{ code, message }] } };
}

/** UPS OAuth (client secret basic) and Track API v1, under /ups. */
export function createUpsApi(deps: CarrierApiDeps): CarrierApi {
  const token = (request: StandinRequest) => {
    const basic = basicCredentials(request.headers.authorization);
    const fields = requestFields(request.body, request.headers["content-type"]);
    const given = { clientId: basic?.user, clientSecret: basic?.password };
    if (
      fields.grant_type !== "client_credentials" ||
      !credentialsMatch(deps.credentials, given) ||
      !deps.tokens
    ) {
      return jsonReply(401, upsErrors("10401", "ClientId is Invalid"));
    }
    const issued = deps.tokens.issue();
    return jsonReply(200, {
      token_type: "Bearer",
      issued_at: String(deps.clock().getTime()),
      client_id: deps.credentials.clientId,
      access_token: issued.accessToken,
      expires_in: String(issued.expiresInSeconds),
      status: "approved",
    });
  };

  const track = (request: StandinRequest, trackingNumber: string) => {
    if (!deps.tokens?.isValid(bearerToken(request.headers.authorization))) {
      const sample = deps.samples.errors.auth;
      return sample
        ? rawJsonReply(401, sample)
        : jsonReply(401, upsErrors("250002", "Invalid Authentication Information."));
    }
    const found = lookupTracking("ups", trackingNumber, deps);
    switch (found.kind) {
      case "sample":
        return rawJsonReply(200, found.body);
      case "invalid": {
        const sample = deps.samples.errors.invalidNumber;
        return sample
          ? rawJsonReply(400, sample)
          : jsonReply(400, upsErrors("TV1002", "Invalid inquiry number"));
      }
      case "not_found":
        return jsonReply(404, upsErrors("TW0001", "Tracking Information Not Found"));
      case "journey":
        return jsonReply(200, trackResponse(found.journey, found.steps));
    }
  };

  return {
    carrier: "ups",
    route(request) {
      if (request.method === "POST" && request.path === "/security/v1/oauth/token") {
        return { endpoint: "token", reply: token(request) };
      }
      const match = request.path.match(/^\/api\/track\/v1\/details\/([^/]+)$/);
      if (request.method === "GET" && match?.[1]) {
        return { endpoint: "track", reply: track(request, decodeURIComponent(match[1])) };
      }
      return null;
    },
    rateLimited: () => jsonReply(429, upsErrors("429", "Too Many Requests")),
    malformed: () =>
      jsonReply(200, { trackResponse: { shipment: [{ package: [{ activity: [{ date: "soon" }] }] }] } }),
  };
}
