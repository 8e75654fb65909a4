import { describe, expect, it } from "vitest";
import { zoneOffsetMs } from "../../app/lib/wall-clock";
import {
  COUNTRY_TIME_ZONES,
  PROVINCE_TIME_ZONES,
  isValidTimeZone,
  timeZoneFor,
} from "../../app/lib/shopper-time-zone";

const SHOP_ZONE = "Europe/Dublin";
const zoneFor = (country: string | null, province: string | null = null, fallback = SHOP_ZONE) =>
  timeZoneFor({ country, province, fallback });

const US_STATES_DC_PR =
  `AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
  NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR`.split(/\s+/);
const CANADIAN_PROVINCES = "AB BC MB NB NL NS NT NU ON PE QC SK YT".split(" ");
const AUSTRALIAN_STATES = "ACT NSW NT QLD SA TAS VIC WA".split(" ");
const BRAZILIAN_STATES =
  "AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO".split(" ");

// Hours ahead of UTC at a given instant, as the shopper's clock shows it.
function utcOffsetHours(zone: string, at = new Date("2026-01-15T12:00:00Z")): number {
  return zoneOffsetMs(at.getTime(), zone) / 3_600_000;
}

describe("the zone table", () => {
  it("names only zones this runtime knows, in every entry", () => {
    const zones = [
      ...Object.values(COUNTRY_TIME_ZONES),
      ...Object.values(PROVINCE_TIME_ZONES).flatMap((provinces) => Object.values(provinces)),
    ];
    const unknown = zones.filter((zone) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return false;
      } catch {
        return true;
      }
    });
    expect(unknown).toEqual([]);
    expect(zones.length).toBeGreaterThan(250);
  });

  it("covers the common e-commerce destinations, including every EU/EEA country", () => {
    const eea =
      `AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO`.split(" ");
    const others =
      `GB CH US CA MX BR AR CL CO PE AU NZ JP KR CN HK TW SG MY TH PH ID VN IN AE SA IL ZA TR`.split(" ");
    expect([...eea, ...others].filter((country) => !COUNTRY_TIME_ZONES[country])).toEqual([]);
    expect(Object.keys(COUNTRY_TIME_ZONES).length).toBeGreaterThanOrEqual(80);
  });

  it("has a zone of its own for every US state, DC and Puerto Rico, every Canadian province and territory, and every Australian and Brazilian state", () => {
    const missing = [
      ...US_STATES_DC_PR.filter((code) => !PROVINCE_TIME_ZONES.US?.[code]).map((code) => `US-${code}`),
      ...CANADIAN_PROVINCES.filter((code) => !PROVINCE_TIME_ZONES.CA?.[code]).map((code) => `CA-${code}`),
      ...AUSTRALIAN_STATES.filter((code) => !PROVINCE_TIME_ZONES.AU?.[code]).map((code) => `AU-${code}`),
      ...BRAZILIAN_STATES.filter((code) => !PROVINCE_TIME_ZONES.BR?.[code]).map((code) => `BR-${code}`),
    ];
    expect(missing).toEqual([]);
  });
});

describe("a shopper's zone from the order's destination", () => {
  it("uses the country's zone for a single-zone country, whatever the province", () => {
    expect(zoneFor("DE")).toBe("Europe/Berlin");
    expect(zoneFor("JP", "13")).toBe("Asia/Tokyo");
    expect(zoneFor("GB", "ENG")).toBe("Europe/London");
  });

  it("reads the state in the United States: coast to coast, Arizona without daylight time, Hawaii, Alaska", () => {
    expect(zoneFor("US", "NY")).toBe("America/New_York");
    expect(zoneFor("US", "CA")).toBe("America/Los_Angeles");
    expect(zoneFor("US", "TX")).toBe("America/Chicago");
    expect(zoneFor("US", "CO")).toBe("America/Denver");
    expect(utcOffsetHours(zoneFor("US", "AZ"), new Date("2026-07-01T12:00:00Z"))).toBe(-7);
    expect(utcOffsetHours(zoneFor("US", "HI"))).toBe(-10);
    expect(utcOffsetHours(zoneFor("US", "AK"))).toBe(-9);
    expect(zoneFor("US", "PR")).toBe("America/Puerto_Rico");
  });

  it("reads the province in Canada and Australia: St. John's half an hour off, Queensland without daylight time", () => {
    expect(utcOffsetHours(zoneFor("CA", "NL"))).toBe(-3.5);
    expect(zoneFor("CA", "BC")).toBe("America/Vancouver");
    expect(zoneFor("CA", "QC")).toBe("America/Toronto");
    expect(utcOffsetHours(zoneFor("AU", "WA"))).toBe(8);
    expect(utcOffsetHours(zoneFor("AU", "QLD"))).toBe(10);
    // January is summer in Sydney: daylight time.
    expect(utcOffsetHours(zoneFor("AU", "NSW"))).toBe(11);
  });

  it("reads the state in Brazil and Mexico, and the islands of Spain and Portugal", () => {
    expect(utcOffsetHours(zoneFor("BR", "AM"))).toBe(-4);
    expect(utcOffsetHours(zoneFor("BR", "AC"))).toBe(-5);
    expect(utcOffsetHours(zoneFor("BR", "SP"))).toBe(-3);
    expect(utcOffsetHours(zoneFor("MX", "Q ROO"))).toBe(-5);
    expect(zoneFor("MX", "BC")).toBe("America/Tijuana");
    expect(zoneFor("MX", "JAL")).toBe("America/Mexico_City");
    expect(utcOffsetHours(zoneFor("ES", "TF"))).toBe(0);
    expect(utcOffsetHours(zoneFor("ES", "M"))).toBe(1);
    expect(zoneFor("PT", "PT-20")).toBe("Atlantic/Azores");
  });

  it("accepts codes in any case and with the ISO 3166-2 country prefix", () => {
    expect(zoneFor("us", "ca")).toBe("America/Los_Angeles");
    expect(zoneFor("US", "US-CA")).toBe("America/Los_Angeles");
    expect(zoneFor("CA", "CA-AB")).toBe("America/Edmonton");
    expect(zoneFor(" au ", " wa ")).toBe("Australia/Perth");
  });

  it("uses the zone most of the country lives in when a multi-zone country's province is missing or unknown", () => {
    expect(zoneFor("US", null)).toBe("America/Chicago");
    expect(zoneFor("US", "ZZ")).toBe("America/Chicago");
    expect(zoneFor("CA", null)).toBe("America/Toronto");
    expect(zoneFor("AU", "")).toBe("Australia/Sydney");
    expect(zoneFor("BR", null)).toBe("America/Sao_Paulo");
  });

  it("falls back to the shop's zone for an unknown or missing country", () => {
    expect(zoneFor("ZZ")).toBe(SHOP_ZONE);
    expect(zoneFor(null)).toBe(SHOP_ZONE);
    expect(zoneFor("", "CA", "America/Denver")).toBe("America/Denver");
  });

  it("falls back to UTC when the shop's own zone is unreadable, so messages still go out", () => {
    expect(zoneFor("ZZ", null, "Mars/Olympus_Mons")).toBe("UTC");
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("America/New_York")).toBe(true);
  });
});
