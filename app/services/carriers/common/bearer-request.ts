import type { HttpResponse } from "./http";
import type { OAuthTokenCache, IssuedToken } from "./oauth-token-cache";

export interface BearerRequestOptions {
  tokens: OAuthTokenCache;
  cacheKey: string;
  issueToken: () => Promise<IssuedToken>;
  send: (accessToken: string) => Promise<HttpResponse>;
  nowMs: number;
}

/**
 * Sends with a cached token; a 401 means the carrier revoked or expired it early, so the token is fetched again
 * once. A second 401 is returned as is: the credentials themselves are wrong.
 */
export async function sendWithBearerToken(options: BearerRequestOptions): Promise<HttpResponse> {
  const { tokens, cacheKey, issueToken, send, nowMs } = options;
  const token = await tokens.get(cacheKey, issueToken, nowMs);
  const response = await send(token);
  if (response.status !== 401) return response;
  tokens.invalidate(cacheKey, token);
  return send(await tokens.get(cacheKey, issueToken, nowMs));
}
