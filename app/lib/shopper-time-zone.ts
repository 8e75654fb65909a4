// Where the shopper most likely is, from the order's destination, so messages respect *their* night, not the
// shop's. A destination is a good proxy for a parcel's recipient; it is a guess for gifts, and being an hour
// off on a split state is acceptable for quiet hours.

// One zone per country; for countries spanning several zones, the one most of its population lives in (used
// when the province is missing or unknown).
export const COUNTRY_TIME_ZONES: Readonly<Record<string, string>> = {
  // EU / EEA and the rest of Europe
  AD: "Europe/Andorra",
  AL: "Europe/Tirane",
  AT: "Europe/Vienna",
  AX: "Europe/Mariehamn",
  BA: "Europe/Sarajevo",
  BE: "Europe/Brussels",
  BG: "Europe/Sofia",
  BY: "Europe/Minsk",
  CH: "Europe/Zurich",
  CY: "Asia/Nicosia",
  CZ: "Europe/Prague",
  DE: "Europe/Berlin",
  DK: "Europe/Copenhagen",
  EE: "Europe/Tallinn",
  ES: "Europe/Madrid",
  FI: "Europe/Helsinki",
  FO: "Atlantic/Faroe",
  FR: "Europe/Paris",
  GB: "Europe/London",
  GG: "Europe/Guernsey",
  GI: "Europe/Gibraltar",
  GR: "Europe/Athens",
  HR: "Europe/Zagreb",
  HU: "Europe/Budapest",
  IE: "Europe/Dublin",
  IM: "Europe/Isle_of_Man",
  IS: "Atlantic/Reykjavik",
  IT: "Europe/Rome",
  JE: "Europe/Jersey",
  LI: "Europe/Vaduz",
  LT: "Europe/Vilnius",
  LU: "Europe/Luxembourg",
  LV: "Europe/Riga",
  MC: "Europe/Monaco",
  MD: "Europe/Chisinau",
  ME: "Europe/Podgorica",
  MK: "Europe/Skopje",
  MT: "Europe/Malta",
  NL: "Europe/Amsterdam",
  NO: "Europe/Oslo",
  PL: "Europe/Warsaw",
  PT: "Europe/Lisbon",
  RO: "Europe/Bucharest",
  RS: "Europe/Belgrade",
  RU: "Europe/Moscow",
  SE: "Europe/Stockholm",
  SI: "Europe/Ljubljana",
  SK: "Europe/Bratislava",
  SM: "Europe/San_Marino",
  TR: "Europe/Istanbul",
  UA: "Europe/Kyiv",
  VA: "Europe/Vatican",
  XK: "Europe/Belgrade",
  // The Americas
  AG: "America/Antigua",
  AR: "America/Argentina/Buenos_Aires",
  AW: "America/Aruba",
  BB: "America/Barbados",
  BM: "Atlantic/Bermuda",
  BO: "America/La_Paz",
  BR: "America/Sao_Paulo",
  BS: "America/Nassau",
  BZ: "America/Belize",
  // Eastern time covers most Canadians (Ontario, Québec).
  CA: "America/Toronto",
  CL: "America/Santiago",
  CO: "America/Bogota",
  CR: "America/Costa_Rica",
  CU: "America/Havana",
  CW: "America/Curacao",
  DO: "America/Santo_Domingo",
  EC: "America/Guayaquil",
  GF: "America/Cayenne",
  GL: "America/Nuuk",
  GP: "America/Guadeloupe",
  GT: "America/Guatemala",
  GY: "America/Guyana",
  HN: "America/Tegucigalpa",
  HT: "America/Port-au-Prince",
  JM: "America/Jamaica",
  KY: "America/Cayman",
  LC: "America/St_Lucia",
  MQ: "America/Martinique",
  MX: "America/Mexico_City",
  NI: "America/Managua",
  PA: "America/Panama",
  PE: "America/Lima",
  PR: "America/Puerto_Rico",
  PY: "America/Asuncion",
  SR: "America/Paramaribo",
  SV: "America/El_Salvador",
  TT: "America/Port_of_Spain",
  // A US order without a state: Central time is at most an hour off for the East and two for the West Coast,
  // so a message is never sent in the middle of anyone's night.
  US: "America/Chicago",
  UY: "America/Montevideo",
  VE: "America/Caracas",
  VI: "America/St_Thomas",
  // Asia and the Pacific
  AU: "Australia/Sydney",
  BD: "Asia/Dhaka",
  BN: "Asia/Brunei",
  CN: "Asia/Shanghai",
  FJ: "Pacific/Fiji",
  GU: "Pacific/Guam",
  HK: "Asia/Hong_Kong",
  ID: "Asia/Jakarta",
  IN: "Asia/Kolkata",
  JP: "Asia/Tokyo",
  KH: "Asia/Phnom_Penh",
  KR: "Asia/Seoul",
  KZ: "Asia/Almaty",
  LK: "Asia/Colombo",
  MM: "Asia/Yangon",
  MN: "Asia/Ulaanbaatar",
  MO: "Asia/Macau",
  MV: "Indian/Maldives",
  MY: "Asia/Kuala_Lumpur",
  NC: "Pacific/Noumea",
  NP: "Asia/Kathmandu",
  NZ: "Pacific/Auckland",
  PF: "Pacific/Tahiti",
  PG: "Pacific/Port_Moresby",
  PH: "Asia/Manila",
  PK: "Asia/Karachi",
  SG: "Asia/Singapore",
  TH: "Asia/Bangkok",
  TW: "Asia/Taipei",
  UZ: "Asia/Tashkent",
  VN: "Asia/Ho_Chi_Minh",
  // Middle East and Africa
  AE: "Asia/Dubai",
  AM: "Asia/Yerevan",
  AO: "Africa/Luanda",
  AZ: "Asia/Baku",
  BH: "Asia/Bahrain",
  BW: "Africa/Gaborone",
  CI: "Africa/Abidjan",
  CM: "Africa/Douala",
  DZ: "Africa/Algiers",
  EG: "Africa/Cairo",
  ET: "Africa/Addis_Ababa",
  GE: "Asia/Tbilisi",
  GH: "Africa/Accra",
  IL: "Asia/Jerusalem",
  IQ: "Asia/Baghdad",
  JO: "Asia/Amman",
  KE: "Africa/Nairobi",
  KW: "Asia/Kuwait",
  LB: "Asia/Beirut",
  MA: "Africa/Casablanca",
  MU: "Indian/Mauritius",
  NA: "Africa/Windhoek",
  NG: "Africa/Lagos",
  OM: "Asia/Muscat",
  QA: "Asia/Qatar",
  RE: "Indian/Reunion",
  RW: "Africa/Kigali",
  SA: "Asia/Riyadh",
  SN: "Africa/Dakar",
  TN: "Africa/Tunis",
  TZ: "Africa/Dar_es_Salaam",
  UG: "Africa/Kampala",
  ZA: "Africa/Johannesburg",
  ZM: "Africa/Lusaka",
  ZW: "Africa/Harare",
};

