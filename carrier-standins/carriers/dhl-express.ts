import type { Journey, JourneyStep, Milestone } from "../journey";
import { localClockTime } from "../local-clock";
import type { Place } from "../places";
import { escapeXml, xmlReply } from "../replies";
import type { CarrierApi, StandinRequest } from "../standin-types";
import { lookupTracking, type CarrierApiDeps } from "../tracking-lookup";

/** Checkpoint code and wording; null: DHL Express shows no checkpoint for a label alone. */
const CHECKPOINTS: Record<Milestone, { code: string; description: (place: Place) => string } | null> = {
  label_created: null,
  picked_up: { code: "PU", description: () => "Shipment picked up" },
  departed_origin: { code: "PL", description: (place) => `Processed at ${area(place)}` },
  arrived_hub: { code: "AF", description: (place) => `Arrived at DHL Sort Facility ${area(place)}` },
  departed_hub: { code: "DF", description: (place) => `Departed Facility in ${area(place)}` },
  customs: { code: "CR", description: (place) => `Clearance processing complete at ${area(place)}` },
  arrived_destination: {
    code: "AR",
    description: (place) => `Arrived at Delivery Facility in ${area(place)}`,
  },
  delay: { code: "TD", description: () => "Scheduled flight delayed due to weather" },
  out_for_delivery: { code: "WC", description: () => "With delivery courier" },
  not_home: { code: "NH", description: () => "Delivery attempted; recipient not home" },
  delivered: { code: "OK", description: () => "Delivered" },
  returned: { code: "RT", description: () => "Returned to shipper" },
};

/** The service area as DHL Express writes it today: "SPRINGFIELD GARDENS,NY-USA", "LEIPZIG-DEU". */
function area(place: Place): string {
  const city = place.city.toUpperCase();
  return `${place.region ? `${city},${place.region}` : city}-${place.alpha3}`;
}

function serviceArea(place: Place): string {
  return `<ServiceArea><ServiceAreaCode>${place.serviceArea}</ServiceAreaCode><Description>${escapeXml(area(place))}</Description></ServiceArea>`;
}

function shipmentEvent(step: JourneyStep): string {
  const checkpoint = CHECKPOINTS[step.milestone];
  if (!checkpoint) return "";
  const local = localClockTime(step.at, step.place.timeZone);
  const signatory = step.milestone === "delivered" ? "<Signatory>J SMITH</Signatory>" : "<Signatory/>";
  return `
            <ShipmentEvent>
                <Date>${local.date}</Date>
                <Time>${local.time}</Time>
                <ServiceEvent><EventCode>${checkpoint.code}</EventCode><Description>${escapeXml(checkpoint.description(step.place))}</Description></ServiceEvent>
                ${signatory}
                ${serviceArea(step.place)}
            </ShipmentEvent>`;
}

function header(now: Date): string {
  return `<Response><ServiceHeader><MessageTime>${now.toISOString().slice(0, 19)}+00:00</MessageTime><MessageReference>12345678901234567890123456789012</MessageReference><SiteID>standin</SiteID></ServiceHeader></Response>`;
}

function awbInfo(journey: Journey, steps: JourneyStep[]): string {
  const estimate = localClockTime(journey.estimatedDeliveryAt, journey.destination.timeZone);
  const estimateUtc = localClockTime(journey.estimatedDeliveryAt, "UTC");
  const shipped = localClockTime(
    journey.steps[0]?.at ?? journey.estimatedDeliveryAt,
    journey.origin.timeZone,
  );
  const gmt = estimate.offset === "+00:00" ? "GMT+00:00" : `GMT${estimate.offset}`;
  return `
    <AWBInfo>
        <AWBNumber>${escapeXml(journey.trackingNumber)}</AWBNumber>
        <Status><ActionStatus>success</ActionStatus></Status>
        <ShipmentInfo>
            <OriginServiceArea><ServiceAreaCode>${journey.origin.serviceArea}</ServiceAreaCode><Description>${escapeXml(area(journey.origin))}</Description></OriginServiceArea>
            <DestinationServiceArea><ServiceAreaCode>${journey.destination.serviceArea}</ServiceAreaCode><Description>${escapeXml(area(journey.destination))}</Description></DestinationServiceArea>
            <ShipperName>PARCELWISE DEMO SHOP</ShipperName>
            <ConsigneeName>SHOPPER</ConsigneeName>
            <ShipmentDate>${shipped.date}T${shipped.time}</ShipmentDate>
            <Pieces>1</Pieces>
            <Weight>0.5</Weight>
            <WeightUnit>K</WeightUnit>
            <EstDlvyDate>${estimate.date} ${estimate.time} ${gmt}</EstDlvyDate>
            <EstDlvyDateUTC>${estimateUtc.date} ${estimateUtc.time}</EstDlvyDateUTC>
            <GlobalProductCode>P</GlobalProductCode>
            <Consignee><City>${escapeXml(journey.destination.city)}</City><CountryCode>${journey.destination.country}</CountryCode></Consignee>${steps.map(shipmentEvent).join("")}
        </ShipmentInfo>
    </AWBInfo>`;
}

