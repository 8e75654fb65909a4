import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Carrier credentials are stored encrypted (AES-256-GCM): a database dump alone does not reveal them. The key
// comes from configuration; the version prefix lets a later key rotation tell old boxes from new ones.
const VERSION = "v1";

function keyFrom(secret: string): Buffer {
  return createHash("sha256").update(secret).digest();
}

export function sealSecret(plaintext: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export class SecretBoxError extends Error {}

export function openSecret(sealed: string, secret: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined)
    throw new SecretBoxError("not a sealed secret");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new SecretBoxError("the sealed secret was altered or the key is wrong");
  }
}

// What the admin shows of a stored secret: never the secret itself.
export function maskSecret(value: string): string {
  return value.length <= 4 ? "••••" : `••••${value.slice(-4)}`;
}
