import { z } from "zod";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "../prisma/database-url";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export const DEMO_SHOP = "parcelwise-demo.myshopify.com";

// Demo credentials are public knowledge by design; demo mode refuses to start anywhere but on loopback.
const DEMO_DEFAULTS = {
  SHOPIFY_API_KEY: "parcelwise-demo-api-key",
  SHOPIFY_API_SECRET: "parcelwise-demo-api-secret",
  CUSTOMER_HASH_KEY: "parcelwise-demo-customer-hash-key-0123456789",
  CREDENTIALS_ENCRYPTION_KEY: "parcelwise-demo-credentials-key-0123456789",
} as const;

const jsonObject = z
  .string()
  .optional()
  .transform((value, context) => {
    if (!value) return {};
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      // reported below
    }
    context.addIssue({ code: z.ZodIssueCode.custom, message: "must be a JSON object" });
    return z.NEVER;
  });

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  SHOPIFY_APP_URL: z.string().url(),
  SHOPIFY_API_KEY: z.string().min(1),
  SHOPIFY_API_SECRET: z.string().min(1),
  SCOPES: z.string().optional(),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  CUSTOMER_HASH_KEY: z.string().min(32, "CUSTOMER_HASH_KEY must be at least 32 characters"),
  CREDENTIALS_ENCRYPTION_KEY: z.string().min(32, "CREDENTIALS_ENCRYPTION_KEY must be at least 32 characters"),
  // Parcelwise's own carrier accounts, used for shops that did not connect theirs: {"ups": {"clientId": …}}.
  CARRIER_DEFAULT_CREDENTIALS: jsonObject,
  // Carrier API origins by carrier code (sandbox, or the local stand-ins in demo and tests).
  CARRIER_BASE_URLS: jsonObject,
  // Requests per second per carrier for this process, e.g. {"ups": 5} when two workers share UPS's 10/s.
  CARRIER_RATE_LIMITS: jsonObject,
  // Storefront tracking lookups (and help requests) allowed per shopper IP and per shop, per minute, per process.
  TRACKING_LOOKUPS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  TRACKING_LOOKUPS_PER_SHOP_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  // Base of the Admin API for clients outside a request (jobs, demo): the local stand-in in tests and demo.
  SHOPIFY_ADMIN_API_ORIGIN: z.string().url().optional(),
  PARCELWISE_DEMO: flag,
  PARCELWISE_DEMO_SHOP: z.string().default(DEMO_SHOP),
  PARCELWISE_DEMO_STOREFRONT_URL: z.string().url().optional(),
  PARCELWISE_DEMO_ADMIN_ACCESS_TOKEN: z.string().default("shpat_parcelwise_demo"),
});

export type AppConfig = ReturnType<typeof parseConfig>;

export class ConfigError extends Error {}

export function parseConfig(environment: Record<string, string | undefined>) {
  const demo = flag.parse(environment.PARCELWISE_DEMO);
  const withDemoDefaults = demo ? { ...DEMO_DEFAULTS, ...definedOnly(environment) } : environment;
  const parsed = environmentSchema.safeParse(withDemoDefaults);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const config = parsed.data;
  if (config.PARCELWISE_DEMO) assertDemoIsLocal(config.SHOPIFY_APP_URL);
  return { ...config, database: parseDatabaseUrl(config.DATABASE_URL) };
}

// The guard that keeps production from ever bypassing Shopify auth: demo mode serves the admin without a
// Shopify session, so it may only run on a loopback URL.
function assertDemoIsLocal(appUrl: string): void {
  const host = new URL(appUrl).hostname;
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new ConfigError(
      `PARCELWISE_DEMO=1 bypasses Shopify authentication and is only allowed on a loopback SHOPIFY_APP_URL (got ${host}).`,
    );
  }
}

function definedOnly(environment: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "",
    ),
  );
}

let cached: AppConfig | undefined;

export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
