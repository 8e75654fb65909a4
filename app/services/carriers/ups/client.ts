import { randomUUID } from "node:crypto";
import type { CarrierAdapter, TrackContext, TrackRequest } from "../carrier-adapter";
import { sendWithBearerToken } from "../common/bearer-request";
import { requestClientCredentialsToken } from "../common/client-credentials-token";
import { apiUrl, basicAuthorization, httpDeps, requireCredentials } from "../common/client-runtime";
import { sendWithRetries } from "../common/http";
import { OAuthTokenCache, tokenCacheKey } from "../common/oauth-token-cache";
import { parseUpsResponse } from "./parse";

// Identifies Parcelwise to UPS in every request (the API requires a transaction source).
const TRANSACTION_SOURCE = "parcelwise";

export function createUpsAdapter(tokens = new OAuthTokenCache()): CarrierAdapter {
  return {
    code: "ups",
    async track({ trackingNumber }: TrackRequest, context: TrackContext) {
      const { clientId, clientSecret } = requireCredentials("ups", context.credentials, [
        "clientId",
        "clientSecret",
      ]);
      const deps = httpDeps("ups", context);
      const merchantId = context.credentials.accountNumber;
      const response = await sendWithBearerToken({
        tokens,
        cacheKey: tokenCacheKey(context.baseUrl, clientId, clientSecret),
        nowMs: deps.now(),
        // Client secret basic auth, as UPS's OpenAPI declares for its client-credentials flow.
        issueToken: () =>
          requestClientCredentialsToken(
            {
              method: "POST",
              url: apiUrl(context.baseUrl, "/security/v1/oauth/token"),
              headers: {
                Authorization: basicAuthorization(clientId, clientSecret),
                "Content-Type": "application/x-www-form-urlencoded",
                Accept: "application/json",
                ...(merchantId ? { "x-merchant-id": merchantId } : {}),
              },
              body: new URLSearchParams({ grant_type: "client_credentials" }).toString(),
            },
            deps,
          ),
        send: (accessToken) =>
          sendWithRetries(
            {
              method: "GET",
              url: apiUrl(
                context.baseUrl,
                `/api/track/v1/details/${encodeURIComponent(trackingNumber)}?locale=en_US&returnSignature=false`,
              ),
              headers: {
                Authorization: `Bearer ${accessToken}`,
                Accept: "application/json",
                transId: randomUUID().replaceAll("-", ""),
                transactionSrc: TRANSACTION_SOURCE,
              },
            },
            deps,
          ),
      });
      return parseUpsResponse(response.body, { trackingNumber, httpStatus: response.status });
    },
  };
}

export const upsAdapter = createUpsAdapter();
