import type { Random } from "./random";

// Demo carriers with number shapes and public tracking pages; the carriers issue replaces the shapes with
// the shared tracking-number data. "local" stands for a courier Parcelwise cannot detect.
export const DEMO_CARRIERS = {
  ups: {
    company: "UPS",
    transitDays: 3,
    number: (random: Random) => `1Z${random.digits(3)}E${random.digits(2)}${random.digits(10)}`,
    url: (number: string) => `https://www.ups.com/track?tracknum=${number}`,
  },
  fedex: {
    company: "FedEx",
    transitDays: 3,
    number: (random: Random) => random.digits(12),
    url: (number: string) => `https://www.fedex.com/fedextrack/?trknbr=${number}`,
  },
  usps: {
    company: "USPS",
    transitDays: 4,
    number: (random: Random) => `9400${random.digits(18)}`,
    url: (number: string) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}`,
  },
  dhl_express: {
    company: "DHL Express",
    transitDays: 5,
    number: (random: Random) => random.digits(10),
    url: (number: string) => `https://www.dhl.com/en/express/tracking.html?AWB=${number}`,
  },
  canada_post: {
    company: "Canada Post",
    transitDays: 5,
    number: (random: Random) => random.digits(16),
    url: (number: string) => `https://www.canadapost-postescanada.ca/track-reperage/en#/details/${number}`,
  },
  local: {
    company: "Parcel Express Local",
    transitDays: 2,
    number: (random: Random) => `PX${random.digits(9)}`,
    url: () => null,
  },
} as const;

export type DemoCarrier = keyof typeof DEMO_CARRIERS;

export const DESTINATIONS = [
  { country: "US", province: "CA", postal: "941", city: "San Francisco", carriers: ["ups", "fedex", "usps"] },
  { country: "US", province: "NY", postal: "100", city: "New York", carriers: ["ups", "fedex", "usps"] },
  { country: "US", province: "TX", postal: "787", city: "Austin", carriers: ["ups", "usps", "local"] },
  { country: "US", province: "WA", postal: "981", city: "Seattle", carriers: ["fedex", "usps"] },
  { country: "CA", province: "ON", postal: "M5V", city: "Toronto", carriers: ["canada_post", "ups"] },
  { country: "CA", province: "BC", postal: "V6B", city: "Vancouver", carriers: ["canada_post"] },
  { country: "GB", province: "ENG", postal: "SW1", city: "London", carriers: ["dhl_express", "ups"] },
  { country: "DE", province: "BE", postal: "101", city: "Berlin", carriers: ["dhl_express"] },
  { country: "FR", province: "IDF", postal: "750", city: "Paris", carriers: ["dhl_express"] },
  { country: "AU", province: "NSW", postal: "200", city: "Sydney", carriers: ["dhl_express"] },
] as const satisfies ReadonlyArray<{ carriers: readonly DemoCarrier[] } & Record<string, unknown>>;

export type Destination = (typeof DESTINATIONS)[number];
