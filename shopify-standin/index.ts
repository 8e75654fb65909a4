// The stand-in's public surface for the demo, tests and benchmarks.
export {
  createShopifyStandin,
  DEFAULT_ADMIN_API_LIMITS,
  DEFAULT_APP_PROXY,
  type SampleWebhookRequest,
  type ShopifyStandin,
  type ShopifyStandinOptions,
  type SignProxyQueryRequest,
} from "./standin-server";
export type { AdminApiLimits } from "./admin-graphql-endpoint";
export type { AppProxyConfig } from "./app-proxy-forwarder";
export { appProxySignatureMessage, signAppProxyQuery, signedAppProxyQuery } from "./app-proxy-signature";
export type { FailNextRequests, FailureTarget, InjectedFailure } from "./failure-injection";
export type { ThrottleStatus } from "./leaky-bucket";
export type { ShopifyGraphQLError } from "./shopify-errors";
export type * from "./standin-store";
export { demoShop } from "./demo-seed";
export {
  SHOPIFY_WEBHOOK_RETRY_POLICY,
  webhookHmac,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookRequest,
  type WebhookRetryPolicy,
} from "./webhook-delivery";
export { readWebhookSample } from "./webhook-samples";
