import { createHash } from "node:crypto";

export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

interface CachedToken {
  accessToken: string;
  expiresAtMs: number;
}

// Refresh a little before the carrier's own expiry so a request never leaves with a token that dies in flight.
const EARLY_REFRESH_MS = 60_000;

/**
 * OAuth client-credentials tokens, one per (API origin, client id, client secret). Concurrent requests for the
 * same credentials share one token request.
 */
export class OAuthTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  async get(key: string, issue: () => Promise<IssuedToken>, nowMs: number): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAtMs > nowMs) return cached.accessToken;
    let request = this.pending.get(key);
    if (!request) {
      request = issue()
        .then(({ accessToken, expiresInSeconds }) => {
          const lifetimeMs = expiresInSeconds * 1000;
          const token = {
            accessToken,
            expiresAtMs: nowMs + Math.max(lifetimeMs / 2, lifetimeMs - EARLY_REFRESH_MS),
          };
          this.tokens.set(key, token);
          return token;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, request);
    }
    return (await request).accessToken;
  }

  /** Forgets a token the carrier refused, unless another request already replaced it. */
  invalidate(key: string, accessToken: string): void {
    if (this.tokens.get(key)?.accessToken === accessToken) this.tokens.delete(key);
  }

  clear(): void {
    this.tokens.clear();
  }
}

/** The secret is hashed so the cache never holds it as a readable key. */
export function tokenCacheKey(baseUrl: string, clientId: string, clientSecret: string): string {
  const secretDigest = createHash("sha256").update(clientSecret).digest("hex").slice(0, 16);
  return `${baseUrl}|${clientId}|${secretDigest}`;
}
