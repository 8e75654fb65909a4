import { describe, expect, it } from "vitest";
import { parseDhlResponse } from "../../../app/services/carriers/dhl/parse";
import { parseFedexResponse } from "../../../app/services/carriers/fedex/parse";
import { parseUpsResponse } from "../../../app/services/carriers/ups/parse";
import { parseUspsResponse } from "../../../app/services/carriers/usps/parse";
import { parseDhlExpressResponse } from "../../../app/services/carriers/dhl-express/parse";
import { parseCanadaPostResponse } from "../../../app/services/carriers/canada-post/parse";
import { isCarrierError } from "../../../app/services/carriers/common/carrier-errors";

// Small responses written for these tests, in each carrier's documented shape, for cases the real samples lack.

function kindOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isCarrierError(error)) return error.kind;
    throw error;
  }
  return "no error";
}

describe("hand-offs to another carrier", () => {
  it("FedEx Ground Economy (formerly SmartPost) names the USPS number as a partner carrier number", () => {
    const body = JSON.stringify({
      output: {
        completeTrackResults: [
          {
            trackingNumber: "612999000011",
            trackResults: [
              {
                trackingNumberInfo: { trackingNumber: "612999000011", carrierCode: "FXSP" },
                additionalTrackingInfo: {
                  packageIdentifiers: [{ type: "PARTNER_CARRIER_NUMBER", value: "9274899998888877776666" }],
                },
                latestStatusDetail: { code: "OX", derivedCode: "IT" },
                scanEvents: [
                  {
                    date: "2024-06-03T14:02:00-04:00",
                    eventType: "OX",
                    eventDescription: "Shipment information sent to USPS",
                    scanLocation: { city: "ATLANTA", stateOrProvinceCode: "GA", countryCode: "US" },
                  },
                ],
              },
            ],
          },
        ],
      },
    });
    const result = parseFedexResponse(body, { trackingNumber: "612999000011" });
    expect(result).toMatchObject({ status: "in_transit", substatus: "hand_off" });
    expect(result.handOff).toEqual({ carrier: "usps", trackingNumber: "9274899998888877776666" });
  });

  it("DHL eCommerce hands the parcel to the local post with a local tracking number", () => {
    const body = JSON.stringify({
      shipments: [
        {
          id: "GM2951173225174494",
          service: "ecommerce",
          details: {
            provider: { destinationProvider: "posti" },
            references: [
              { type: "customer-reference", number: "ORDER-1001" },
              { type: "local-tracking-number", number: "JJFI60012345678901" },
            ],
          },
          events: [
            {
              timestamp: "2024-06-04T09:15:00+03:00",
              statusCode: "transit",
              status: "Handed over",
              description: "The shipment has been handed over to the partner carrier for delivery",
              location: { address: { addressLocality: "Helsinki", countryCode: "FI" } },
            },
          ],
        },
      ],
    });
    const result = parseDhlResponse(body, { trackingNumber: "GM2951173225174494" });
    expect(result).toMatchObject({ substatus: "hand_off" });
    expect(result.events[0]?.utcOffsetMinutes).toBe(180);
    expect(result.handOff).toEqual({ carrier: "posti", trackingNumber: "JJFI60012345678901" });
  });

  it("DHL Unified shipments handed to DHL Express name Parcelwise's own carrier code", () => {
    const body = JSON.stringify({
      shipments: [
        {
          id: "1234567890",
          details: {
            provider: { destinationProvider: "express" },
            references: { type: "local-tracking-number", number: "9876543210" },
          },
          events: [],
        },
      ],
    });
    expect(parseDhlResponse(body).handOff).toEqual({ carrier: "dhl_express", trackingNumber: "9876543210" });
  });
});