const US_EASTERN = "America/New_York";
const US_CENTRAL = "America/Chicago";
const US_MOUNTAIN = "America/Denver";
const US_PACIFIC = "America/Los_Angeles";

// Provinces whose zone differs from the country's. Keys are Shopify's province codes (ISO 3166-2 without the
// country prefix for most countries) plus the ISO forms where Shopify's differ. A state split between two zones
// gets the one most of its people live in.
export const PROVINCE_TIME_ZONES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: {
    AL: US_CENTRAL,
    AK: "America/Anchorage",
    // Arizona keeps standard time all year.
    AZ: "America/Phoenix",
    AR: US_CENTRAL,
    CA: US_PACIFIC,
    CO: US_MOUNTAIN,
    CT: US_EASTERN,
    DC: US_EASTERN,
    DE: US_EASTERN,
    FL: US_EASTERN,
    GA: US_EASTERN,
    HI: "Pacific/Honolulu",
    ID: "America/Boise",
    IL: US_CENTRAL,
    IN: "America/Indiana/Indianapolis",
    IA: US_CENTRAL,
    KS: US_CENTRAL,
    KY: US_EASTERN,
    LA: US_CENTRAL,
    ME: US_EASTERN,
    MD: US_EASTERN,
    MA: US_EASTERN,
    MI: "America/Detroit",
    MN: US_CENTRAL,
    MS: US_CENTRAL,
    MO: US_CENTRAL,
    MT: US_MOUNTAIN,
    NE: US_CENTRAL,
    NV: US_PACIFIC,
    NH: US_EASTERN,
    NJ: US_EASTERN,
    NM: US_MOUNTAIN,
    NY: US_EASTERN,
    NC: US_EASTERN,
    ND: US_CENTRAL,
    OH: US_EASTERN,
    OK: US_CENTRAL,
    OR: US_PACIFIC,
    PA: US_EASTERN,
    RI: US_EASTERN,
    SC: US_EASTERN,
    SD: US_CENTRAL,
    TN: US_CENTRAL,
    TX: US_CENTRAL,
    UT: US_MOUNTAIN,
    VT: US_EASTERN,
    VA: US_EASTERN,
    WA: US_PACIFIC,
    WV: US_EASTERN,
    WI: US_CENTRAL,
    WY: US_MOUNTAIN,
    PR: "America/Puerto_Rico",
    VI: "America/St_Thomas",
    GU: "Pacific/Guam",
    AS: "Pacific/Pago_Pago",
    MP: "Pacific/Saipan",
    // Military mail: the regions most of those addresses are in (Americas, Germany, Japan and Korea).
    AA: US_EASTERN,
    AE: "Europe/Berlin",
    AP: "Asia/Tokyo",
  },
  CA: {
    AB: "America/Edmonton",
    BC: "America/Vancouver",
    MB: "America/Winnipeg",
    NB: "America/Moncton",
    NL: "America/St_Johns",
    NS: "America/Halifax",
    NT: "America/Edmonton",
    NU: "America/Iqaluit",
    ON: "America/Toronto",
    PE: "America/Halifax",
    QC: "America/Toronto",
    SK: "America/Regina",
    YT: "America/Whitehorse",
  },
  AU: {
    ACT: "Australia/Sydney",
    NSW: "Australia/Sydney",
    JBT: "Australia/Sydney",
    NT: "Australia/Darwin",
    QLD: "Australia/Brisbane",
    SA: "Australia/Adelaide",
    TAS: "Australia/Hobart",
    VIC: "Australia/Melbourne",
    WA: "Australia/Perth",
  },
  BR: {
    AC: "America/Rio_Branco",
    AL: "America/Maceio",
    AP: "America/Belem",
    AM: "America/Manaus",
    BA: "America/Bahia",
    CE: "America/Fortaleza",
    DF: "America/Sao_Paulo",
    ES: "America/Sao_Paulo",
    GO: "America/Sao_Paulo",
    MA: "America/Fortaleza",
    MT: "America/Cuiaba",
    MS: "America/Campo_Grande",
    MG: "America/Sao_Paulo",
    PA: "America/Belem",
    PB: "America/Fortaleza",
    PR: "America/Sao_Paulo",
    PE: "America/Recife",
    PI: "America/Fortaleza",
    RJ: "America/Sao_Paulo",
    RN: "America/Fortaleza",
    RS: "America/Sao_Paulo",
    RO: "America/Porto_Velho",
    RR: "America/Boa_Vista",
    SC: "America/Sao_Paulo",
    SP: "America/Sao_Paulo",
    SE: "America/Maceio",
    TO: "America/Araguaina",
  },
  // Only the states off Central time; Shopify's codes and the ISO ones.
  MX: {
    BC: "America/Tijuana",
    BCN: "America/Tijuana",
    BCS: "America/Mazatlan",
    SIN: "America/Mazatlan",
    NAY: "America/Mazatlan",
    SON: "America/Hermosillo",
    CHIH: "America/Chihuahua",
    CHH: "America/Chihuahua",
    QROO: "America/Cancun",
    ROO: "America/Cancun",
  },
  ES: { GC: "Atlantic/Canary", TF: "Atlantic/Canary", CN: "Atlantic/Canary" },
  PT: { "20": "Atlantic/Azores", "30": "Atlantic/Madeira" },
  EC: { W: "Pacific/Galapagos" },
  ID: {
    BA: "Asia/Makassar",
    NB: "Asia/Makassar",
    NT: "Asia/Makassar",
    KS: "Asia/Makassar",
    KI: "Asia/Makassar",
    KU: "Asia/Makassar",
    SN: "Asia/Makassar",
    ST: "Asia/Makassar",
    SG: "Asia/Makassar",
    SA: "Asia/Makassar",
    SR: "Asia/Makassar",
    GO: "Asia/Makassar",
    MA: "Asia/Jayapura",
    MU: "Asia/Jayapura",
    PA: "Asia/Jayapura",
    PB: "Asia/Jayapura",
    PD: "Asia/Jayapura",
    PE: "Asia/Jayapura",
    PS: "Asia/Jayapura",
    PT: "Asia/Jayapura",
  },
};

