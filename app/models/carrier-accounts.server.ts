import { z } from "zod";
import { config } from "../config.server";
import prisma from "../db.server";
import type { CarrierCode, CarrierCredentials } from "../services/carriers/carrier-adapter";
import { maskSecret, openSecret, sealSecret } from "../services/secret-box.server";

// The carriers' production API origins; CARRIER_BASE_URLS overrides them (sandboxes, local stand-ins).
export const OFFICIAL_BASE_URLS: Record<CarrierCode, string> = {
  ups: "https://onlinetools.ups.com",
  fedex: "https://apis.fedex.com",
  usps: "https://apis.usps.com",
  dhl: "https://api-eu.dhl.com",
  dhl_express: "https://xmlpi-ea.dhl.com",
  canada_post: "https://soa-gw.canadapost.ca",
};

export const credentialsSchema = z
  .object({
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
    userId: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    apiKey: z.string().min(1).optional(),
    accountNumber: z.string().min(1).optional(),
  })
  .strict();

// What each carrier's API needs to authenticate, so a form can say what is missing before anything is stored.
export const REQUIRED_CREDENTIALS: Record<CarrierCode, Array<keyof CarrierCredentials>> = {
  ups: ["clientId", "clientSecret"],
  fedex: ["clientId", "clientSecret"],
  usps: ["clientId", "clientSecret"],
  dhl: ["apiKey"],
  dhl_express: ["userId", "password"],
  canada_post: ["userId", "password"],
};

export class CarrierCredentialsError extends Error {}

export function validateCredentials(carrier: CarrierCode, input: unknown): CarrierCredentials {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success)
    throw new CarrierCredentialsError(parsed.error.issues.map((issue) => issue.message).join("; "));
  const missing = REQUIRED_CREDENTIALS[carrier].filter((field) => !parsed.data[field]);
  if (missing.length) throw new CarrierCredentialsError(`${carrier} needs ${missing.join(" and ")}`);
  return parsed.data;
}

export async function saveCarrierAccount({
  shop,
  carrier,
  credentials,
  verifiedAt = null,
}: {
  shop: string;
  carrier: CarrierCode;
  credentials: CarrierCredentials;
  // When the carrier last accepted them (carrier-account-check.server.ts).
  verifiedAt?: Date | null;
}) {
  const valid = validateCredentials(carrier, credentials);
  const secret = valid.clientSecret ?? valid.password ?? valid.apiKey ?? "";
  const data = {
    credentials: sealSecret(JSON.stringify(valid), config().CREDENTIALS_ENCRYPTION_KEY),
    credentialHint: maskSecret(secret),
    status: "active",
    lastError: null,
    verifiedAt,
  };
  forgetConnection(shop, carrier);
  return prisma.carrierAccount.upsert({
    where: { shop_carrier: { shop, carrier } },
    create: { shop, carrier, ...data },
    update: data,
    select: { carrier: true, credentialHint: true, status: true, updatedAt: true },
  });
}

export async function listCarrierAccounts({ shop }: { shop: string }) {
  return prisma.carrierAccount.findMany({
    where: { shop },
    orderBy: { carrier: "asc" },
    select: { carrier: true, credentialHint: true, status: true, lastError: true, verifiedAt: true },
  });
}

export type CarrierConnection = {
  credentials: CarrierCredentials;
  baseUrl: string;
  source: "shop" | "default";
};

// Every poll needs the shop's connection; a minute's cache spares a query and a decryption per poll. Changes
// made in this process clear it at once; other workers see them within the minute.
const CONNECTION_TTL_MS = 60_000;
const connectionCache = new Map<string, { expiresAt: number; connection: CarrierConnection | null }>();

function forgetConnection(shop: string, carrier: string) {
  connectionCache.delete(`${shop}|${carrier}`);
}

// The shop's own account when it connected one, otherwise Parcelwise's; null when neither exists (the
// shipment then keeps Shopify's events and the carrier's tracking link).
export async function carrierConnection({
  shop,
  carrier,
}: {
  shop: string;
  carrier: CarrierCode;
}): Promise<CarrierConnection | null> {
  const key = `${shop}|${carrier}`;
  const cached = connectionCache.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.connection;
  const connection = await loadConnection(shop, carrier);
  connectionCache.set(key, { expiresAt: Date.now() + CONNECTION_TTL_MS, connection });
  return connection;
}

export function carrierBaseUrl(carrier: CarrierCode): string {
  return String(config().CARRIER_BASE_URLS[carrier] ?? OFFICIAL_BASE_URLS[carrier]).replace(/\/$/, "");
}

async function loadConnection(shop: string, carrier: CarrierCode): Promise<CarrierConnection | null> {
  const appConfig = config();
  const baseUrl = carrierBaseUrl(carrier);
  const account = await prisma.carrierAccount.findUnique({
    where: { shop_carrier: { shop, carrier } },
    select: { credentials: true, status: true },
  });
  if (account?.status === "active") {
    const credentials = credentialsSchema.parse(
      JSON.parse(openSecret(account.credentials, appConfig.CREDENTIALS_ENCRYPTION_KEY)),
    );
    return { credentials, baseUrl, source: "shop" };
  }
  const fallback = credentialsSchema.safeParse(appConfig.CARRIER_DEFAULT_CREDENTIALS[carrier]);
  if (fallback.success && Object.keys(fallback.data).length)
    return { credentials: fallback.data, baseUrl, source: "default" };
  return null;
}

export async function markCarrierAccountInvalid({
  shop,
  carrier,
  reason,
}: {
  shop: string;
  carrier: CarrierCode;
  reason: string;
}) {
  await prisma.carrierAccount.updateMany({
    where: { shop, carrier },
    data: { status: "invalid", lastError: reason.slice(0, 500) },
  });
}