function trackingResponse(now: Date, awbs: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<req:TrackingResponse xmlns:req="http://www.dhl.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.dhl.com TrackingResponse.xsd">
    ${header(now)}${awbs}
    <LanguageCode>en</LanguageCode>
</req:TrackingResponse>
`;
}

function noShipment(trackingNumber: string): string {
  return `
    <AWBInfo>
        <AWBNumber>${escapeXml(trackingNumber)}</AWBNumber>
        <Status>
            <ActionStatus>No Shipments Found</ActionStatus>
            <Condition><ConditionCode>101</ConditionCode><ConditionData>No Shipments Found for AWBNumber ${escapeXml(trackingNumber)}</ConditionData></Condition>
        </Status>
    </AWBInfo>`;
}

function errorResponse(now: Date, code: string, data: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<req:ShipmentTrackingErrorResponse xmlns:req="http://www.dhl.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.dhl.com track-err-res.xsd">
    <Response>
        <ServiceHeader><MessageTime>${now.toISOString().slice(0, 19)}+00:00</MessageTime></ServiceHeader>
        <Status>
            <ActionStatus>Failure</ActionStatus>
            <Condition><ConditionCode>${code}</ConditionCode><ConditionData>${escapeXml(data)}</ConditionData></Condition>
        </Status>
    </Response>
</req:ShipmentTrackingErrorResponse>
`;
}

function element(xml: string, name: string): string | null {
  return xml.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1]?.trim() ?? null;
}

/** DHL Express XML-PI KnownTrackingRequest, under /dhl_express (answers are always 200, as XML-PI's are). */
export function createDhlExpressApi(deps: CarrierApiDeps): CarrierApi {
  const track = (request: StandinRequest) => {
    const now = deps.clock();
    const siteId = element(request.body, "SiteID");
    const password = element(request.body, "Password");
    const awbNumbers = [...request.body.matchAll(/<AWBNumber>([^<]*)<\/AWBNumber>/g)].map(
      (match) => match[1]?.trim() ?? "",
    );
    if (!siteId || !password || awbNumbers.length === 0) {
      return xmlReply(
        200,
        errorResponse(
          now,
          "111",
          "Error Parsing incoming request XML: SiteID, Password and AWBNumber are required",
        ),
      );
    }
    if (password.length < 8) {
      const sample = deps.samples.errors.auth;
      return xmlReply(
        200,
        sample ??
          errorResponse(
            now,
            "111",
            `Error Parsing incoming request XML Error: Datatype error: In element 'Password' : Value '${password}' with length '${password.length}' is less than minimum length facet of '8'.`,
          ),
      );
    }
    if (siteId !== deps.credentials.userId || password !== deps.credentials.password) {
      return xmlReply(
        200,
        errorResponse(now, "100", "Login details incorrect: the SiteID or Password is not valid"),
      );
    }
    const awbs: string[] = [];
    for (const number of awbNumbers) {
      const found = lookupTracking("dhl_express", number, deps);
      if (found.kind === "sample") return xmlReply(200, found.body);
      awbs.push(found.kind === "journey" ? awbInfo(found.journey, found.steps) : noShipment(number));
    }
    return xmlReply(200, trackingResponse(now, awbs.join("")));
  };

  return {
    carrier: "dhl_express",
    route(request) {
      if (request.method === "POST" && request.path === "/XMLShippingServlet")
        return { endpoint: "track", reply: track(request) };
      return null;
    },
    rateLimited: () => xmlReply(429, errorResponse(new Date(), "429", "Too many requests")),
    malformed: () => xmlReply(200, '<req:TrackingResponse xmlns:req="http://www.dhl.com"><AWBInfo>'),
  };
}
