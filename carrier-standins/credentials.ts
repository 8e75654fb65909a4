import type { CarrierCredentials } from "../app/services/carriers/carrier-adapter";
import type { CarrierCode } from "./standin-types";

/** What each carrier stand-in accepts unless told otherwise (DHL Express passwords need 8+ characters). */
export const DEFAULT_STANDIN_CREDENTIALS: Record<CarrierCode, CarrierCredentials> = {
  ups: { clientId: "standin-ups-client", clientSecret: "standin-ups-secret", accountNumber: "A1B2C3" },
  fedex: { clientId: "standin-fedex-client", clientSecret: "standin-fedex-secret" },
  usps: { clientId: "standin-usps-client", clientSecret: "standin-usps-secret" },
  dhl: { apiKey: "standin-dhl-api-key" },
  dhl_express: { userId: "standinsite", password: "standin-password" },
  canada_post: { userId: "standin-cp-user", password: "standin-cp-password" },
};

export function credentialsMatch(expected: CarrierCredentials, given: CarrierCredentials): boolean {
  return (Object.keys(expected) as Array<keyof CarrierCredentials>)
    .filter((field) => field !== "accountNumber")
    .every((field) => expected[field] === given[field]);
}

/** `Authorization: Basic …` to user and password; null when absent or not Basic. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const match = header?.match(/^Basic\s+(.+)$/i);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function bearerToken(header: string | undefined): string | null {
  return header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? null;
}
