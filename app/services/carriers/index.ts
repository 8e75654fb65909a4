import { canadaPostAdapter } from "./canada-post/client";
import { parseCanadaPostResponse } from "./canada-post/parse";
import type { CarrierAdapter, CarrierCode, TrackContext, TrackingResult } from "./carrier-adapter";
import type { ResponseContext } from "./common/response-context";
import { dhlAdapter } from "./dhl/client";
import { parseDhlResponse } from "./dhl/parse";
import { dhlExpressAdapter } from "./dhl-express/client";
import { parseDhlExpressResponse } from "./dhl-express/parse";
import { fedexAdapter } from "./fedex/client";
import { parseFedexResponse } from "./fedex/parse";
import { upsAdapter } from "./ups/client";
import { parseUpsResponse } from "./ups/parse";
import { uspsAdapter } from "./usps/client";
import { parseUspsResponse } from "./usps/parse";

/** The carriers' production API origins, for `TrackContext.baseUrl` (tests and the demo use the local stand-ins). */
export const CARRIER_PRODUCTION_BASE_URLS: Record<CarrierCode, string> = {
  ups: "https://onlinetools.ups.com",
  fedex: "https://apis.fedex.com",
  usps: "https://apis.usps.com",
  dhl: "https://api-eu.dhl.com",
  dhl_express: "https://xmlpi-ea.dhl.com",
  canada_post: "https://soa-gw.canadapost.ca",
};

export const carrierAdapters: Record<CarrierCode, CarrierAdapter> = {
  ups: upsAdapter,
  fedex: fedexAdapter,
  usps: uspsAdapter,
  dhl: dhlAdapter,
  dhl_express: dhlExpressAdapter,
  canada_post: canadaPostAdapter,
};

/** Tracks one number with one carrier; failures are CarrierError subclasses (see common/carrier-errors.ts). */
export function trackWithCarrier(
  carrier: CarrierCode,
  trackingNumber: string,
  context: TrackContext,
): Promise<TrackingResult> {
  return carrierAdapters[carrier].track({ trackingNumber }, context);
}

export type CarrierResponseParser = (body: string, context?: ResponseContext) => TrackingResult;

/** Each carrier's response body (as its API sends it) to the normalized result, without any HTTP. */
export const carrierResponseParsers: Record<CarrierCode, CarrierResponseParser> = {
  ups: parseUpsResponse,
  fedex: parseFedexResponse,
  usps: parseUspsResponse,
  dhl: parseDhlResponse,
  dhl_express: parseDhlExpressResponse,
  canada_post: parseCanadaPostResponse,
};
