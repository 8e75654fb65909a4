// Names a merchant recognises for the report's keys: carrier codes, services, destinations. The rollup stores
// "unknown" as an empty string.

const CARRIER_NAMES: Record<string, string> = {
  ups: "UPS",
  fedex: "FedEx",
  usps: "USPS",
  dhl: "DHL",
  dhl_express: "DHL Express",
  canada_post: "Canada Post",
  purolator: "Purolator",
  amazon: "Amazon",
  ontrac: "OnTrac",
  lasership: "LaserShip",
  dpd: "DPD",
  yodel: "Yodel",
};

const countryNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

export function carrierLabel(carrier: string): string {
  if (!carrier) return "Unknown carrier";
  return CARRIER_NAMES[carrier] ?? carrier;
}

export function serviceLabel(service: string): string {
  return service || "No service named";
}

export function countryLabel(country: string): string {
  if (!country) return "Unknown country";
  try {
    return countryNames.of(country) ?? country;
  } catch {
    return country;
  }
}

// { country: "US", region: "CA" } → "CA, United States"; the region alone is left as the shop's data has it.
export function destinationLabel({ country, region }: { country: string; region: string }): string {
  return region ? `${region}, ${countryLabel(country)}` : countryLabel(country);
}

// The filter's option values: "US" or "US-CA" (report-types.ts StatsFilters.destination).
export function destinationOptionLabel(option: string): string {
  const separator = option.indexOf("-");
  if (separator === -1) return countryLabel(option);
  return destinationLabel({ country: option.slice(0, separator), region: option.slice(separator + 1) });
}
