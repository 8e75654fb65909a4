// Shopify's tracking company names (what merchants pick or type) to Parcelwise carrier codes. The carriers
// issue adds detection from the tracking number itself; this only reads the merchant's own label.
const COMPANY_TO_CARRIER: Array<[RegExp, string]> = [
  [/^ups\b/i, "ups"],
  [/^fedex/i, "fedex"],
  [/^(usps|united states postal)/i, "usps"],
  [/^dhl express/i, "dhl_express"],
  [/^dhl/i, "dhl"],
  [/^canada post|^postes canada/i, "canada_post"],
  [/^purolator/i, "purolator"],
  [/^amazon/i, "amazon"],
  [/^ontrac/i, "ontrac"],
  [/^lasership/i, "lasership"],
  [/^dpd/i, "dpd"],
  [/^yodel/i, "yodel"],
];

export function carrierFromCompany(company: string | null | undefined): string | null {
  if (!company) return null;
  return COMPANY_TO_CARRIER.find(([pattern]) => pattern.test(company.trim()))?.[1] ?? null;
}

// Every carrier Parcelwise can name from a merchant's label: with the carriers it tracks, what a merchant may
// correct a shipment to.
export const LABELLED_CARRIERS: readonly string[] = [...new Set(COMPANY_TO_CARRIER.map(([, code]) => code))];