const SAFE_ZONE = "UTC";
const validity = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let valid = validity.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    validity.set(zone, valid);
  }
  return valid;
}

// "us-ca", "US-CA", "Q ROO" and "PT-20" all reduce to the keys above.
function provinceKey(country: string, province: string): string {
  const upper = province.trim().toUpperCase();
  const bare = upper.startsWith(`${country}-`) ? upper.slice(country.length + 1) : upper;
  return bare.replace(/[^A-Z0-9]/g, "");
}

// The zone of a province, state or territory by its code ("CA", "US-CA", "Q ROO"); null when unknown.
export function provinceTimeZone(country: string, province: string): string | null {
  const countryCode = country.trim().toUpperCase();
  return PROVINCE_TIME_ZONES[countryCode]?.[provinceKey(countryCode, province)] ?? null;
}

export function timeZoneFor({
  country,
  province,
  fallback,
}: {
  country: string | null | undefined;
  province: string | null | undefined;
  fallback: string;
}): string {
  const countryCode = country?.trim().toUpperCase() ?? "";
  const provinceZone = province ? provinceTimeZone(countryCode, province) : null;
  const zone = provinceZone ?? COUNTRY_TIME_ZONES[countryCode];
  if (zone) return zone;
  // The shop's zone comes from Shopify; an unreadable one must not stop every message to this shopper.
  return isValidTimeZone(fallback) ? fallback : SAFE_ZONE;
}
