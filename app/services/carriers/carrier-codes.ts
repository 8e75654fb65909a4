// Parcelwise carrier codes are the data's courier_code, except where Parcelwise already names a carrier
// differently (see app/models/carrier-names.ts) or where one courier file covers two services we track
// apart: DHL Express and DHL eCommerce share dhl.json but not tracking sites or transit times.
const RENAMED_COURIERS: Record<string, string> = {
  canadapost: "canada_post",
  s10: "postal",
};

export const POSTAL_CARRIER = "postal";

export function parcelwiseCarrierCode(courierCode: string, typeId: string): string {
  if (courierCode === "dhl") return typeId.startsWith("dhl_express") ? "dhl_express" : "dhl";
  return RENAMED_COURIERS[courierCode] ?? courierCode;
}
