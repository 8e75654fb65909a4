import { createHmac, randomUUID } from "node:crypto";

// An App Bridge session token (ID token) as Shopify signs it: HS256 JWT with the app's secret, audience = API key.
export function sessionToken({
  shop,
  apiKey,
  apiSecret,
  userId = "42",
  lifetimeSeconds = 60,
}: {
  shop: string;
  apiKey: string;
  apiSecret: string;
  userId?: string;
  lifetimeSeconds?: number;
}): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const header = encode({ alg: "HS256", typ: "JWT" });
  const payload = encode({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: apiKey,
    sub: userId,
    exp: now + lifetimeSeconds,
    nbf: now - 5,
    iat: now - 5,
    jti: randomUUID(),
    sid: randomUUID(),
  });
  const signature = createHmac("sha256", apiSecret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}
