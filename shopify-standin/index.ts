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
export { STANDIN_APP_ID, metafieldValueLimit, type MetafieldsSetUserError } from "./app-metafields";
export { appProxySignatureMessage, signAppProxyQuery, signedAppProxyQuery } from "./app-proxy-signature";
export {
  DEFAULT_BULK_OPERATION_OPTIONS,
  type BulkOperationErrorCode,
  type BulkOperationOptions,
  type FailNextBulkOperation,
  type StandinBulkOperation,
} from "./bulk-operations";
export type { FailNextRequests, FailureTarget, InjectedFailure } from "./failure-injection";
export {
  FLOW_TRIGGER_FIELD_TYPES,
  FLOW_TRIGGER_PAYLOAD_LIMIT_BYTES,
  FLOW_TRIGGER_REFERENCE_TYPES,
  flowTriggerDefinitionFromToml,
  readFlowTriggerDefinitions,
  type FlowTriggerDefinition,
  type FlowTriggerField,
  type StandinFlowTriggerRun,
} from "./flow-triggers";
export type { ThrottleStatus } from "./leaky-bucket";
export type { ShopifyGraphQLError } from "./shopify-errors";
export type * from "./standin-store";
export { demoShop } from "./demo-seed";
export { generateStandinOrders, type GenerateStandinOrdersOptions } from "./order-generator";
export { findFulfillment, findFulfillmentEvent, findOrder } from "./store-lookup";
export {
  createStandinFulfillmentEvent,
  updateStandinFulfillment,
  updateStandinOrder,
  type StandinFulfillmentChanges,
  type StandinFulfillmentEventInput,
  type StandinOrderChanges,
  type StoreChangeOptions,
} from "./store-updates";
export { shopifyDateTime, shopLocalTime } from "./shopify-time";
export { exactJson } from "./exact-json";
export {
  SHOPIFY_WEBHOOK_RETRY_POLICY,
  webhookHmac,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookRequest,
  type WebhookRetryPolicy,
} from "./webhook-delivery";
export {
  planWebhookBatch,
  type PlannedWebhook,
  type WebhookBatchDelivery,
  type WebhookBatchOptions,
} from "./webhook-batch";
export {
  fulfillmentEventWebhook,
  fulfillmentWebhook,
  orderWebhook,
  type FulfillmentWebhookTopic,
  type OrderWebhookTopic,
} from "./webhook-payloads";
export { readWebhookSample } from "./webhook-samples";
