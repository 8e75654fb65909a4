import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAdminSchemas } from "./admin-schema";
import { demoShop } from "./demo-seed";
import { sharedDir } from "./shared-dir";
import { createShopifyStandin, type ShopifyStandin } from "./standin-server";

const SHOP = "graphql-test.myshopify.com";
const TOKEN = "shpat_graphql_test";
const sharedAvailable = loadAdminSchemas() !== null;
if (!sharedAvailable) console.warn(`skipping stand-in Admin GraphQL tests: ${sharedDir()} not found`);

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; locations?: unknown; path?: unknown; extensions: Record<string, unknown> }[];
  extensions?: {
    cost: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: object };
  };
}

function standinOptions(
  overrides: { adminApiLimits?: { maximumAvailable?: number; restoreRate?: number } } = {},
) {
  return {
    appUrl: "http://127.0.0.1:9",
    apiKey: "test-key",
    apiSecret: "test-secret",
    shops: [demoShop(SHOP, TOKEN)],
    ...overrides,
  };
}

async function post(
  standin: ShopifyStandin,
  body: unknown,
  { token = TOKEN, contentType = "application/json" } = {},
): Promise<{ status: number; json: GraphqlBody; headers: Headers }> {
  const response = await fetch(standin.adminGraphqlUrl(SHOP), {
    method: "POST",
    headers: { "Content-Type": contentType, "X-Shopify-Access-Token": token },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as GraphqlBody, headers: response.headers };
}

describe.skipIf(!sharedAvailable)("stand-in Admin GraphQL endpoint", () => {
  let standin: ShopifyStandin;
  beforeAll(async () => {
    standin = await createShopifyStandin(standinOptions());
  });
  afterAll(() => standin.close());

  it("refuses a wrong access token like Shopify", async () => {
    const { status, json } = await post(standin, { query: "{ shop { name } }" }, { token: "nope" });
    expect(status).toBe(401);
    expect(json).toEqual({
      errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
    });
  });

  it("answers a missing query with 400", async () => {
    const { status, json } = await post(standin, { variables: {} });
    expect(status).toBe(400);
    expect(json).toEqual({ errors: { query: "Required parameter missing or invalid" } });
  });

  it("rejects an unknown field in Shopify's error shape, with HTTP 200 and no cost", async () => {
    const { status, json } = await post(standin, { query: "query Broken {\n  shop { nope }\n}" });
    expect(status).toBe(200);
    expect(json).toEqual({
      errors: [
        {
          message: "Field 'nope' doesn't exist on type 'Shop'",
          locations: [{ line: 2, column: 10 }],
          extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nope" },
        },
      ],
    });
  });

  it("rejects syntax errors and missing arguments with a code and locations", async () => {
    const syntax = await post(standin, { query: "query Broken { shop { name }" });
    expect(syntax.json.errors?.[0]).toMatchObject({
      locations: [{ line: 1, column: 29 }],
      extensions: { code: "parseError" },
    });
    const missingArgument = await post(standin, { query: "query Broken { order { name } }" });
    expect(missingArgument.json.errors?.[0]).toMatchObject({
      message: expect.stringContaining('argument "id" of type "ID!" is required'),
      locations: [{ line: 1, column: 16 }],
      extensions: { code: "missingRequiredArguments" },
    });
  });

  it("rejects a field that exists in the unstable schema but not in 2025-01, naming the schema", async () => {
    const { json } = await post(standin, {
      query: 'query Newer { order(id: "gid://shopify/Order/5001") { number } }',
    });
    expect(json.errors).toEqual([
      expect.objectContaining({
        message: "Field 'number' doesn't exist on type 'Order'",
        extensions: expect.objectContaining({ code: "undefinedField", schema: "Admin 2025-01" }),
      }),
    ]);
  });

  it("answers a valid query with data and Shopify's cost extension", async () => {
    const { status, json, headers } = await post(standin, {
      query: `query ShopAndOrders($first: Int!) {
        shop { id name myshopifyDomain ianaTimezone currencyCode }
        orders(first: $first, sortKey: CREATED_AT) {
          pageInfo { hasNextPage endCursor }
          nodes {
            name createdAt updatedAt displayFulfillmentStatus
            shippingAddress { countryCodeV2 provinceCode zip }
            fulfillments(first: 5) {
              id status createdAt updatedAt
              trackingInfo { number company url }
              events(first: 10) { nodes { id status happenedAt message city province country zip } }
            }
          }
        }
      }`,
      variables: { first: 2 },
    });
    expect(status).toBe(200);
    expect(headers.get("x-shopify-api-version")).toBe("2025-10");
    expect(json.errors).toBeUndefined();
    expect(json.data?.shop).toEqual({
      id: "gid://shopify/Shop/1",
      name: "Parcelwise Demo",
      myshopifyDomain: SHOP,
      ianaTimezone: "America/New_York",
      currencyCode: "USD",
    });
    const orders = json.data?.orders as { pageInfo: { hasNextPage: boolean }; nodes: { name: string }[] };
    expect(orders.nodes.map((order) => order.name)).toEqual(["#1001", "#1002"]);
    expect(orders.pageInfo.hasNextPage).toBe(true);
    expect(orders.nodes[0]).toMatchObject({
      fulfillments: [
        {
          trackingInfo: [{ number: "1Z5R89390357567127", company: "UPS" }],
          events: { nodes: [{ status: "LABEL_PRINTED" }, { status: "IN_TRANSIT" }, { status: "DELIVERED" }] },
        },
      ],
    });
    const cost = json.extensions?.cost;
    expect(cost?.requestedQueryCost).toBeGreaterThan(cost?.actualQueryCost ?? Infinity);
    expect(cost?.throttleStatus).toEqual({
      maximumAvailable: 2000,
      currentlyAvailable: expect.any(Number),
      restoreRate: 100,
    });
  });

  it("pages with cursors and filters with a search query", async () => {
    const query = `query Page($after: String, $query: String) {
      orders(first: 1, after: $after, query: $query) { pageInfo { hasNextPage endCursor } nodes { name } }
    }`;
    type Page = {
      orders: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { name: string }[] };
    };
    const first = (await post(standin, { query })).json.data as Page;
    const second = (await post(standin, { query, variables: { after: first.orders.pageInfo.endCursor } }))
      .json.data as Page;
    expect([first.orders.nodes[0]?.name, second.orders.nodes[0]?.name]).toEqual(["#1001", "#1002"]);

    const unfulfilled = (await post(standin, { query, variables: { query: "fulfillment_status:unshipped" } }))
      .json.data as Page;
    expect(unfulfilled.orders.nodes.map((order) => order.name)).toEqual(["#1003"]);
  });

  it("accepts application/graphql bodies", async () => {
    const { json } = await post(standin, "{ shop { name } }", { contentType: "application/graphql" });
    expect(json.data).toEqual({ shop: { name: "Parcelwise Demo" } });
  });

  it("requires first or last on connections, like Shopify", async () => {
    const { json } = await post(standin, { query: "query NoWindow { orders { nodes { id } } }" });
    expect(json.errors?.[0]).toMatchObject({
      message: "you must provide one of first or last",
      path: ["orders"],
      extensions: { code: "BAD_REQUEST" },
    });
  });

  it("says so when a query needs data the stand-in does not hold", async () => {
    const { json } = await post(standin, {
      query: 'query Unsupported { order(id: "gid://shopify/Order/5001") { note } }',
    });
    expect(json.errors?.[0]?.extensions.code).toBe("STANDIN_NOT_IMPLEMENTED");
  });

  it("serves what the test puts in the store", async () => {
    const order = standin.shop(SHOP).orders[0];
    if (!order) throw new Error("demo shop has no orders");
    order.displayFulfillmentStatus = "PARTIALLY_FULFILLED";
    const { json } = await post(standin, {
      query: `query One { order(id: "${order.id}") { displayFulfillmentStatus } }`,
    });
    expect(json.data).toEqual({ order: { displayFulfillmentStatus: "PARTIALLY_FULFILLED" } });
  });

  it("injects failures for the next requests only", async () => {
    const shopName = (signal?: AbortSignal) =>
      fetch(standin.adminGraphqlUrl(SHOP), {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": TOKEN },
        body: JSON.stringify({ query: "{ shop { name } }" }),
        signal,
      });
    standin.failNextRequests({ failure: 503, count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await shopName()).status);
    expect(statuses).toEqual([503, 503, 200]);

    standin.failNextRequests({ failure: "hang" });
    await expect(shopName(AbortSignal.timeout(200))).rejects.toThrow();
    standin.failNextRequests({ failure: "reset" });
    await expect(shopName()).rejects.toThrow();
    expect((await shopName()).status).toBe(200);
  });
});

