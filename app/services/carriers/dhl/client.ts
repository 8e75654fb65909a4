import type { CarrierAdapter, TrackContext, TrackRequest } from "../carrier-adapter";
import { apiUrl, httpDeps, requireCredentials } from "../common/client-runtime";
import { sendWithRetries } from "../common/http";
import { parseDhlResponse } from "./parse";

export const dhlAdapter: CarrierAdapter = {
  code: "dhl",
  async track({ trackingNumber }: TrackRequest, context: TrackContext) {
    const { apiKey } = requireCredentials("dhl", context.credentials, ["apiKey"]);
    const query = new URLSearchParams({ trackingNumber, language: "en" });
    const response = await sendWithRetries(
      {
        method: "GET",
        url: apiUrl(context.baseUrl, `/track/shipments?${query.toString()}`),
        headers: { "DHL-API-Key": apiKey, Accept: "application/json" },
      },
      httpDeps("dhl", context),
    );
    return parseDhlResponse(response.body, { trackingNumber, httpStatus: response.status });
  },
};
