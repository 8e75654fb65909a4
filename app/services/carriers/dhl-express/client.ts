import type { CarrierAdapter, TrackContext, TrackRequest } from "../carrier-adapter";
import { apiUrl, httpDeps, requireCredentials } from "../common/client-runtime";
import { sendWithRetries } from "../common/http";
import { parseDhlExpressResponse } from "./parse";
import { knownTrackingRequestXml } from "./request";

export const dhlExpressAdapter: CarrierAdapter = {
  code: "dhl_express",
  async track({ trackingNumber }: TrackRequest, context: TrackContext) {
    // userId is DHL's SiteID.
    const { userId, password } = requireCredentials("dhl_express", context.credentials, [
      "userId",
      "password",
    ]);
    const deps = httpDeps("dhl_express", context);
    const response = await sendWithRetries(
      {
        method: "POST",
        url: apiUrl(context.baseUrl, "/XMLShippingServlet"),
        headers: { "Content-Type": "application/xml; charset=utf-8", Accept: "application/xml" },
        body: knownTrackingRequestXml({
          siteId: userId,
          password,
          awbNumber: trackingNumber,
          now: new Date(deps.now()),
        }),
      },
      deps,
    );
    return parseDhlExpressResponse(response.body, { trackingNumber, httpStatus: response.status });
  },
};
