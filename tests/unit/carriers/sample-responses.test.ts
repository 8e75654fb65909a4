import { describe, expect, it } from "vitest";
import type { NormalizedEvent, TrackingResult } from "../../../app/services/carriers/carrier-adapter";
import { isCarrierError } from "../../../app/services/carriers/common/carrier-errors";
import { formatLocation } from "../../../app/services/carriers/common/normalized-event";
import type { ResponseContext } from "../../../app/services/carriers/common/response-context";
import { carrierResponseParsers } from "../../../app/services/carriers/index";
import type { CarrierCode } from "../../../app/services/carriers/carrier-adapter";
import { readSharedResponse, sharedResponsesAvailable, warnIfSharedMissing } from "./shared-responses";

warnIfSharedMissing("carrier sample response tests");

function parseSample(carrier: CarrierCode, file: string, context: ResponseContext = {}): TrackingResult {
  return carrierResponseParsers[carrier](readSharedResponse(file), context);
}

function errorOf(run: () => unknown): { kind: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isCarrierError(error)) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error("expected a carrier error");
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function eventAt(result: TrackingResult, index: number): NormalizedEvent {
  const event = result.events.at(index);
  if (!event) throw new Error(`no event at ${index}`);
  return event;
}

const placeOf = (result: TrackingResult, index: number) => formatLocation(eventAt(result, index).location);

describe.skipIf(!sharedResponsesAvailable)(
  "real carrier responses parse into the normalized timeline",
  () => {
    it("UPS Track API: customs release in Wayne, NJ, read in New Jersey's zone, with the USPS hand-off", () => {
      const result = parseSample("ups", "ups__TrackingResponseJSON.json");
      expect(result).toMatchObject({ status: "in_transit", substatus: "customs" });
      expect(result.events).toHaveLength(1);
      const event = eventAt(result, 0);
      expect(event).toMatchObject({
        rawCode: "SR",
        status: "in_transit",
        substatus: "customs",
        utcOffsetMinutes: null,
      });
      // 07:13:56 local on 10 Feb 2021 in New Jersey (EST, UTC-5); UPS gave no GMT fields.
      expect(iso(event.occurredAt)).toBe("2021-02-10T12:13:56.000Z");
      expect(event.location).toEqual({ city: "Wayne", region: "NJ", postalCode: "07470", country: "US" });
      expect(event.rawText).toBe("Your package was released by the customs agency.");
      // The sample's delivery dates are placeholders ("string"): no estimate rather than a wrong one.
      expect(result.estimatedDeliveryAt).toBeNull();
      expect(result.deliveredAt).toBeNull();
      expect(result.handOff).toEqual({ carrier: "usps", trackingNumber: "92419900000033499522966220" });
    });

    it("FedEx Track API: one pickup scan with its own offset, the estimate from the delivery window", () => {
      const result = parseSample("fedex", "fedex__TrackingResponse.json");
      expect(result).toMatchObject({ status: "in_transit", substatus: "picked_up" });
      expect(result.events).toHaveLength(1);
      const event = eventAt(result, 0);
      expect(event).toMatchObject({ rawCode: "PU", utcOffsetMinutes: -420 });
      expect(iso(event.occurredAt)).toBe("2018-02-02T19:01:00.000Z");
      expect(formatLocation(event.location)).toBe("SEATTLE, WA, US");
      expect(iso(result.estimatedDeliveryAt)).toBe("2021-10-15T06:00:00.000Z");
      // ACTUAL_DELIVERY is present in FedEx's example, but the parcel is only picked up.
      expect(result.deliveredAt).toBeNull();
    });

    it("FedEx Track API: the second number of the same answer is FedEx's not-found", () => {
      expect(
        errorOf(() =>
          parseSample("fedex", "fedex__TrackingResponse.json", { trackingNumber: "39936862321" }),
        ),
      ).toMatchObject({ kind: "not_found" });
    });

    it("USPS Tracking v3: twelve scans to a parcel locker, GMT instants and the -05:00 offset kept", () => {
      const result = parseSample("usps", "usps__TrackingResponse.json");
      expect(result).toMatchObject({ status: "delivered", substatus: "mailbox" });
      expect(result.events.map((event) => event.rawCode)).toEqual([
        "GX",
        "03",
        "SF",
        "10",
        "T1",
        "TL",
        "TL",
        "TL",
        "A1",
        "07",
        "OF",
        "01",
      ]);
      expect(result.events.map((event) => event.status)).toEqual([
        "pre_transit",
        "in_transit",
        "in_transit",
        "in_transit",
        "in_transit",
        "in_transit",
        "in_transit",
        "in_transit",
        "in_transit",
        "in_transit",
        "out_for_delivery",
        "delivered",
      ]);
      expect(result.events.every((event) => event.utcOffsetMinutes === -300)).toBe(true);
      expect(iso(eventAt(result, 0).occurredAt)).toBe("2024-11-15T16:32:33.000Z");
      expect(iso(result.deliveredAt)).toBe("2024-11-22T18:58:40.000Z");
      expect(result.estimatedDeliveryAt).toBeNull();
      expect(placeOf(result, 11)).toBe("HERNANDO, FL, US");
      // In-transit scans without a place keep an empty location rather than a guessed one.
      expect(placeOf(result, 5)).toBeNull();
    });

    it("DHL Unified: the pre-transit event read in Amsterdam's zone; proof of delivery ignored before delivery", () => {
      const result = parseSample("dhl", "dhl_universal__TrackingResponseJSON.json");
      expect(result).toMatchObject({ status: "pre_transit", substatus: "info_received", deliveredAt: null });
      expect(result.events).toHaveLength(1);
      const event = eventAt(result, 0);
      expect(event).toMatchObject({ rawCode: "pre-transit", rawText: "DELIVERED", description: "JESSICA" });
      expect(iso(event.occurredAt)).toBe("2018-03-02T06:53:47.000Z");
      expect(event.utcOffsetMinutes).toBeNull();
      expect(formatLocation(event.location)).toBe("Oderweg 2, AMSTERDAM, NL");
      expect(iso(result.estimatedDeliveryAt)).toBe("2018-08-03T00:00:00.000Z");
      expect(result.handOff).toBeNull();
    });

    it("DHL Express XML: sixteen checkpoints from Barcelona to Milan, delivered and signed", () => {
      const result = parseSample("dhl_express", "dhl_express__TrackingResponseXML.xml");
      expect(result).toMatchObject({ status: "delivered", substatus: "signed" });
      expect(result.events).toHaveLength(16);
      expect(result.events.map((event) => event.rawCode)).toEqual([
        "PU",
        "PO",
        "RW",
        "PL",
        "AF",
        "DF",
        "AF",
        "PL",
        "DF",
        "AF",
        "PL",
        "DF",
        "DF",
        "AR",
        "WC",
        "OK",
      ]);
      // 13:26 in Barcelona and 10:09 in Milan, both CEST (UTC+2) in August.
      expect(iso(eventAt(result, 0).occurredAt)).toBe("2009-08-28T11:26:00.000Z");
      expect(iso(result.deliveredAt)).toBe("2009-08-31T08:09:00.000Z");
      expect(placeOf(result, 6)).toBe("Leipzig, DE");
      expect(result.estimatedDeliveryAt).toBeNull();
    });

    it("DHL Express XML: the other AWBs of the same answer, picked by number", () => {
      const hongKong = parseSample("dhl_express", "dhl_express__TrackingResponseXML.xml", {
        trackingNumber: "1815115363",
      });
      expect(hongKong.events.map((event) => event.rawCode)).toEqual(["PU", "RW"]);
      expect(iso(eventAt(hongKong, 0).occurredAt)).toBe("2009-08-13T15:58:00.000Z");
      const singapore = parseSample("dhl_express", "dhl_express__TrackingResponseXML.xml", {
        trackingNumber: "7740842550",
      });
      expect(singapore).toMatchObject({ status: "in_transit", substatus: "picked_up" });
      expect(iso(eventAt(singapore, 0).occurredAt)).toBe("2009-08-26T02:00:00.000Z");
    });

    it("DHL Express XML: in transit from Kingston, with DHL's UTC delivery estimate", () => {
      const result = parseSample("dhl_express", "dhl_express__IntransitTrackingResponseXML.xml");
      expect(result).toMatchObject({ status: "in_transit", substatus: "picked_up", deliveredAt: null });
      expect(result.events).toHaveLength(1);
      expect(iso(eventAt(result, 0).occurredAt)).toBe("2021-05-05T14:42:00.000Z");
      expect(placeOf(result, 0)).toBe("KINGSTON, JM");
      expect(iso(result.estimatedDeliveryAt)).toBe("2021-05-08T03:59:00.000Z");
    });

    it("Canada Post XML: six events in EST, delivered when the last signature was recorded", () => {
      const result = parseSample("canada_post", "canadapost__TrackingResponseXml.xml");
      expect(result).toMatchObject({ status: "delivered", substatus: "signed" });
      expect(result.events.map((event) => event.rawCode)).toEqual([
        "20",
        "1496",
        "0173",
        "0100",
        "0174",
        "20",
      ]);
      expect(result.events.map((event) => event.substatus)).toEqual([
        "signed",
        "delivered",
        "address",
        "in_transit",
        "out_for_delivery",
        "signed",
      ]);
      expect(result.events.every((event) => event.utcOffsetMinutes === -300)).toBe(true);
      expect(iso(eventAt(result, 0).occurredAt)).toBe("2011-02-01T12:59:52.000Z");
      expect(iso(result.deliveredAt)).toBe("2011-02-03T16:59:59.000Z");
      // 5 April 2011, end of the day in Ontario (K0J 1T0), EDT.
      expect(iso(result.estimatedDeliveryAt)).toBe("2011-04-06T03:59:00.000Z");
      expect(placeOf(result, 4)).toBe("SAINTE-FOY, QC, CA");
    });
  },
);