describe("details the samples do not show", () => {
  it("UPS GMT fields give the instant and the stated offset", () => {
    const body = JSON.stringify({
      trackResponse: {
        shipment: [
          {
            inquiryNumber: "1Z999AA10123456784",
            package: [
              {
                trackingNumber: "1Z999AA10123456784",
                deliveryDate: [{ type: "DEL", date: "20240603" }],
                deliveryTime: { type: "DEL", endTime: "142200" },
                activity: [
                  {
                    date: "20240603",
                    time: "142200",
                    gmtDate: "20240603",
                    gmtTime: "212200",
                    gmtOffset: "-07:00",
                    location: { address: { city: "PHOENIX", stateProvince: "AZ", countryCode: "US" } },
                    status: { type: "D", code: "FS", description: "Delivered" },
                  },
                  {
                    date: "20240603",
                    time: "74700",
                    gmtDate: "20240603",
                    gmtTime: "144700",
                    location: { address: { city: "PHOENIX", stateProvince: "AZ", countryCode: "US" } },
                    status: { type: "I", code: "OT", description: "Out For Delivery Today" },
                  },
                ],
              },
            ],
          },
        ],
      },
    });
    const result = parseUpsResponse(body);
    expect(result.events.map((event) => [event.occurredAt.toISOString(), event.utcOffsetMinutes])).toEqual([
      ["2024-06-03T14:47:00.000Z", -420],
      ["2024-06-03T21:22:00.000Z", -420],
    ]);
    expect(result.deliveredAt?.toISOString()).toBe("2024-06-03T21:22:00.000Z");
  });

  it("an unknown UPS exception code keeps its code and text and is classified by its wording", () => {
    const body = JSON.stringify({
      trackResponse: {
        shipment: [
          {
            package: [
              {
                activity: [
                  {
                    date: "20240603",
                    time: "101500",
                    location: { address: { city: "DENVER", stateProvince: "CO", countryCode: "US" } },
                    status: {
                      type: "X",
                      code: "Q9",
                      description: "Severe weather conditions have delayed delivery.",
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
    });
    const [event] = parseUpsResponse(body).events;
    expect(event).toMatchObject({
      status: "delayed",
      substatus: "weather",
      rawCode: "Q9",
      rawText: "Severe weather conditions have delayed delivery.",
    });
  });

  it("a code nobody knows falls to the default and keeps its raw code and text", () => {
    const body = JSON.stringify({
      trackingNumber: "9400111899562537875111",
      trackingEvents: [
        {
          eventType: "Something new at USPS",
          eventTimestamp: "2024-06-03T10:00:00",
          GMTTimestamp: "2024-06-03T14:00:00Z",
          GMTOffset: "-04:00",
          eventCity: "BOSTON",
          eventState: "MA",
          eventCode: "ZZ",
        },
      ],
    });
    const [event] = parseUspsResponse(body).events;
    expect(event).toMatchObject({ status: "in_transit", substatus: "in_transit", rawCode: "ZZ" });
    expect(event?.rawText).toBe("Something new at USPS");
  });

  it("USPS delivery variants become the matching delivered substatus", () => {
    const delivered = (eventType: string) =>
      parseUspsResponse(
        JSON.stringify({
          trackingNumber: "9400111899562537875111",
          trackingEvents: [{ eventType, GMTTimestamp: "2024-06-03T14:00:00Z", eventCode: "01" }],
        }),
      ).substatus;
    expect(delivered("Delivered, Front Door/Porch")).toBe("left_at_door");
    expect(delivered("Delivered, In/At Mailbox")).toBe("mailbox");
    expect(delivered("Delivered, Left with Individual")).toBe("signed");
    expect(delivered("Delivered")).toBe("delivered");
  });

  it("DHL Express: an unknown AWB and wrong credentials", () => {
    const noShipment = `<?xml version="1.0"?><req:TrackingResponse xmlns:req="http://www.dhl.com"><AWBInfo><AWBNumber>1234567890</AWBNumber><Status><ActionStatus>No Shipments Found</ActionStatus></Status></AWBInfo></req:TrackingResponse>`;
    expect(kindOf(() => parseDhlExpressResponse(noShipment))).toBe("not_found");
    const login = `<req:ShipmentTrackingErrorResponse xmlns:req="http://www.dhl.com"><Response><Status><ActionStatus>Failure</ActionStatus><Condition><ConditionCode>100</ConditionCode><ConditionData>Login details incorrect</ConditionData></Condition></Status></Response></req:ShipmentTrackingErrorResponse>`;
    expect(kindOf(() => parseDhlExpressResponse(login))).toBe("auth_failed");
  });

  it("Canada Post: no pin history is not found; unknown identifiers are read by their text", () => {
    const messages = `<messages xmlns="http://www.canadapost.ca/ws/messages"><message><code>004</code><description>No Pin History</description></message></messages>`;
    expect(kindOf(() => parseCanadaPostResponse(messages))).toBe("not_found");
    const detail = `<tracking-detail xmlns="http://www.canadapost.ca/ws/track-v2"><pin>1234567890123456</pin><significant-events><occurrence><event-identifier>9999</event-identifier><event-date>2024-06-03</event-date><event-time>10:00:00</event-time><event-time-zone>PDT</event-time-zone><event-description>Item available for pickup at Post Office</event-description><event-site>VANCOUVER</event-site><event-province>BC</event-province></occurrence></significant-events></tracking-detail>`;
    const result = parseCanadaPostResponse(detail);
    expect(result).toMatchObject({ status: "ready_for_pickup", substatus: "ready_for_pickup" });
    expect(result.events[0]).toMatchObject({ rawCode: "9999", utcOffsetMinutes: -420 });
  });

  it("malformed bodies are malformed_response with a short reason", () => {
    expect(kindOf(() => parseUpsResponse("<html>Bad gateway</html>"))).toBe("malformed_response");
    expect(kindOf(() => parseFedexResponse(JSON.stringify({ output: { completeTrackResults: "x" } })))).toBe(
      "malformed_response",
    );
    expect(kindOf(() => parseDhlExpressResponse("<req:TrackingResponse><AWBInfo>"))).toBe(
      "malformed_response",
    );
    expect(
      kindOf(() =>
        parseUspsResponse(JSON.stringify({ trackingNumber: "1", trackingEvents: [{ eventCode: "01" }] })),
      ),
    ).toBe("malformed_response");
  });

  it("HTTP statuses decide when a body is not an error the carrier documents", () => {
    expect(kindOf(() => parseDhlResponse("{}", { httpStatus: 401 }))).toBe("auth_failed");
    expect(kindOf(() => parseDhlResponse("{}", { httpStatus: 404 }))).toBe("not_found");
    expect(
      kindOf(() =>
        parseDhlResponse(JSON.stringify({ status: 404, title: "No result found" }), { httpStatus: 404 }),
      ),
    ).toBe("not_found");
  });
});
