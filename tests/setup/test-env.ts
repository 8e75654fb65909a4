// Environment every integration test runs with: the app's config validates it at import time.
export const TEST_ENV = {
  NODE_ENV: "test",
  SHOPIFY_APP_URL: "http://127.0.0.1:3999",
  SHOPIFY_API_KEY: "test-api-key",
  SHOPIFY_API_SECRET: "test-api-secret",
  CUSTOMER_HASH_KEY: "test-customer-hash-key-0123456789abcdef",
  CREDENTIALS_ENCRYPTION_KEY: "test-credentials-encryption-key-0123456789",
  PARCELWISE_DEMO: "0",
} as const;

export type DatabaseTemplate = { provider: "sqlite"; file: string } | { provider: "postgresql"; url: string };

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}

export const POSTGRES_ADMIN_URL = process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function postgresUrlFor(database: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
