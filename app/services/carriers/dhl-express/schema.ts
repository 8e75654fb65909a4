import { z } from "zod";
import { optionalText, xmlList } from "../common/validation";

const condition = z.object({ ConditionCode: optionalText, ConditionData: optionalText });
const actionStatus = z.object({ ActionStatus: z.string(), Condition: xmlList(condition) });
export type DhlExpressActionStatus = z.infer<typeof actionStatus>;

const serviceArea = z.object({ ServiceAreaCode: optionalText, Description: optionalText });

const shipmentEvent = z.object({
  Date: z.string(),
  Time: z.string(),
  ServiceEvent: z.object({ EventCode: z.string(), Description: optionalText }),
  Signatory: optionalText,
  ServiceArea: serviceArea.optional(),
});
export type DhlExpressShipmentEvent = z.infer<typeof shipmentEvent>;

const awbInfo = z.object({
  AWBNumber: z.string(),
  Status: actionStatus,
  ShipmentInfo: z
    .object({
      EstDlvyDate: optionalText,
      EstDlvyDateUTC: optionalText,
      Consignee: z
        .object({ City: optionalText, DivisionCode: optionalText, CountryCode: optionalText })
        .optional(),
      ShipmentEvent: xmlList(shipmentEvent),
    })
    .optional(),
});
export type DhlExpressAwbInfo = z.infer<typeof awbInfo>;

export const dhlExpressTrackingResponseSchema = z.object({
  TrackingResponse: z.object({ AWBInfo: xmlList(awbInfo) }),
});

export const dhlExpressErrorResponseSchema = z.object({
  ShipmentTrackingErrorResponse: z.object({ Response: z.object({ Status: actionStatus }) }),
});
