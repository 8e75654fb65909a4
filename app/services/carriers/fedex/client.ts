import type { CarrierAdapter, TrackContext, TrackRequest } from "../carrier-adapter";
import { sendWithBearerToken } from "../common/bearer-request";
import { requestClientCredentialsToken } from "../common/client-credentials-token";
import { apiUrl, httpDeps, requireCredentials } from "../common/client-runtime";
import { sendWithRetries } from "../common/http";
import { OAuthTokenCache, tokenCacheKey } from "../common/oauth-token-cache";
import { parseFedexResponse } from "./parse";

export function createFedexAdapter(tokens = new OAuthTokenCache()): CarrierAdapter {
  return {
    code: "fedex",
    async track({ trackingNumber }: TrackRequest, context: TrackContext) {
      const { clientId, clientSecret } = requireCredentials("fedex", context.credentials, [
        "clientId",
        "clientSecret",
      ]);
      const deps = httpDeps("fedex", context);
      const response = await sendWithBearerToken({
        tokens,
        cacheKey: tokenCacheKey(context.baseUrl, clientId, clientSecret),
        nowMs: deps.now(),
        issueToken: () =>
          requestClientCredentialsToken(
            {
              method: "POST",
              url: apiUrl(context.baseUrl, "/oauth/token"),
              headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
              body: new URLSearchParams({
                grant_type: "client_credentials",
                client_id: clientId,
                client_secret: clientSecret,
              }).toString(),
            },
            deps,
          ),
        send: (accessToken) =>
          sendWithRetries(
            {
              method: "POST",
              url: apiUrl(context.baseUrl, "/track/v1/trackingnumbers"),
              headers: {
                Authorization: `Bearer ${accessToken}`,
                "Content-Type": "application/json",
                Accept: "application/json",
                "X-locale": "en_US",
              },
              body: JSON.stringify({
                includeDetailedScans: true,
                trackingInfo: [{ trackingNumberInfo: { trackingNumber } }],
              }),
            },
            deps,
          ),
      });
      return parseFedexResponse(response.body, { trackingNumber, httpStatus: response.status });
    },
  };
}

export const fedexAdapter = createFedexAdapter();
