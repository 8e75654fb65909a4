import { z } from "zod";
import { oneOrMany } from "../common/validation";

const place = z
  .object({
    address: z
      .object({
        addressLocality: z.string(),
        addressRegion: z.string(),
        postalCode: z.string(),
        countryCode: z.string(),
      })
      .partial(),
  })
  .partial();
export type DhlPlace = z.infer<typeof place>;

const status = z.object({
  timestamp: z.string(),
  location: place.optional(),
  statusCode: z.string(),
  status: z.string().optional(),
  description: z.string().optional(),
  remark: z.string().optional(),
});
export type DhlStatus = z.infer<typeof status>;

const shipment = z.object({
  // Numbers for some services (7777777770), strings for others.
  id: z.union([z.string(), z.number()]),
  service: z.string().optional(),
  destination: place.optional(),
  status: status.optional(),
  estimatedTimeOfDelivery: z.string().optional(),
  estimatedDeliveryTimeFrame: z
    .object({ estimatedFrom: z.string(), estimatedThrough: z.string() })
    .partial()
    .optional(),
  details: z
    .object({
      proofOfDelivery: z.object({ timestamp: z.string() }).partial(),
      provider: z.object({ destinationProvider: z.string() }).partial(),
      // A list in the API's schema, a single object in its own example.
      references: oneOrMany(z.object({ number: z.string(), type: z.string() }).partial()),
    })
    .partial()
    .optional(),
  events: z.array(status).default([]),
});
export type DhlShipment = z.infer<typeof shipment>;

export const dhlTrackingResponseSchema = z.object({ shipments: z.array(shipment) });

/** RFC 7807 problem details, as every Unified API error is answered. */
export const dhlProblemSchema = z.object({
  status: z.union([z.number().int(), z.string().regex(/^\d{3}$/)]).transform(String),
  title: z.string(),
  detail: z.string().default(""),
});
