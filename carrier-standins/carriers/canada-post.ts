import type { Journey, JourneyStep, Milestone } from "../journey";
import { localClockTime } from "../local-clock";
import { basicCredentials, credentialsMatch } from "../credentials";
import { escapeXml, xmlReply } from "../replies";
import type { CarrierApi, StandinRequest } from "../standin-types";
import { lookupTracking, type CarrierApiDeps } from "../tracking-lookup";

const CONTENT_TYPE = "application/vnd.cpc.track-v2+xml";

/**
 * Event identifiers: 0100, 0173, 0174, 1496 and 20 are Canada Post's (from its sample); the others are stand-in
 * placeholders with Canada Post's wording, which adapters classify by their text.
 */
const EVENTS: Record<Milestone, { identifier: string; description: string }> = {
  label_created: { identifier: "3000", description: "Electronic information submitted by shipper" },
  picked_up: { identifier: "0500", description: "Item picked up by Canada Post" },
  departed_origin: { identifier: "0100", description: "Item processed at postal facility" },
  arrived_hub: { identifier: "0100", description: "Item processed at postal facility" },
  departed_hub: { identifier: "0100", description: "Item processed at postal facility" },
  customs: { identifier: "0100", description: "Item processed at postal facility" },
  arrived_destination: { identifier: "0100", description: "Item processed at postal facility" },
  delay: { identifier: "1700", description: "Delivery may be delayed due to severe weather" },
  out_for_delivery: { identifier: "0174", description: "Item out for delivery" },
  not_home: { identifier: "1414", description: "Notice card left indicating where item can be picked up" },
  delivered: { identifier: "1496", description: "Item successfully delivered" },
  returned: { identifier: "1409", description: "Item being returned to sender" },
};

function occurrence(step: JourneyStep): string {
  const event = EVENTS[step.milestone];
  const local = localClockTime(step.at, step.place.timeZone);
  return `
        <occurrence>
            <event-identifier>${event.identifier}</event-identifier>
            <event-date>${local.date}</event-date>
            <event-time>${local.time}</event-time>
            <event-time-zone>${local.abbreviation}</event-time-zone>
            <event-description>${escapeXml(event.description)}</event-description>
            <signatory-name></signatory-name>
            <event-site>${escapeXml(step.place.city)}</event-site>
            <event-province>${step.place.region ?? ""}</event-province>
            <event-retail-location-id></event-retail-location-id>
            <event-retail-name></event-retail-name>
        </occurrence>`;
}

function trackingDetail(journey: Journey, steps: JourneyStep[]): string {
  const estimate = localClockTime(journey.estimatedDeliveryAt, journey.destination.timeZone);
  return `<?xml version="1.0" encoding="UTF-8"?>
<tracking-detail xmlns="http://www.canadapost.ca/ws/track-v2">
    <pin>${escapeXml(journey.trackingNumber)}</pin>
    <active-exists>1</active-exists>
    <archive-exists/>
    <changed-expected-date/>
    <destination-postal-id>${journey.destination.postalCode}</destination-postal-id>
    <expected-delivery-date>${estimate.date}</expected-delivery-date>
    <changed-expected-delivery-reason/>
    <service-name>Expedited Parcels</service-name>
    <signature-image-exists>false</signature-image-exists>
    <suppress-signature>false</suppress-signature>
    <significant-events>${[...steps].reverse().map(occurrence).join("")}
    </significant-events>
</tracking-detail>
`;
}

function messages(code: string, description: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<messages xmlns="http://www.canadapost.ca/ws/messages">
    <message>
        <code>${code}</code>
        <description>${escapeXml(description)}</description>
    </message>
</messages>
`;
}

/** Canada Post tracking (Basic auth, XML), under /canada_post. */
export function createCanadaPostApi(deps: CarrierApiDeps): CarrierApi {
  const track = (request: StandinRequest, pin: string) => {
    const basic = basicCredentials(request.headers.authorization);
    if (!credentialsMatch(deps.credentials, { userId: basic?.user, password: basic?.password })) {
      return xmlReply(
        401,
        deps.samples.errors.auth ?? messages("E002", "AAA Authentication Failure"),
        CONTENT_TYPE,
      );
    }
    const found = lookupTracking("canada_post", pin, deps);
    switch (found.kind) {
      case "sample":
        return xmlReply(200, found.body, CONTENT_TYPE);
      case "invalid":
      case "not_found":
        return xmlReply(404, messages("004", "No Pin History"), CONTENT_TYPE);
      case "journey":
        return xmlReply(200, trackingDetail(found.journey, found.steps), CONTENT_TYPE);
    }
  };

  return {
    carrier: "canada_post",
    route(request) {
      const match = request.path.match(/^\/vis\/track\/pin\/([^/]+)\/detail$/);
      if (request.method === "GET" && match?.[1]) {
        return { endpoint: "track", reply: track(request, decodeURIComponent(match[1])) };
      }
      return null;
    },
    rateLimited: () => xmlReply(429, messages("Server", "Rate limit exceeded"), CONTENT_TYPE),
    malformed: () => xmlReply(200, "<tracking-detail><pin>", CONTENT_TYPE),
  };
}
