import { describe, expect, it } from "vitest";
import { isSubstatus } from "../../../app/models/tracking-taxonomy";
import { CANADA_POST_EVENT_CODES } from "../../../app/services/carriers/canada-post/codes";
import type { CodeTable, TextRule } from "../../../app/services/carriers/common/code-table";
import {
  DHL_FAILURE_TEXT_RULES,
  DHL_STATUS_CODES,
  DHL_TRANSIT_TEXT_RULES,
} from "../../../app/services/carriers/dhl/codes";
import { DHL_EXPRESS_EVENT_CODES } from "../../../app/services/carriers/dhl-express/codes";
import {
  FEDEX_EVENT_CODES,
  FEDEX_EXCEPTION_CODES,
  FEDEX_EXCEPTION_TEXT_RULES,
} from "../../../app/services/carriers/fedex/codes";
import {
  UPS_ACTIVITY_CODES,
  UPS_EXCEPTION_TEXT_RULES,
  UPS_STATUS_TYPES,
} from "../../../app/services/carriers/ups/codes";
import {
  USPS_DELIVERED_TEXT_RULES,
  USPS_EVENT_CODES,
  USPS_EVENT_TEXT_RULES,
} from "../../../app/services/carriers/usps/codes";
import { CANADA_POST_TEXT_RULES } from "../../../app/services/carriers/canada-post/codes";
import { readSharedResponse, sharedResponsesAvailable, warnIfSharedMissing } from "./shared-responses";

warnIfSharedMissing("carrier code table coverage tests");

/** Every value of `"key": "value"` in a JSON text, wherever it appears (read independently of the parsers). */
function jsonValues(file: string, key: string): string[] {
  const pattern = new RegExp(`"${key}":\\s*"([^"]*)"`, "g");
  return [...readSharedResponse(file).matchAll(pattern)].flatMap((match) => (match[1] ? [match[1]] : []));
}

function xmlValues(file: string, element: string): string[] {
  const pattern = new RegExp(`<${element}>([^<]*)</${element}>`, "g");
  return [...readSharedResponse(file).matchAll(pattern)].flatMap((match) =>
    match[1] ? [match[1].trim()] : [],
  );
}

function missingFrom(table: CodeTable, codes: string[]): string[] {
  return [...new Set(codes)].filter((code) => code !== "" && !Object.hasOwn(table, code));
}

describe.skipIf(!sharedResponsesAvailable)("every code in the real samples is in its carrier's table", () => {
  it("UPS activity codes and status types", () => {
    const file = "ups__TrackingResponseJSON.json";
    const codes = jsonValues(file, "code").filter((code) => code !== "string" && !/^\d{3}$/.test(code));
    expect(codes).toContain("SR");
    expect(missingFrom(UPS_ACTIVITY_CODES, codes)).toEqual([]);
    expect(
      missingFrom(
        UPS_STATUS_TYPES,
        jsonValues(file, "type").filter((type) => /^[A-Z]{1,2}$/.test(type)),
      ),
    ).toEqual([]);
  });

  it("FedEx event types, derived status codes and exception codes", () => {
    const file = "fedex__TrackingResponse.json";
    const eventCodes = [
      ...jsonValues(file, "eventType").filter((type) => /^[A-Z]{2}$/.test(type)),
      ...jsonValues(file, "derivedStatusCode"),
      ...jsonValues(file, "derivedCode"),
    ];
    expect(eventCodes).toContain("PU");
    expect(missingFrom(FEDEX_EVENT_CODES, eventCodes)).toEqual([]);
    expect(missingFrom(FEDEX_EXCEPTION_CODES, jsonValues(file, "exceptionCode"))).toEqual([]);
  });

  it("USPS event codes", () => {
    const codes = jsonValues("usps__TrackingResponse.json", "eventCode");
    expect(codes).toHaveLength(12);
    expect(missingFrom(USPS_EVENT_CODES, codes)).toEqual([]);
  });

  it("DHL Unified status codes", () => {
    const codes = jsonValues("dhl_universal__TrackingResponseJSON.json", "statusCode");
    expect(codes).toContain("pre-transit");
    expect(missingFrom(DHL_STATUS_CODES, codes)).toEqual([]);
  });

  it("DHL Express checkpoint codes", () => {
    const codes = [
      ...xmlValues("dhl_express__TrackingResponseXML.xml", "EventCode"),
      ...xmlValues("dhl_express__IntransitTrackingResponseXML.xml", "EventCode"),
    ];
    expect(new Set(codes)).toEqual(new Set(["PU", "PO", "RW", "PL", "AF", "DF", "AR", "WC", "OK"]));
    expect(missingFrom(DHL_EXPRESS_EVENT_CODES, codes)).toEqual([]);
  });

  it("Canada Post event identifiers", () => {
    const codes = xmlValues("canadapost__TrackingResponseXml.xml", "event-identifier");
    expect(codes).toHaveLength(6);
    expect(missingFrom(CANADA_POST_EVENT_CODES, codes)).toEqual([]);
  });
});

describe("codes tables", () => {
  const tables: Record<string, CodeTable> = {
    UPS_ACTIVITY_CODES,
    UPS_STATUS_TYPES,
    FEDEX_EVENT_CODES,
    FEDEX_EXCEPTION_CODES,
    USPS_EVENT_CODES,
    DHL_STATUS_CODES,
    DHL_EXPRESS_EVENT_CODES,
    CANADA_POST_EVENT_CODES,
  };
  const rules: Record<string, readonly TextRule[]> = {
    UPS_EXCEPTION_TEXT_RULES,
    FEDEX_EXCEPTION_TEXT_RULES,
    USPS_DELIVERED_TEXT_RULES,
    USPS_EVENT_TEXT_RULES,
    DHL_TRANSIT_TEXT_RULES,
    DHL_FAILURE_TEXT_RULES,
    CANADA_POST_TEXT_RULES,
  };

  it.each(Object.entries(tables))("%s maps only to taxonomy substatuses", (_name, table) => {
    expect(Object.values(table).filter((substatus) => !isSubstatus(substatus))).toEqual([]);
  });

  it.each(Object.entries(rules))("%s has lower-case phrases and taxonomy substatuses", (_name, list) => {
    for (const [phrase, substatus] of list) {
      expect(phrase).toBe(phrase.toLowerCase());
      expect(isSubstatus(substatus)).toBe(true);
    }
  });
});
