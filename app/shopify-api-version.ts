import { ApiVersion } from "@shopify/shopify-api";

// The one Admin API version Parcelwise speaks. shopify.app.toml's [webhooks] api_version must match
// (tests/config/api-version.test.ts checks it).
export const SHOPIFY_API_VERSION = ApiVersion.October25;
