import type { Journey, JourneyStep, Milestone } from "../journey";
import { localClockTime } from "../local-clock";
import type { Place } from "../places";
import { jsonReply, rawJsonReply } from "../replies";
import type { CarrierApi, StandinRequest } from "../standin-types";
import { lookupTracking, type CarrierApiDeps } from "../tracking-lookup";

interface DhlScan {
  statusCode: "pre-transit" | "transit" | "delivered" | "failure";
  status: string;
  description: string;
}

const DHL_SCANS: Record<Milestone, DhlScan> = {
  label_created: {
    statusCode: "pre-transit",
    status: "Shipment information received",
    description:
      "The instruction data for this shipment have been provided by the sender to DHL electronically",
  },
  picked_up: { statusCode: "transit", status: "Picked up", description: "The shipment has been picked up" },
  departed_origin: {
    statusCode: "transit",
    status: "Processed",
    description: "The shipment has been processed in the parcel center of origin",
  },
  arrived_hub: {
    statusCode: "transit",
    status: "Arrived",
    description: "The shipment has arrived at the hub",
  },
  departed_hub: {
    statusCode: "transit",
    status: "Departed",
    description: "The shipment has departed the hub",
  },
  customs: { statusCode: "transit", status: "Customs", description: "Customs clearance is in progress" },
  arrived_destination: {
    statusCode: "transit",
    status: "Processed",
    description: "The shipment has been processed in the destination parcel center",
  },
  delay: {
    statusCode: "failure",
    status: "Delayed",
    description: "The shipment is delayed due to severe weather",
  },
  out_for_delivery: {
    statusCode: "transit",
    status: "Out for delivery",
    description: "The shipment has been loaded onto the delivery vehicle",
  },
  not_home: {
    statusCode: "failure",
    status: "Delivery attempted",
    description: "The recipient was not at home. A notification card has been left",
  },
  delivered: {
    statusCode: "delivered",
    status: "Delivered",
    description: "The shipment has been successfully delivered",
  },
  returned: {
    statusCode: "failure",
    status: "Returned",
    description: "The shipment has been returned to the sender",
  },
};

const HAND_OFF_SCAN: DhlScan = {
  statusCode: "transit",
  status: "Handed over",
  description: "The shipment has been handed over to the partner carrier for delivery",
};

/** DHL eCommerce's delivery partners in the destination country (`details.provider.destinationProvider`). */
const LOCAL_PROVIDERS: Record<string, string> = {
  DE: "parcel-de",
  NL: "parcel-nl",
  GB: "parcel-uk",
  FR: "colis-prive",
  ES: "parcel-es",
  IT: "poste-italiane",
};

function dhlPlace(place: Place) {
  return {
    address: { countryCode: place.country, postalCode: place.postalCode, addressLocality: place.city },
  };
}

function status(step: JourneyStep, handOff: boolean) {
  const scan =
    handOff && step.milestone === "arrived_destination" ? HAND_OFF_SCAN : DHL_SCANS[step.milestone];
  const local = localClockTime(step.at, step.place.timeZone);
  return {
    // Local time without an offset, as the Unified API gives event times.
    timestamp: `${local.date}T${local.time}`,
    location: dhlPlace(step.place),
    statusCode: scan.statusCode,
    status: scan.status,
    description: scan.description,
  };
}

function trackingShipments(journey: Journey, steps: JourneyStep[]) {
  const handOff = journey.partnerTrackingNumber !== null;
  const events = [...steps].reverse().map((step) => status(step, handOff));
  const delivered = steps.at(-1)?.milestone === "delivered" ? steps.at(-1) : undefined;
  return {
    shipments: [
      {
        id: journey.trackingNumber,
        service: handOff ? "ecommerce" : "parcel-de",
        origin: dhlPlace(journey.origin),
        destination: dhlPlace(journey.destination),
        status: events[0],
        estimatedTimeOfDelivery: delivered ? undefined : journey.estimatedDeliveryAt.toISOString(),
        details: {
          product: { productName: handOff ? "DHL Parcel International" : "DHL Paket" },
          ...(delivered ? { proofOfDelivery: { timestamp: delivered.at.toISOString() } } : {}),
          ...(handOff && journey.partnerTrackingNumber
            ? {
                provider: { destinationProvider: LOCAL_PROVIDERS[journey.destination.country] ?? "posti" },
                references: [{ type: "local-tracking-number", number: journey.partnerTrackingNumber }],
              }
            : {}),
        },
        events,
      },
    ],
    possibleAdditionalShipmentsUrl: [],
  };
}

function problem(status: number, title: string, detail: string) {
  return { title, status, detail };
}

/** DHL Shipment Tracking – Unified, under /dhl. */
export function createDhlApi(deps: CarrierApiDeps): CarrierApi {
  const track = (request: StandinRequest) => {
    const apiKey = request.headers["dhl-api-key"];
    if (typeof apiKey !== "string" || apiKey !== deps.credentials.apiKey) {
      return jsonReply(401, problem(401, "Unauthorized", "Unauthorized for given resource."));
    }
    const trackingNumber = request.query.get("trackingNumber") ?? "";
    const found = lookupTracking("dhl", trackingNumber, deps);
    switch (found.kind) {
      case "sample":
        return rawJsonReply(200, found.body);
      case "invalid":
      case "not_found":
        return jsonReply(
          404,
          problem(404, "No result found", "No shipment with given tracking number found."),
        );
      case "journey":
        return jsonReply(200, trackingShipments(found.journey, found.steps));
    }
  };

  return {
    carrier: "dhl",
    route(request) {
      if (request.method === "GET" && request.path === "/track/shipments")
        return { endpoint: "track", reply: track(request) };
      return null;
    },
    rateLimited: () =>
      jsonReply(429, problem(429, "Too many requests", "Too many requests. Please try again later.")),
    malformed: () => jsonReply(200, { shipments: [{ id: null, events: [{ statusCode: 3 }] }] }),
  };
}
