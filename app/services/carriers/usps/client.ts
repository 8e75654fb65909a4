import type { CarrierAdapter, TrackContext, TrackRequest } from "../carrier-adapter";
import { sendWithBearerToken } from "../common/bearer-request";
import { requestClientCredentialsToken } from "../common/client-credentials-token";
import { apiUrl, httpDeps, requireCredentials } from "../common/client-runtime";
import { sendWithRetries } from "../common/http";
import { OAuthTokenCache, tokenCacheKey } from "../common/oauth-token-cache";
import { parseUspsResponse } from "./parse";

export function createUspsAdapter(tokens = new OAuthTokenCache()): CarrierAdapter {
  return {
    code: "usps",
    async track({ trackingNumber }: TrackRequest, context: TrackContext) {
      const { clientId, clientSecret } = requireCredentials("usps", context.credentials, [
        "clientId",
        "clientSecret",
      ]);
      const deps = httpDeps("usps", context);
      const response = await sendWithBearerToken({
        tokens,
        cacheKey: tokenCacheKey(context.baseUrl, clientId, clientSecret),
        nowMs: deps.now(),
        // USPS takes the client credentials as a JSON body (developers.usps.com, OAuth 2.0 v3).
        issueToken: () =>
          requestClientCredentialsToken(
            {
              method: "POST",
              url: apiUrl(context.baseUrl, "/oauth2/v3/token"),
              headers: { "Content-Type": "application/json", Accept: "application/json" },
              body: JSON.stringify({
                client_id: clientId,
                client_secret: clientSecret,
                grant_type: "client_credentials",
              }),
            },
            deps,
          ),
        send: (accessToken) =>
          sendWithRetries(
            {
              method: "GET",
              url: apiUrl(
                context.baseUrl,
                `/tracking/v3/tracking/${encodeURIComponent(trackingNumber)}?expand=DETAIL`,
              ),
              headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" },
            },
            deps,
          ),
      });
      return parseUspsResponse(response.body, { trackingNumber, httpStatus: response.status });
    },
  };
}

export const uspsAdapter = createUspsAdapter();
