import type { CarrierAdapter, TrackContext, TrackRequest } from "../carrier-adapter";
import { apiUrl, basicAuthorization, httpDeps, requireCredentials } from "../common/client-runtime";
import { sendWithRetries } from "../common/http";
import { parseCanadaPostResponse } from "./parse";

export const canadaPostAdapter: CarrierAdapter = {
  code: "canada_post",
  async track({ trackingNumber }: TrackRequest, context: TrackContext) {
    const { userId, password } = requireCredentials("canada_post", context.credentials, [
      "userId",
      "password",
    ]);
    const response = await sendWithRetries(
      {
        method: "GET",
        url: apiUrl(context.baseUrl, `/vis/track/pin/${encodeURIComponent(trackingNumber)}/detail`),
        headers: {
          Authorization: basicAuthorization(userId, password),
          Accept: "application/vnd.cpc.track-v2+xml",
          "Accept-Language": "en-CA",
        },
      },
      httpDeps("canada_post", context),
    );
    return parseCanadaPostResponse(response.body, { trackingNumber, httpStatus: response.status });
  },
};
