import type { CarrierCode } from "./standin-types";

export interface Place {
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  countryName: string;
  /** ISO alpha-3, as DHL Express writes service areas ("SPRINGFIELD GARDENS,NY-USA"). */
  alpha3: string;
  timeZone: string;
  /** DHL Express service area (IATA-like) code. */
  serviceArea: string;
}

function place(
  city: string,
  region: string | null,
  postalCode: string,
  country: string,
  countryName: string,
  timeZone: string,
  serviceArea: string,
): Place {
  return {
    city,
    region,
    postalCode,
    country,
    countryName,
    alpha3: ALPHA3[country] ?? country,
    timeZone,
    serviceArea,
  };
}

const ALPHA3: Record<string, string> = {
  US: "USA",
  CA: "CAN",
  DE: "DEU",
  NL: "NLD",
  GB: "GBR",
  FR: "FRA",
  ES: "ESP",
  IT: "ITA",
  HK: "HKG",
  SG: "SGP",
  JP: "JPN",
};

const US = [
  place("ATLANTA", "GA", "30303", "US", "United States", "America/New_York", "ATL"),
  place("NEW YORK", "NY", "10001", "US", "United States", "America/New_York", "JFK"),
  place("LOUISVILLE", "KY", "40209", "US", "United States", "America/New_York", "SDF"),
  place("MEMPHIS", "TN", "38118", "US", "United States", "America/Chicago", "MEM"),
  place("CHICAGO", "IL", "60607", "US", "United States", "America/Chicago", "ORD"),
  place("DALLAS", "TX", "75201", "US", "United States", "America/Chicago", "DFW"),
  place("DENVER", "CO", "80202", "US", "United States", "America/Denver", "DEN"),
  place("PHOENIX", "AZ", "85004", "US", "United States", "America/Phoenix", "PHX"),
  place("LOS ANGELES", "CA", "90021", "US", "United States", "America/Los_Angeles", "LAX"),
  place("SEATTLE", "WA", "98101", "US", "United States", "America/Los_Angeles", "SEA"),
];

const CANADA = [
  place("TORONTO", "ON", "M5V2T6", "CA", "Canada", "America/Toronto", "YYZ"),
  place("MISSISSAUGA", "ON", "L5T2N7", "CA", "Canada", "America/Toronto", "YYZ"),
  place("MONTREAL", "QC", "H2X1Y4", "CA", "Canada", "America/Toronto", "YUL"),
  place("HALIFAX", "NS", "B3H1Y6", "CA", "Canada", "America/Halifax", "YHZ"),
  place("CALGARY", "AB", "T2P1J9", "CA", "Canada", "America/Edmonton", "YYC"),
  place("VANCOUVER", "BC", "V6B1A1", "CA", "Canada", "America/Vancouver", "YVR"),
];

const EUROPE = [
  place("Leipzig", null, "04435", "DE", "Germany", "Europe/Berlin", "LEJ"),
  place("Bonn", null, "53113", "DE", "Germany", "Europe/Berlin", "CGN"),
  place("Amsterdam", null, "1043 AG", "NL", "Netherlands", "Europe/Amsterdam", "AMS"),
  place("London", null, "EC1A 1BB", "GB", "United Kingdom", "Europe/London", "LHR"),
  place("Paris", null, "75008", "FR", "France", "Europe/Paris", "CDG"),
  place("Madrid", null, "28001", "ES", "Spain", "Europe/Madrid", "MAD"),
  place("Milan", null, "20121", "IT", "Italy", "Europe/Rome", "MIL"),
];

const WORLD = [
  ...EUROPE,
  place("Hong Kong", null, "999077", "HK", "Hong Kong", "Asia/Hong_Kong", "HKG"),
  place("Singapore", null, "018989", "SG", "Singapore", "Asia/Singapore", "SIN"),
  place("Tokyo", null, "100-0005", "JP", "Japan", "Asia/Tokyo", "TYO"),
  place("NEW YORK", "NY", "10001", "US", "United States", "America/New_York", "JFK"),
  place("Cincinnati", "KY", "41048", "US", "United States", "America/New_York", "CVG"),
];

/** Where each carrier's generated parcels travel. */
export const CARRIER_PLACES: Record<CarrierCode, readonly Place[]> = {
  ups: US,
  fedex: US,
  usps: US,
  dhl: EUROPE,
  dhl_express: WORLD,
  canada_post: CANADA,
};
