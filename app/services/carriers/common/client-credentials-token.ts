import { z } from "zod";
import { carrierError, errorKindForHttpStatus, CarrierAuthError } from "./carrier-errors";
import { sendWithRetries, type HttpDeps, type HttpRequest } from "./http";
import type { IssuedToken } from "./oauth-token-cache";
import { parseJson, validate } from "./validation";

// UPS and USPS send expires_in as a string ("14399"), FedEx as a number.
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
});

/** Fetches an OAuth client-credentials token; a refusal is an auth failure, never retried. */
export async function requestClientCredentialsToken(
  request: HttpRequest,
  deps: HttpDeps,
): Promise<IssuedToken> {
  const response = await sendWithRetries(request, deps);
  if (response.status >= 200 && response.status < 300) {
    const token = validate(deps.carrier, tokenResponseSchema, parseJson(deps.carrier, response.body));
    return { accessToken: token.access_token, expiresInSeconds: token.expires_in };
  }
  const message = `${deps.carrier} refused the OAuth token request (${response.status})`;
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    throw new CarrierAuthError(deps.carrier, message);
  }
  throw carrierError(
    errorKindForHttpStatus(response.status) ?? "carrier_down",
    deps.carrier,
    message,
    response.status,
  );
}