describe.skipIf(!sharedAvailable)("stand-in Admin GraphQL cost limits", () => {
  let standin: ShopifyStandin;
  beforeAll(async () => {
    standin = await createShopifyStandin(
      standinOptions({ adminApiLimits: { maximumAvailable: 25, restoreRate: 1 } }),
    );
  });
  afterAll(() => standin.close());

  it("throttles once the bucket is short, in Shopify's shape", async () => {
    const query = "query Twenty { orders(first: 10) { nodes { id shippingAddress { zip } } } }";
    const accepted = await post(standin, { query });
    expect(accepted.json.extensions?.cost.requestedQueryCost).toBe(22);
    expect(accepted.json.extensions?.cost.actualQueryCost).toBe(8);

    const throttled = await post(standin, { query });
    expect(throttled.status).toBe(200);
    expect(throttled.json).toEqual({
      errors: [
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 22,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 25, currentlyAvailable: expect.any(Number), restoreRate: 1 },
        },
      },
    });
    expect(throttled.json.extensions?.cost.throttleStatus).toMatchObject({
      currentlyAvailable: expect.toSatisfy((available: number) => available < 22),
    });
  });

  it("refuses a single query above the maximum cost", async () => {
    const { json } = await post(standin, {
      query: "query Huge { orders(first: 250) { nodes { fulfillments(first: 10) { id } } } }",
    });
    expect(json.errors?.[0]?.extensions).toEqual({ code: "MAX_COST_EXCEEDED", cost: 2752, maxCost: 1000 });
  });
});
