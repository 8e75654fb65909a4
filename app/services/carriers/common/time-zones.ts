import { COUNTRY_TIME_ZONES, provinceTimeZone } from "../../../lib/shopper-time-zone";

// Where a carrier gives a scan's local wall-clock time without its offset, the zone of the scan's place turns it
// into the right instant. Zones come from the shopper time-zone tables (app/lib); in a country
// spanning several zones only the region decides, or the time is read as UTC.

/** ISO alpha-2 and alpha-3 of the countries carriers name by their alpha-3 code. */
const COUNTRIES: ReadonlyArray<readonly [string, string]> = [
  ["US", "USA"],
  ["CA", "CAN"],
  ["AU", "AUS"],
  ["MX", "MEX"],
  ["BR", "BRA"],
  ["AR", "ARG"],
  ["CL", "CHL"],
  ["CO", "COL"],
  ["PE", "PER"],
  ["JM", "JAM"],
  ["PR", "PRI"],
  ["GB", "GBR"],
  ["IE", "IRL"],
  ["FR", "FRA"],
  ["DE", "DEU"],
  ["NL", "NLD"],
  ["BE", "BEL"],
  ["LU", "LUX"],
  ["ES", "ESP"],
  ["PT", "PRT"],
  ["IT", "ITA"],
  ["CH", "CHE"],
  ["AT", "AUT"],
  ["DK", "DNK"],
  ["SE", "SWE"],
  ["NO", "NOR"],
  ["FI", "FIN"],
  ["IS", "ISL"],
  ["PL", "POL"],
  ["CZ", "CZE"],
  ["SK", "SVK"],
  ["HU", "HUN"],
  ["SI", "SVN"],
  ["HR", "HRV"],
  ["RO", "ROU"],
  ["BG", "BGR"],
  ["GR", "GRC"],
  ["CY", "CYP"],
  ["MT", "MLT"],
  ["EE", "EST"],
  ["LV", "LVA"],
  ["LT", "LTU"],
  ["UA", "UKR"],
  ["TR", "TUR"],
  ["IL", "ISR"],
  ["AE", "ARE"],
  ["SA", "SAU"],
  ["EG", "EGY"],
  ["ZA", "ZAF"],
  ["NG", "NGA"],
  ["KE", "KEN"],
  ["IN", "IND"],
  ["CN", "CHN"],
  ["HK", "HKG"],
  ["TW", "TWN"],
  ["JP", "JPN"],
  ["KR", "KOR"],
  ["SG", "SGP"],
  ["MY", "MYS"],
  ["TH", "THA"],
  ["VN", "VNM"],
  ["PH", "PHL"],
  ["NZ", "NZL"],
];

/** The first letter of a Canadian postal code names its province. */
const CANADIAN_POSTAL_PROVINCES: Readonly<Record<string, string>> = {
  A: "NL",
  B: "NS",
  C: "PE",
  E: "NB",
  G: "QC",
  H: "QC",
  J: "QC",
  K: "ON",
  L: "ON",
  M: "ON",
  N: "ON",
  P: "ON",
  R: "MB",
  S: "SK",
  T: "AB",
  V: "BC",
  X: "NT",
  Y: "YT",
};

/** Country spellings carriers use that are neither ISO codes nor English display names. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  "UNITED STATES OF AMERICA": "US",
  "UNITED KINGDOM": "GB",
  UK: "GB",
  "GREAT BRITAIN": "GB",
  "HONG KONG": "HK",
  "SOUTH KOREA": "KR",
  "KOREA, REPUBLIC OF": "KR",
  CZECHIA: "CZ",
  "CZECH REPUBLIC": "CZ",
  HOLLAND: "NL",
};

const ALPHA3_TO_ALPHA2 = new Map(COUNTRIES.map(([alpha2, alpha3]) => [alpha3, alpha2]));
// Several zones: without the region, UTC (the caller's reading) is safer than a guess an hour or more off.
const ZONED_BY_REGION = new Set(["US", "CA", "AU"]);

export interface ZoneHint {
  country: string | null;
  region?: string | null;
  postalCode?: string | null;
}

export function canadianProvinceFromPostalCode(postalCode: string | null | undefined): string | null {
  const letter = postalCode?.trim().charAt(0).toUpperCase();
  return letter ? (CANADIAN_POSTAL_PROVINCES[letter] ?? null) : null;
}

export function timeZoneFor({ country, region, postalCode }: ZoneHint): string | null {
  if (!country) return null;
  const code = country.toUpperCase();
  const regionCode = region?.trim() || (code === "CA" ? canadianProvinceFromPostalCode(postalCode) : null);
  const regionZone = regionCode ? provinceTimeZone(code, regionCode) : null;
  if (regionZone) return regionZone;
  if (ZONED_BY_REGION.has(code)) return null;
  return COUNTRY_TIME_ZONES[code] ?? null;
}

let englishCountryNames: Map<string, string> | undefined;

// Built once from the runtime's own region names, so "Spain" or "Italy" need no list of ours.
function countryCodesByEnglishName(): Map<string, string> {
  if (englishCountryNames) return englishCountryNames;
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  englishCountryNames = new Map();
  for (const first of letters) {
    for (const second of letters) {
      const code = `${first}${second}`;
      const name = names.of(code);
      if (name) englishCountryNames.set(name.toUpperCase(), code);
    }
  }
  return englishCountryNames;
}

/** ISO alpha-2 from an alpha-2, a known alpha-3 or an English country name; null when unrecognised. */
export function countryCode(value: string | null | undefined): string | null {
  const upper = value?.trim().toUpperCase();
  if (!upper) return null;
  if (/^[A-Z]{2}$/.test(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper) && ALPHA3_TO_ALPHA2.has(upper)) return ALPHA3_TO_ALPHA2.get(upper) ?? null;
  return COUNTRY_ALIASES[upper] ?? countryCodesByEnglishName().get(upper) ?? null;
}