describe.skipIf(!sharedResponsesAvailable)("real carrier error responses map to typed errors", () => {
  const cases: Array<[CarrierCode, string, string, ResponseContext?]> = [
    ["ups", "ups__AuthError.json", "auth_failed"],
    ["ups", "ups__InvalidTrackingNumberResponseJSON.json", "not_found"],
    ["fedex", "fedex__ErrorResponse.json", "not_found"],
    // Signature proof of delivery is a document, not a tracking answer.
    ["fedex", "fedex__ProofOfDeliveryResponse.json", "malformed_response"],
    ["usps", "usps__AuthErrorResponse.json", "auth_failed"],
    // USPS's documented error shape with placeholder values: only the HTTP status can say what it means.
    ["usps", "usps__ErrorResponse.json", "carrier_down"],
    ["usps", "usps__ErrorResponse.json", "not_found", { httpStatus: 404 }],
    ["dhl_express", "dhl_express__AuthError.xml", "auth_failed"],
    ["canada_post", "canadapost__AuthError.xml", "auth_failed"],
  ];

  it.each(cases)("%s %s → %s", (carrier, file, kind, context) => {
    const error = errorOf(() => parseSample(carrier, file, context));
    expect(error.kind).toBe(kind);
    expect(error.message.length).toBeLessThanOrEqual(200);
  });

  it("never puts the whole body into an error message", () => {
    const error = errorOf(() => parseSample("fedex", "fedex__ProofOfDeliveryResponse.json"));
    expect(error.message).not.toContain("JVBERi0");
  });
});
