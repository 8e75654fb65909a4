// Where a carrier gives a scan's local wall-clock time without its offset, the zone of the scan's place turns it
// into the right instant. Countries spanning several zones have none here: their regions below decide, or the
// time is read as UTC.

/** ISO alpha-2, alpha-3, IANA zone (null: several zones, see the regions). */
const COUNTRIES: ReadonlyArray<readonly [string, string, string | null]> = [
  ["US", "USA", null],
  ["CA", "CAN", null],
  ["AU", "AUS", null],
  ["MX", "MEX", "America/Mexico_City"],
  ["BR", "BRA", "America/Sao_Paulo"],
  ["AR", "ARG", "America/Argentina/Buenos_Aires"],
  ["CL", "CHL", "America/Santiago"],
  ["CO", "COL", "America/Bogota"],
  ["PE", "PER", "America/Lima"],
  ["JM", "JAM", "America/Jamaica"],
  ["PR", "PRI", "America/Puerto_Rico"],
  ["GB", "GBR", "Europe/London"],
  ["IE", "IRL", "Europe/Dublin"],
  ["FR", "FRA", "Europe/Paris"],
  ["DE", "DEU", "Europe/Berlin"],
  ["NL", "NLD", "Europe/Amsterdam"],
  ["BE", "BEL", "Europe/Brussels"],
  ["LU", "LUX", "Europe/Luxembourg"],
  ["ES", "ESP", "Europe/Madrid"],
  ["PT", "PRT", "Europe/Lisbon"],
  ["IT", "ITA", "Europe/Rome"],
  ["CH", "CHE", "Europe/Zurich"],
  ["AT", "AUT", "Europe/Vienna"],
  ["DK", "DNK", "Europe/Copenhagen"],
  ["SE", "SWE", "Europe/Stockholm"],
  ["NO", "NOR", "Europe/Oslo"],
  ["FI", "FIN", "Europe/Helsinki"],
  ["IS", "ISL", "Atlantic/Reykjavik"],
  ["PL", "POL", "Europe/Warsaw"],
  ["CZ", "CZE", "Europe/Prague"],
  ["SK", "SVK", "Europe/Bratislava"],
  ["HU", "HUN", "Europe/Budapest"],
  ["SI", "SVN", "Europe/Ljubljana"],
  ["HR", "HRV", "Europe/Zagreb"],
  ["RO", "ROU", "Europe/Bucharest"],
  ["BG", "BGR", "Europe/Sofia"],
  ["GR", "GRC", "Europe/Athens"],
  ["CY", "CYP", "Asia/Nicosia"],
  ["MT", "MLT", "Europe/Malta"],
  ["EE", "EST", "Europe/Tallinn"],
  ["LV", "LVA", "Europe/Riga"],
  ["LT", "LTU", "Europe/Vilnius"],
  ["UA", "UKR", "Europe/Kiev"],
  ["TR", "TUR", "Europe/Istanbul"],
  ["IL", "ISR", "Asia/Jerusalem"],
  ["AE", "ARE", "Asia/Dubai"],
  ["SA", "SAU", "Asia/Riyadh"],
  ["EG", "EGY", "Africa/Cairo"],
  ["ZA", "ZAF", "Africa/Johannesburg"],
  ["NG", "NGA", "Africa/Lagos"],
  ["KE", "KEN", "Africa/Nairobi"],
  ["IN", "IND", "Asia/Kolkata"],
  ["CN", "CHN", "Asia/Shanghai"],
  ["HK", "HKG", "Asia/Hong_Kong"],
  ["TW", "TWN", "Asia/Taipei"],
  ["JP", "JPN", "Asia/Tokyo"],
  ["KR", "KOR", "Asia/Seoul"],
  ["SG", "SGP", "Asia/Singapore"],
  ["MY", "MYS", "Asia/Kuala_Lumpur"],
  ["TH", "THA", "Asia/Bangkok"],
  ["VN", "VNM", "Asia/Ho_Chi_Minh"],
  ["PH", "PHL", "Asia/Manila"],
  ["NZ", "NZL", "Pacific/Auckland"],
];

/** Zones of the states and provinces of countries that span several (the zone most of each region uses). */
const REGIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: {
    AL: "America/Chicago",
    AK: "America/Anchorage",
    AZ: "America/Phoenix",
    AR: "America/Chicago",
    CA: "America/Los_Angeles",
    CO: "America/Denver",
    CT: "America/New_York",
    DE: "America/New_York",
    DC: "America/New_York",
    FL: "America/New_York",
    GA: "America/New_York",
    HI: "Pacific/Honolulu",
    ID: "America/Boise",
    IL: "America/Chicago",
    IN: "America/Indiana/Indianapolis",
    IA: "America/Chicago",
    KS: "America/Chicago",
    KY: "America/New_York",
    LA: "America/Chicago",
    ME: "America/New_York",
    MD: "America/New_York",
    MA: "America/New_York",
    MI: "America/Detroit",
    MN: "America/Chicago",
    MS: "America/Chicago",
    MO: "America/Chicago",
    MT: "America/Denver",
    NE: "America/Chicago",
    NV: "America/Los_Angeles",
    NH: "America/New_York",
    NJ: "America/New_York",
    NM: "America/Denver",
    NY: "America/New_York",
    NC: "America/New_York",
    ND: "America/Chicago",
    OH: "America/New_York",
    OK: "America/Chicago",
    OR: "America/Los_Angeles",
    PA: "America/New_York",
    RI: "America/New_York",
    SC: "America/New_York",
    SD: "America/Chicago",
    TN: "America/Chicago",
    TX: "America/Chicago",
    UT: "America/Denver",
    VT: "America/New_York",
    VA: "America/New_York",
    WA: "America/Los_Angeles",
    WV: "America/New_York",
    WI: "America/Chicago",
    WY: "America/Denver",
    PR: "America/Puerto_Rico",
    GU: "Pacific/Guam",
    VI: "America/St_Thomas",
  },
  CA: {
    AB: "America/Edmonton",
    BC: "America/Vancouver",
    MB: "America/Winnipeg",
    NB: "America/Moncton",
    NL: "America/St_Johns",
    NS: "America/Halifax",
    NT: "America/Yellowknife",
    NU: "America/Iqaluit",
    ON: "America/Toronto",
    PE: "America/Halifax",
    QC: "America/Toronto",
    SK: "America/Regina",
    YT: "America/Whitehorse",
  },
  AU: {
    NSW: "Australia/Sydney",
    VIC: "Australia/Melbourne",
    QLD: "Australia/Brisbane",
    SA: "Australia/Adelaide",
    WA: "Australia/Perth",
    TAS: "Australia/Hobart",
    ACT: "Australia/Sydney",
    NT: "Australia/Darwin",
  },
};

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
const COUNTRY_ZONES = new Map(COUNTRIES.map(([alpha2, , zone]) => [alpha2, zone]));

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
  const regions = REGIONS[code];
  if (regions) {
    const regionCode =
      region?.trim().toUpperCase() || (code === "CA" ? canadianProvinceFromPostalCode(postalCode) : null);
    return (regionCode && regions[regionCode]) || null;
  }
  return COUNTRY_ZONES.get(code) ?? null;
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
