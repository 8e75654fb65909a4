import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { AdminGraphqlEndpoint } from "./admin-graphql-endpoint";
import { forwardToAppProxy, type AppProxyTarget } from "./app-proxy-forwarder";
import type { BulkOperationRunner } from "./bulk-operations";
import { sendBulkResult } from "./bulk-result-download";
import type { FailureInjector, InjectedFailure } from "./failure-injection";
import { jsonReply, readRequestBody, sendReply, textReply, type HttpReply } from "./http-reply";
import type { StandinShop } from "./standin-store";

export interface StandinRoutes {
  shops: ReadonlyMap<string, StandinShop>;
  /** The shop of paths without a `/shops/<shop>` prefix. */
  defaultShop: string;
  /** Absent when ../shared (the Admin schemas) is: Admin GraphQL then answers 503, the rest still works. */
  adminEndpoint: AdminGraphqlEndpoint | null;
  appProxy: AppProxyTarget;
  failures: FailureInjector;
  bulkOperations: BulkOperationRunner;
}

// A path names its shop with a `/shops/<myshopify domain>` prefix, standing in for the shop's own host name.
const SHOP_SCOPED_PATH = /^\/shops\/([^/]+)(\/.*)?$/;
const ADMIN_GRAPHQL_PATH = /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/;
// Bulk results live outside any shop, like the storage bucket Shopify's `url` points at.
const BULK_RESULT_PATH = /^\/bulk\/(\d+)\.jsonl$/;

export function createStandinRouter(routes: StandinRoutes) {
  const { pathPrefix } = routes.appProxy.config;

  return async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://standin.invalid");
    const bulkResult = BULK_RESULT_PATH.exec(url.pathname)?.[1];
    if (bulkResult !== undefined && request.method === "GET") {
      return sendBulkResult(routes.bulkOperations.resultFile(bulkResult), response);
    }
    const [, scopedShop, scopedPath] = SHOP_SCOPED_PATH.exec(url.pathname) ?? [];
    const shop = routes.shops.get(scopedShop ? decodeURIComponent(scopedShop) : routes.defaultShop);
    const path = scopedShop ? (scopedPath ?? "/") : url.pathname;
    if (!shop) return sendReply(response, jsonReply(404, { errors: "Not Found" }));

    const apiVersion = ADMIN_GRAPHQL_PATH.exec(path)?.[1];
    if (apiVersion) {
      if (injectFailure(routes.failures.next("admin"), response)) return;
      if (request.method !== "POST")
        return sendReply(response, jsonReply(405, { errors: "Method Not Allowed" }));
      if (!routes.adminEndpoint) {
        return sendReply(
          response,
          jsonReply(503, { errors: "shopify-standin: Admin API unavailable without ../shared" }),
        );
      }
      const reply = await routes.adminEndpoint.handle({
        shop,
        apiVersion,
        accessToken: singleHeader(request.headers["x-shopify-access-token"]),
        contentType: request.headers["content-type"],
        body: await readRequestBody(request),
      });
      return sendReply(response, withHeader(reply, "X-Shopify-API-Version", apiVersion));
    }

    if (path === pathPrefix || path.startsWith(`${pathPrefix}/`)) {
      if (injectFailure(routes.failures.next("proxy"), response)) return;
      const reply = await forwardToAppProxy(
        {
          shop: shop.myshopifyDomain,
          method: request.method ?? "GET",
          subpath: path.slice(pathPrefix.length),
          query: url.searchParams,
          headers: request.headers,
          body: await readRequestBody(request),
        },
        routes.appProxy,
      );
      return sendReply(response, reply);
    }

    sendReply(response, textReply(404, `shopify-standin has no route for ${path}`));
  };
}

/** True when the failure took the request over (answered it, dropped it, or left it hanging). */
function injectFailure(failure: InjectedFailure | undefined, response: ServerResponse): boolean {
  if (failure === undefined) return false;
  if (failure === "reset") response.socket?.destroy();
  else if (failure !== "hang")
    sendReply(response, textReply(failure, `${failure} ${STATUS_CODES[failure] ?? ""}`));
  return true;
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function withHeader(reply: HttpReply, name: string, value: string): HttpReply {
  return { ...reply, headers: { ...reply.headers, [name]: value } };
}
