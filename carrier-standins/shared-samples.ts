import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { CarrierCode } from "./standin-types";

export type SampleError = "auth" | "tokenAuth" | "invalidNumber" | "emptyNumber";

export interface CarrierSamples {
  /** Tracking number → the carrier's real response, served byte for byte. */
  tracking: Map<string, string>;
  errors: Partial<Record<SampleError, string>>;
}

const RESPONSES_DIR = "data/carriers/responses";

// karrio's fixtures wrap Canada Post's XML in <wrapper>; the API itself sends the element alone.
function unwrapXml(xml: string): string {
  return xml.replace(/^\s*<wrapper>\s*/, "").replace(/\s*<\/wrapper>\s*$/, "\n");
}

function numbersIn(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].flatMap((match) => (match[1] ? [match[1]] : []));
}

interface SampleSpec {
  tracking: Array<{ file: string; numbers: RegExp; transform?: (text: string) => string }>;
  errors: Partial<Record<SampleError, { file: string; transform?: (text: string) => string }>>;
}

const SPECS: Record<CarrierCode, SampleSpec> = {
  ups: {
    tracking: [{ file: "ups__TrackingResponseJSON.json", numbers: /"inquiryNumber":\s*"([^"]+)"/g }],
    errors: {
      auth: { file: "ups__AuthError.json" },
      invalidNumber: { file: "ups__InvalidTrackingNumberResponseJSON.json" },
    },
  },
  fedex: {
    tracking: [{ file: "fedex__TrackingResponse.json", numbers: /"trackingNumber":\s*"(\d+)"/g }],
    errors: { emptyNumber: { file: "fedex__ErrorResponse.json" } },
  },
  usps: {
    tracking: [{ file: "usps__TrackingResponse.json", numbers: /"trackingNumber":\s*"([^"]+)"/g }],
    errors: { tokenAuth: { file: "usps__AuthErrorResponse.json" } },
  },
  dhl: {
    tracking: [{ file: "dhl_universal__TrackingResponseJSON.json", numbers: /"id":\s*"?(\w+)"?/g }],
    errors: {},
  },
  dhl_express: {
    tracking: [
      { file: "dhl_express__TrackingResponseXML.xml", numbers: /<AWBNumber>(\w+)<\/AWBNumber>/g },
      { file: "dhl_express__IntransitTrackingResponseXML.xml", numbers: /<AWBNumber>(\w+)<\/AWBNumber>/g },
    ],
    errors: { auth: { file: "dhl_express__AuthError.xml" } },
  },
  canada_post: {
    tracking: [
      { file: "canadapost__TrackingResponseXml.xml", numbers: /<pin>(\w+)<\/pin>/g, transform: unwrapXml },
    ],
    errors: { auth: { file: "canadapost__AuthError.xml", transform: unwrapXml } },
  },
};

function readSample(sharedDir: string, file: string): string | null {
  const full = path.join(sharedDir, RESPONSES_DIR, file);
  return existsSync(full) ? readFileSync(full, "utf8") : null;
}

/** The real samples in `<sharedDir>/data/carriers/responses`; empty when the directory is absent. */
export function loadCarrierSamples(sharedDir: string): Record<CarrierCode, CarrierSamples> {
  const load = (spec: SampleSpec): CarrierSamples => {
    const tracking = new Map<string, string>();
    for (const { file, numbers, transform } of spec.tracking) {
      const text = readSample(sharedDir, file);
      if (text === null) continue;
      for (const number of numbersIn(text, numbers)) tracking.set(number, transform ? transform(text) : text);
    }
    const errors: CarrierSamples["errors"] = {};
    for (const [kind, entry] of Object.entries(spec.errors) as Array<
      [SampleError, NonNullable<SampleSpec["errors"][SampleError]>]
    >) {
      const text = readSample(sharedDir, entry.file);
      if (text !== null) errors[kind] = entry.transform ? entry.transform(text) : text;
    }
    return { tracking, errors };
  };
  return {
    ups: load(SPECS.ups),
    fedex: load(SPECS.fedex),
    usps: load(SPECS.usps),
    dhl: load(SPECS.dhl),
    dhl_express: load(SPECS.dhl_express),
    canada_post: load(SPECS.canada_post),
  };
}
