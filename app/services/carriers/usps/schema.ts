import { z } from "zod";

const nullableText = z.string().nullish();

const trackingEvent = z.object({
  eventType: nullableText,
  eventTimestamp: nullableText,
  GMTTimestamp: nullableText,
  GMTOffset: nullableText,
  eventCountry: nullableText,
  eventCity: nullableText,
  eventState: nullableText,
  eventZIP: nullableText,
  eventCode: nullableText,
});
export type UspsTrackingEvent = z.infer<typeof trackingEvent>;

export const uspsTrackingResponseSchema = z.object({
  trackingNumber: z.string(),
  status: nullableText,
  statusCategory: nullableText,
  destinationCity: nullableText,
  destinationState: nullableText,
  destinationZIP: nullableText,
  expectedDeliveryTimeStamp: nullableText,
  expectedDeliveryDate: nullableText,
  trackingEvents: z.array(trackingEvent).default([]),
});
export type UspsTrackingResponse = z.infer<typeof uspsTrackingResponseSchema>;

/** USPS v3 API errors: `{ apiVersion, error: { code, message, errors[] } }`. */
export const uspsApiErrorSchema = z.object({
  error: z.object({
    code: z.union([z.string(), z.number()]).transform(String),
    message: z.string().default(""),
  }),
});

/** The OAuth server's errors: `{ error: "invalid_client", error_description }`. */
export const uspsOAuthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().default(""),
});
