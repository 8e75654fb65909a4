import { z } from "zod";
import { optionalText, xmlList } from "../common/validation";

const occurrence = z.object({
  "event-identifier": z.string(),
  "event-date": z.string(),
  "event-time": z.string(),
  "event-time-zone": optionalText,
  "event-description": optionalText,
  "signatory-name": optionalText,
  "event-site": optionalText,
  "event-province": optionalText,
});
export type CanadaPostOccurrence = z.infer<typeof occurrence>;

export const canadaPostTrackingDetailSchema = z.object({
  "tracking-detail": z.object({
    pin: z.string(),
    "expected-delivery-date": optionalText,
    "changed-expected-date": optionalText,
    "destination-postal-id": optionalText,
    // An empty <significant-events/> parses as "".
    "significant-events": z.preprocess(
      (value) => (value === "" || value === undefined ? { occurrence: [] } : value),
      z.object({ occurrence: xmlList(occurrence) }),
    ),
  }),
});
export type CanadaPostTrackingDetail = z.infer<typeof canadaPostTrackingDetailSchema>["tracking-detail"];

export const canadaPostMessagesSchema = z.object({
  messages: z.object({
    message: xmlList(z.object({ code: z.string(), description: optionalText })).pipe(
      z.array(z.object({ code: z.string(), description: z.string().nullable() })).min(1),
    ),
  }),
});
