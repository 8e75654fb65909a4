import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SHOPIFY_API_VERSION } from "../app/shopify-api-version";
import { AdminGraphqlEndpoint, type AdminApiLimits } from "./admin-graphql-endpoint";
import { loadAdminSchemas } from "./admin-schema";
import type { AppProxyConfig } from "./app-proxy-forwarder";
import { signedAppProxyQuery } from "./app-proxy-signature";
import {
  BulkOperationRunner,
  DEFAULT_BULK_OPERATION_OPTIONS,
  type BulkOperationOptions,
  type FailNextBulkOperation,
} from "./bulk-operations";
import { FailureInjector, type FailNextRequests } from "./failure-injection";
import {
  FlowTriggerRegistry,
  readFlowTriggerDefinitions,
  type FlowTriggerDefinition,
  type StandinFlowTriggerRun,
} from "./flow-triggers";
import { sendReply, textReply } from "./http-reply";
import { sharedDir } from "./shared-dir";
import { createStandinRouter } from "./standin-router";
import { createStandinShop, type StandinShop, type StandinShopSeed } from "./standin-store";
import {
  SHOPIFY_WEBHOOK_RETRY_POLICY,
  deliverWebhook,
  type WebhookDelivery,
  type WebhookRequest,
  type WebhookRetryPolicy,
} from "./webhook-delivery";
import {
  deliverWebhookBatch,
  planWebhookBatch,
  type WebhookBatchDelivery,
  type WebhookBatchOptions,
} from "./webhook-batch";
import { readWebhookSample } from "./webhook-samples";

export interface ShopifyStandinOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Where the app listens, e.g. "http://localhost:3000"; webhooks and app-proxy requests go there. */
  appUrl: string;
  /** The app's client id; reserved for the session-token and OAuth routes later issues add. */
  apiKey: string;
  /** The app's client secret: signs webhooks and app-proxy requests. */
  apiSecret: string;
  /** At least one shop; the first is the default shop for paths without `/shops/<shop>`. */
  shops: StandinShopSeed[];
  /** Default `<projectRoot>/../shared`. */
  sharedDir?: string;
  appProxy?: Partial<AppProxyConfig>;
  adminApiLimits?: Partial<AdminApiLimits>;
  webhookRetry?: Partial<WebhookRetryPolicy>;
  bulkOperations?: Partial<BulkOperationOptions>;
  /**
   * The app's Flow triggers, as Shopify knows them from its deployed extensions. Default: every
   * `flow_trigger` extension under `<projectRoot>/extensions`, read at startup.
   */
  flowTriggers?: FlowTriggerDefinition[];
}

export type SampleWebhookRequest = Omit<WebhookRequest, "payload">;

export interface SignProxyQueryRequest {
  /** Default: the default shop. */
  shop?: string;
  query?: URLSearchParams;
  timestamp?: number;
}

export interface ShopifyStandin {
  /** Base URL, e.g. "http://127.0.0.1:54321". */
  url: string;
  /** The live data of a shop (default: the default shop); change it to change what the Admin API answers. */
  shop(myshopifyDomain?: string): StandinShop;
  /** `${url}/shops/<shop><path>`: how a request reaches a given shop, e.g. shopUrl(shop, "/apps/track/x"). */
  shopUrl(myshopifyDomain: string, path: string): string;
  /** The Admin GraphQL endpoint of a shop at the app's API version. */
  adminGraphqlUrl(myshopifyDomain?: string): string;
  sendWebhook(request: WebhookRequest): Promise<WebhookDelivery>;
  /**
   * Delivers a batch the way Shopify does at its worst: some sent twice with the same X-Shopify-Webhook-Id,
   * in a shuffled order, several at a time; each retried like `sendWebhook`. Deterministic for a given seed.
   */
  sendWebhooks(
    requests: readonly WebhookRequest[],
    options?: WebhookBatchOptions,
  ): Promise<WebhookBatchDelivery[]>;
  /** Sends Shopify's sample body for the topic from the shared directory, byte for byte. */
  sendSampleWebhook(request: SampleWebhookRequest): Promise<WebhookDelivery>;
  /** The signed query Shopify would add to an app-proxy request. */
  signProxyQuery(request?: SignProxyQueryRequest): URLSearchParams;
  /** Flow triggers `flowTriggerReceive` accepted for a shop (default: the default shop), oldest first. */
  flowTriggers(myshopifyDomain?: string): StandinFlowTriggerRun[];
  failNextRequests(request: FailNextRequests): void;
  /** The next bulk operation (of any shop) ends FAILED with this error code, after `afterObjects` lines. */
  failNextBulkOperation(request?: FailNextBulkOperation): void;
  close(): Promise<void>;
}

