import { z } from "zod";

const address = z
  .object({
    city: z.string(),
    stateOrProvinceCode: z.string(),
    postalCode: z.string(),
    countryCode: z.string(),
  })
  .partial();
export type FedexAddress = z.infer<typeof address>;

const scanEvent = z.object({
  date: z.string(),
  eventType: z.string().optional(),
  eventDescription: z.string().optional(),
  derivedStatusCode: z.string().optional(),
  exceptionCode: z.string().optional(),
  exceptionDescription: z.string().optional(),
  scanLocation: address.optional(),
});
export type FedexScanEvent = z.infer<typeof scanEvent>;

const timeWindow = z
  .object({ window: z.object({ begins: z.string(), ends: z.string() }).partial() })
  .partial();

const trackResult = z.object({
  trackingNumberInfo: z.object({ trackingNumber: z.string(), carrierCode: z.string() }).partial().optional(),
  additionalTrackingInfo: z
    .object({ packageIdentifiers: z.array(z.object({ type: z.string(), value: z.string() }).partial()) })
    .partial()
    .optional(),
  latestStatusDetail: z
    .object({ code: z.string(), derivedCode: z.string(), description: z.string(), scanLocation: address })
    .partial()
    .optional(),
  scanEvents: z.array(scanEvent).default([]),
  dateAndTimes: z.array(z.object({ type: z.string(), dateTime: z.string() }).partial()).default([]),
  estimatedDeliveryTimeWindow: timeWindow.optional(),
  destinationLocation: z
    .object({ locationContactAndAddress: z.object({ address }).partial() })
    .partial()
    .optional(),
  recipientInformation: z.object({ address }).partial().optional(),
  error: z.object({ code: z.string(), message: z.string().default("") }).optional(),
});
export type FedexTrackResult = z.infer<typeof trackResult>;

export const fedexTrackResponseSchema = z.object({
  output: z.object({
    completeTrackResults: z
      .array(z.object({ trackingNumber: z.string().optional(), trackResults: z.array(trackResult).min(1) }))
      .min(1),
  }),
});

export const fedexErrorResponseSchema = z.object({
  errors: z.array(z.object({ code: z.string(), message: z.string().default("") })).min(1),
});

/** The signature proof-of-delivery endpoint's answer: a document, no tracking data. */
export const fedexDocumentResponseSchema = z.object({
  output: z.object({ documents: z.array(z.string()), documentType: z.string().optional() }),
});
