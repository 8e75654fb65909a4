import { z } from "zod";

const address = z
  .object({
    city: z.string(),
    stateProvince: z.string(),
    postalCode: z.string(),
    countryCode: z.string(),
    country: z.string(),
  })
  .partial();

const status = z
  .object({
    type: z.string(),
    code: z.string(),
    description: z.string(),
    simplifiedTextDescription: z.string(),
    statusCode: z.string(),
  })
  .partial();

const activity = z.object({
  date: z.string().regex(/^\d{8}$/, "expected YYYYMMDD"),
  time: z.string().regex(/^\d{1,6}$/, "expected HHMMSS"),
  gmtDate: z.string().optional(),
  gmtTime: z.string().optional(),
  gmtOffset: z.string().optional(),
  location: z.object({ address: address.optional() }).optional(),
  status: status.optional(),
});
export type UpsActivity = z.infer<typeof activity>;

const upsPackage = z.object({
  trackingNumber: z.string().optional(),
  activity: z.array(activity).default([]),
  currentStatus: status.optional(),
  deliveryDate: z.array(z.object({ date: z.string(), type: z.string() }).partial()).default([]),
  deliveryTime: z
    .object({ startTime: z.string(), endTime: z.string(), type: z.string() })
    .partial()
    .optional(),
  alternateTrackingNumber: z.array(z.object({ number: z.string(), type: z.string() }).partial()).default([]),
  packageAddress: z.array(z.object({ type: z.string(), address }).partial()).default([]),
});
export type UpsPackage = z.infer<typeof upsPackage>;

const warning = z.object({ code: z.string(), message: z.string() }).partial();

export const upsTrackResponseSchema = z.object({
  trackResponse: z.object({
    shipment: z
      .array(
        z.object({
          inquiryNumber: z.string().optional(),
          package: z.array(upsPackage).default([]),
          warnings: z.array(warning).default([]),
        }),
      )
      .min(1),
  }),
});

export const upsErrorResponseSchema = z.object({
  response: z.object({
    errors: z.array(z.object({ code: z.string(), message: z.string() })).min(1),
  }),
});
