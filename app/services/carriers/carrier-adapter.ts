import type { ShipmentStatus } from "../../models/shipment-status";
import type { SubstatusCode } from "../../models/tracking-taxonomy";
import type { HttpPolicy } from "./common/http";

export const CARRIER_CODES = ["ups", "fedex", "usps", "dhl", "dhl_express", "canada_post"] as const;
export type CarrierCode = (typeof CARRIER_CODES)[number];

export function isCarrierCode(value: string): value is CarrierCode {
  return (CARRIER_CODES as readonly string[]).includes(value);
}

/**
 * A shop's own account with a carrier. OAuth carriers (UPS, FedEx, USPS) use clientId/clientSecret; DHL
 * (Unified) uses apiKey; DHL Express (SiteID) and Canada Post use userId/password.
 */
export interface CarrierCredentials {
  clientId?: string;
  clientSecret?: string;
  userId?: string;
  password?: string;
  apiKey?: string;
  accountNumber?: string;
}

export interface TrackRequest {
  trackingNumber: string;
}

export interface TrackContext {
  credentials: CarrierCredentials;
  /** The carrier's API origin (production, sandbox or a local stand-in), without a trailing slash. */
  baseUrl: string;
  fetch?: typeof fetch;
  now?: Date;
  /** Timeout, retries and backoff; the defaults suit production, tests shorten them. */
  http?: Partial<HttpPolicy>;
}

export interface EventLocation {
  city: string | null;
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2 when the carrier gives or implies one. */
  country: string | null;
}

export interface NormalizedEvent {
  status: ShipmentStatus;
  substatus: SubstatusCode;
  occurredAt: Date;
  /** The scan's own UTC offset, only when the carrier states it. */
  utcOffsetMinutes: number | null;
  location: EventLocation;
  description: string | null;
  rawCode: string | null;
  rawText: string | null;
  /** The same carrier event always gets the same key, across polls. */
  dedupeKey: string;
}

export interface HandOff {
  /** One of CarrierCode when the partner is a carrier Parcelwise tracks, otherwise the carrier's own name for it. */
  carrier: string;
  trackingNumber: string;
}

export interface TrackingResult {
  status: ShipmentStatus;
  substatus: SubstatusCode;
  estimatedDeliveryAt: Date | null;
  deliveredAt: Date | null;
  /** Oldest first. */
  events: NormalizedEvent[];
  handOff?: HandOff | null;
}

export interface CarrierAdapter {
  code: CarrierCode;
  track(request: TrackRequest, context: TrackContext): Promise<TrackingResult>;
}
