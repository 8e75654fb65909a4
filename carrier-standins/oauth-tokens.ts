import { randomBytes } from "node:crypto";

/** Access tokens one OAuth carrier stand-in issued, valid until they expire (by the stand-in's clock) or are revoked. */
export class IssuedTokens {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly lifetimeSeconds: number,
    private readonly now: () => Date,
  ) {}

  issue(): { accessToken: string; expiresInSeconds: number } {
    const accessToken = randomBytes(24).toString("base64url");
    this.expiries.set(accessToken, this.now().getTime() + this.lifetimeSeconds * 1000);
    return { accessToken, expiresInSeconds: this.lifetimeSeconds };
  }

  isValid(token: string | null): boolean {
    if (!token) return false;
    const expiresAt = this.expiries.get(token);
    return expiresAt !== undefined && expiresAt > this.now().getTime();
  }

  /** Like a carrier rotating keys: every token issued so far stops working. */
  revokeAll(): void {
    this.expiries.clear();
  }
}
