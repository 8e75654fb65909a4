import type { CarrierCode, CarrierCredentials, TrackContext } from "../carrier-adapter";
import { CarrierAuthError } from "./carrier-errors";
import { DEFAULT_HTTP_POLICY, type HttpDeps } from "./http";

export function httpDeps(carrier: CarrierCode, context: TrackContext): HttpDeps {
  return {
    carrier,
    fetch: context.fetch ?? globalThis.fetch,
    policy: { ...DEFAULT_HTTP_POLICY, ...context.http },
    now: () => context.now?.getTime() ?? Date.now(),
  };
}

export function apiUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}

type CredentialField = keyof CarrierCredentials;

/** Missing credentials are an auth failure too: nothing will work until the merchant adds them. */
export function requireCredentials<Field extends CredentialField>(
  carrier: CarrierCode,
  credentials: CarrierCredentials,
  fields: readonly Field[],
): Record<Field, string> {
  const missing = fields.filter((field) => !credentials[field]?.trim());
  if (missing.length > 0) {
    throw new CarrierAuthError(carrier, `${carrier} credentials are missing ${missing.join(", ")}`);
  }
  return Object.fromEntries(fields.map((field) => [field, credentials[field]?.trim() ?? ""])) as Record<
    Field,
    string
  >;
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}