export const DEFAULT_APP_PROXY: AppProxyConfig = { pathPrefix: "/apps/track", appPath: "/proxy" };

export const DEFAULT_ADMIN_API_LIMITS: AdminApiLimits = {
  maximumAvailable: 2000,
  restoreRate: 100,
  maxQueryCost: 1000,
};

/** Starts a local stand-in for Shopify (Admin GraphQL, webhooks, app proxy) for the demo, tests and benchmarks. */
export async function createShopifyStandin(options: ShopifyStandinOptions): Promise<ShopifyStandin> {
  const dir = options.sharedDir ?? sharedDir();
  const schemas = loadAdminSchemas(dir);
  // Without the real schemas nothing can be validated, so Admin GraphQL is refused rather than faked; webhooks
  // and the app proxy need no schema, and the demo keeps working.
  if (!schemas) console.warn(`shopify-standin: ${dir} is absent; Admin GraphQL will answer 503`);
  const [firstShop] = options.shops;
  if (!firstShop) throw new Error("shopify-standin needs at least one shop");

  const defaultShop = firstShop.myshopifyDomain;
  const shops = new Map(
    options.shops.map((seed, index) => [seed.myshopifyDomain, createStandinShop(seed, index + 1)]),
  );
  const appProxy: AppProxyConfig = { ...DEFAULT_APP_PROXY, ...options.appProxy };
  const failures = new FailureInjector();
  const flowTriggers = new FlowTriggerRegistry(options.flowTriggers ?? readFlowTriggerDefinitions());
  const stopWebhooks = new AbortController();
  const sendWebhook = (request: WebhookRequest) =>
    deliverWebhook(request, {
      appUrl: options.appUrl,
      apiSecret: options.apiSecret,
      retry: { ...SHOPIFY_WEBHOOK_RETRY_POLICY, ...options.webhookRetry },
      signal: stopWebhooks.signal,
    });
  // Known once the server listens, which is before any bulk operation can ask for it.
  let baseUrl = "";
  const bulkOperations = new BulkOperationRunner({
    options: { ...DEFAULT_BULK_OPERATION_OPTIONS, ...options.bulkOperations },
    schemas,
    resultUrl: (operationNumber) => `${baseUrl}/bulk/${operationNumber}.jsonl`,
    sendWebhook,
  });
  const route = createStandinRouter({
    shops,
    defaultShop,
    adminEndpoint: schemas
      ? new AdminGraphqlEndpoint(
          schemas,
          { ...DEFAULT_ADMIN_API_LIMITS, ...options.adminApiLimits },
          bulkOperations,
          flowTriggers,
        )
      : null,
    appProxy: { appUrl: options.appUrl, apiSecret: options.apiSecret, config: appProxy },
    failures,
    bulkOperations,
  });

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      console.error("shopify-standin:", error);
      if (!response.headersSent)
        sendReply(response, textReply(500, `shopify-standin failed: ${String(error)}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  baseUrl = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;

  const shopUrl = (myshopifyDomain: string, path: string) =>
    `${baseUrl}/shops/${encodeURIComponent(myshopifyDomain)}${path}`;

  return {
    url: baseUrl,
    shop: (myshopifyDomain = defaultShop) => {
      const shop = shops.get(myshopifyDomain);
      if (!shop) throw new Error(`shopify-standin has no shop ${myshopifyDomain}`);
      return shop;
    },
    shopUrl,
    adminGraphqlUrl: (myshopifyDomain = defaultShop) =>
      shopUrl(myshopifyDomain, `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`),
    sendWebhook,
    sendWebhooks: (requests, batchOptions = {}) =>
      deliverWebhookBatch(
        planWebhookBatch(requests, batchOptions),
        batchOptions.concurrency ?? 1,
        sendWebhook,
      ),
    sendSampleWebhook: async (request) => {
      const payload = readWebhookSample(request.topic, dir);
      if (payload === null) throw new Error(`No sample webhook body for ${request.topic} in ${dir}`);
      return sendWebhook({ ...request, payload });
    },
    signProxyQuery: ({ shop = defaultShop, query, timestamp } = {}) =>
      signedAppProxyQuery({
        shop,
        query,
        timestamp,
        pathPrefix: appProxy.pathPrefix,
        apiSecret: options.apiSecret,
      }),
    flowTriggers: (myshopifyDomain = defaultShop) => flowTriggers.received(myshopifyDomain),
    failNextRequests: (request) => failures.queue(request),
    failNextBulkOperation: (request) => bulkOperations.failNext(request),
    close: async () => {
      stopWebhooks.abort();
      await bulkOperations.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Hung requests (failure injection) and keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      await closed;
    },
  };
}
