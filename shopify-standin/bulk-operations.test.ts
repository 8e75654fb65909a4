import { afterEach, describe, expect, it } from "vitest";
import { BACKFILL_BULK_QUERY, BULK_OPERATION_RUN_QUERY } from "../app/models/sync-documents";
import { ORDERS_WITH_NESTED_EVENTS } from "./test-bulk-queries";
import { loadAdminSchemas } from "./admin-schema";
import { demoShop } from "./demo-seed";
import { generateStandinOrders } from "./order-generator";
import { sharedDir } from "./shared-dir";
import { createShopifyStandin, type ShopifyStandinOptions } from "./standin-server";
import { adminGraphql, pollBulkOperation } from "./test-admin-client";
import { startTestApp } from "./test-app-server";
import { webhookHmac } from "./webhook-delivery";

const SHOP = { shop: "bulk-test.myshopify.com", token: "shpat_bulk_test" };
const OTHER_SHOP = { shop: "other-bulk-test.myshopify.com", token: "shpat_other_bulk_test" };
const NOW = new Date("2026-11-20T12:00:00Z");
const sharedAvailable = loadAdminSchemas() !== null;
if (!sharedAvailable) console.warn(`skipping stand-in bulk operation tests: ${sharedDir()} not found`);

interface RunQueryPayload {
  bulkOperationRunQuery: {
    bulkOperation: { id: string; status: string } | null;
    userErrors: { field: string[] | null; message: string; code?: string }[];
  };
}

const RUN_QUERY_WITH_CODES = `mutation RunBulk($query: String!) {
  bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { field message code } }
}`;

const ORDERS_ONLY = `{
  orders(query: "updated_at:>='2026-11-01T00:00:00Z'", first: 3) {
    edges { node { id name updatedAt email fulfillments(first: 1) { id trackingInfo { number company } } } }
  }
}`;

describe.skipIf(!sharedAvailable)("stand-in bulk operations", () => {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  async function startStandin(overrides: Partial<ShopifyStandinOptions> = {}) {
    const standin = await createShopifyStandin({
      appUrl: "http://127.0.0.1:9",
      apiKey: "bulk-test-key",
      apiSecret: "bulk-test-secret",
      shops: [
        {
          ...demoShop(SHOP.shop, SHOP.token, NOW),
          orders: generateStandinOrders({ count: 40, seed: 3, now: NOW }),
        },
        demoShop(OTHER_SHOP.shop, OTHER_SHOP.token, NOW),
      ],
      ...overrides,
    });
    running.push(standin);
    return standin;
  }

  async function runBulk(standin: Awaited<ReturnType<typeof startStandin>>, query: string, shop = SHOP) {
    const body = await adminGraphql<RunQueryPayload>(standin, shop, RUN_QUERY_WITH_CODES, { query });
    return { body, payload: body.data?.bulkOperationRunQuery };
  }

  async function download(url: string | null): Promise<Record<string, unknown>[]> {
    if (!url) throw new Error("no url");
    const response = await fetch(url);
    expect(response.headers.get("content-type")).toBe("application/jsonl");
    const text = await response.text();
    return text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it("runs the app's start mutation: CREATED at once, then RUNNING, then COMPLETED with a JSONL url", async () => {
    const standin = await startStandin({
      bulkOperations: { startDelayMs: 50, linesPerSlice: 5, sliceDelayMs: 20 },
    });
    const body = await adminGraphql<RunQueryPayload>(standin, SHOP, BULK_OPERATION_RUN_QUERY, {
      query: ORDERS_ONLY,
    });
    const operation = body.data?.bulkOperationRunQuery.bulkOperation;
    expect(body.data?.bulkOperationRunQuery.userErrors).toEqual([]);
    expect(operation).toEqual({
      id: expect.stringMatching(/^gid:\/\/shopify\/BulkOperation\/\d+$/),
      status: "CREATED",
    });
    expect(body.extensions?.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: 10 });

    const seen = await pollBulkOperation(standin, SHOP, operation?.id ?? "");
    const statuses = [...new Set([operation?.status, ...seen.map((answer) => answer.status)])];
    expect(statuses).toEqual(["CREATED", "RUNNING", "COMPLETED"]);
    const counts = seen.map((answer) => Number(answer.objectCount));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(seen.some((answer) => answer.status === "RUNNING" && Number(answer.objectCount) > 0)).toBe(true);

    const final = seen.at(-1);
    const expected = standin
      .shop(SHOP.shop)
      .orders.filter((order) => order.updatedAt >= "2026-11-01T00:00:00Z")
      // The schema's default sortKey for orders is PROCESSED_AT.
      .sort((a, b) => a.processedAt.localeCompare(b.processedAt));
    expect(expected.length).toBeGreaterThan(3);
    expect(final).toMatchObject({ status: "COMPLETED", errorCode: null, partialDataUrl: null });
    // UnsignedInt64 travels as a string.
    expect(final?.objectCount).toBe(String(expected.length));
    const lines = await download(final?.url ?? null);
    // `first: 3` is ignored, the query filter is not; plain lists stay inline, uncut.
    expect(lines.map((line) => line.id)).toEqual(expected.map((order) => order.id));
    const withFulfillments = expected.findIndex((order) => order.fulfillments.length > 1);
    expect(lines[withFulfillments]).toEqual({
      id: expected[withFulfillments]?.id,
      name: expected[withFulfillments]?.name,
      updatedAt: expected[withFulfillments]?.updatedAt,
      email: expected[withFulfillments]?.email,
      fulfillments: expected[withFulfillments]?.fulfillments.map((fulfillment) => ({
        id: fulfillment.id,
        trackingInfo: fulfillment.trackingInfo.map(({ number, company }) => ({ number, company })),
      })),
    });
  });

  it("accepts the app's backfill query, which keeps fulfillments inline", async () => {
    const standin = await startStandin();
    const { payload } = await runBulk(standin, BACKFILL_BULK_QUERY.replace("__FILTER__", ""));
    expect(payload?.userErrors).toEqual([]);
    expect(payload?.bulkOperation?.status).toBe("CREATED");
  });

  it("refuses a connection inside a list like Shopify", async () => {
    const standin = await startStandin();
    const { payload } = await runBulk(standin, ORDERS_WITH_NESTED_EVENTS.replace("__FILTER__", ""));
    expect(payload).toEqual({
      bulkOperation: null,
      userErrors: [
        {
          field: ["query"],
          message: "Queries that contain a connection field within a list field are not currently supported.",
          code: "INVALID",
        },
      ],
    });
  });

  it("writes nested connection nodes on their own lines after their parent, with __parentId", async () => {
    const standin = await startStandin({ bulkOperations: { allowConnectionsInsideLists: true } });
    const { payload } = await runBulk(
      standin,
      ORDERS_WITH_NESTED_EVENTS.replace("__FILTER__", "updated_at:>='2026-11-01T00:00:00Z'"),
    );
    const [final] = (await pollBulkOperation(standin, SHOP, payload?.bulkOperation?.id ?? "")).slice(-1);
    const lines = await download(final?.url ?? null);
    const orders = standin
      .shop(SHOP.shop)
      .orders.filter((order) => order.updatedAt >= "2026-11-01T00:00:00Z");
    const events = orders.flatMap((order) => order.fulfillments.flatMap((fulfillment) => fulfillment.events));
    expect(events.length).toBeGreaterThan(0);
    expect(lines).toHaveLength(orders.length + events.length);
    expect(final?.objectCount).toBe(String(lines.length));

    // Grouped: every event line follows its order's line and names its fulfillment (the nearest node with an id).
    let currentOrder: Record<string, unknown> | undefined;
    for (const line of lines) {
      if (!("__parentId" in line)) {
        currentOrder = line;
        continue;
      }
      const fulfillments = (currentOrder?.fulfillments ?? []) as { id: string }[];
      expect(fulfillments.map((fulfillment) => fulfillment.id)).toContain(line.__parentId);
    }
    const order = orders.find((candidate) => candidate.fulfillments[0]?.events.length);
    const orderLine = lines.find((line) => line.id === order?.id) ?? {};
    const [fulfillmentLine] = orderLine.fulfillments as Record<string, unknown>[];
    // The connection is not inside the parent's line at all.
    expect(fulfillmentLine).not.toHaveProperty("events");
    expect(fulfillmentLine).toMatchObject({
      id: order?.fulfillments[0]?.id,
      estimatedDeliveryAt: expect.anything(),
    });
    const firstEvent = order?.fulfillments[0]?.events[0];
    expect(lines.find((line) => line.id === firstEvent?.id)).toEqual({
      id: firstEvent?.id,
      status: firstEvent?.status,
      happenedAt: firstEvent?.happenedAt,
      message: firstEvent?.message,
      city: firstEvent?.city,
      province: firstEvent?.province,
      country: firstEvent?.country,
      zip: firstEvent?.zip,
      estimatedDeliveryAt: firstEvent?.estimatedDeliveryAt,
      __parentId: order?.fulfillments[0]?.id,
    });
  });

  it.each([
    [
      "an unknown field",
      "{ orders { edges { node { id nope } } } }",
      ["Invalid bulk query: Field 'nope' doesn't exist on type 'Order'"],
    ],
    ["an empty query", "  ", ["Invalid bulk query: syntax error, unexpected end of file"]],
    [
      "a truncated query",
      "{ orders { edges { node { id }",
      ["Invalid bulk query: syntax error, unexpected end of file"],
    ],
    [
      "a mutation",
      'mutation { fulfillmentEventCreate(fulfillmentEvent: { fulfillmentId: "gid://shopify/Fulfillment/1", status: DELIVERED }) { userErrors { message } } }',
      ["Invalid operation type. Only `query` operations are supported."],
    ],
    [
      "nodes instead of edges",
      "{ orders { nodes { id } } }",
      [
        "All connection fields in a bulk query must select their contents using 'edges' > 'node', e.g: 'orders { edges { node {'. Selecting via 'nodes' is not supported. Invalid connection fields: 'orders'.",
      ],
    ],
    [
      "a top-level node",
      '{ node(id: "gid://shopify/Order/1") { id } }',
      [
        "Bulk queries cannot contain a top level `node` field.",
        "Bulk queries must contain at least one connection.",
      ],
    ],
    ["no connection", "{ shop { name } }", ["Bulk queries must contain at least one connection."]],
    [
      "three nested connections",
      "{ orders { edges { node { id fulfillmentOrders { edges { node { id lineItems { edges { node { id } } } } } } } } } }",
      ["Bulk queries cannot contain connections with a nesting depth greater than 2."],
    ],
    [
      "a nested connection whose parent has no id",
      "{ orders { edges { node { name fulfillmentOrders { edges { node { id } } } } } } }",
      [
        "The parent 'node' field for a nested connection must select the 'id' field without an alias and must be of 'ID' return type. Connection fields without 'id': orders.",
      ],
    ],
  ])("refuses %s with Shopify's userErrors", async (_name, query, messages) => {
    const standin = await startStandin();
    const { payload } = await runBulk(standin, query);
    expect(payload).toEqual({
      bulkOperation: null,
      userErrors: messages.map((message) => ({ field: ["query"], message, code: "INVALID" })),
    });
  });

  it("says so when asked for a connection the stand-in cannot list", async () => {
    const standin = await startStandin();
    const { body } = await runBulk(standin, "{ products { edges { node { id } } } }");
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringContaining("products"),
      extensions: { code: "STANDIN_NOT_IMPLEMENTED" },
    });
    // Nothing was started.
    expect((await runBulk(standin, ORDERS_ONLY)).payload?.userErrors).toEqual([]);
  });

  it("runs one bulk query per shop at a time", async () => {
    const standin = await startStandin({ bulkOperations: { startDelayMs: 300 } });
    const first = await runBulk(standin, ORDERS_ONLY);
    const firstId = first.payload?.bulkOperation?.id;
    const second = await runBulk(standin, ORDERS_ONLY);
    expect(second.payload).toEqual({
      bulkOperation: null,
      userErrors: [
        {
          field: null,
          message: `A bulk query operation for this app and shop is already in progress: ${firstId}.`,
          code: "OPERATION_IN_PROGRESS",
        },
      ],
    });
    // Another shop is not held up, and cannot see this shop's operation.
    const other = await runBulk(standin, ORDERS_ONLY, OTHER_SHOP);
    expect(other.payload?.userErrors).toEqual([]);
    const peek = await adminGraphql<{ node: unknown }>(
      standin,
      OTHER_SHOP,
      "query Peek($id: ID!) { node(id: $id) { id } }",
      {
        id: firstId,
      },
    );
    expect(peek.data).toEqual({ node: null });

    await pollBulkOperation(standin, SHOP, firstId ?? "");
    const third = await runBulk(standin, ORDERS_ONLY);
    expect(third.payload?.userErrors).toEqual([]);
    const current = await adminGraphql<{ currentBulkOperation: { id: string } }>(
      standin,
      SHOP,
      "{ currentBulkOperation { id } }",
    );
    expect(current.data?.currentBulkOperation.id).toBe(third.payload?.bulkOperation?.id);
  });

  it("completes without a file when nothing matches", async () => {
    const standin = await startStandin();
    const { payload } = await runBulk(
      standin,
      '{ orders(query: "created_at:>=2030-01-01") { edges { node { id } } } }',
    );
    const [final] = (await pollBulkOperation(standin, SHOP, payload?.bulkOperation?.id ?? "")).slice(-1);
    expect(final).toMatchObject({ status: "COMPLETED", objectCount: "0", url: null });
  });

  it("fails the next operation on request, keeping what it wrote as partial data", async () => {
    const standin = await startStandin();
    standin.failNextBulkOperation();
    const failed = await runBulk(standin, ORDERS_ONLY);
    const [final] = (await pollBulkOperation(standin, SHOP, failed.payload?.bulkOperation?.id ?? "")).slice(
      -1,
    );
    expect(final).toEqual({
      id: failed.payload?.bulkOperation?.id,
      status: "FAILED",
      errorCode: "INTERNAL_SERVER_ERROR",
      objectCount: "0",
      url: null,
      partialDataUrl: null,
    });

    standin.failNextBulkOperation({ errorCode: "TIMEOUT", afterObjects: 2 });
    const partial = await runBulk(standin, ORDERS_ONLY);
    const [timedOut] = (
      await pollBulkOperation(standin, SHOP, partial.payload?.bulkOperation?.id ?? "")
    ).slice(-1);
    expect(timedOut).toMatchObject({ status: "FAILED", errorCode: "TIMEOUT", objectCount: "2", url: null });
    expect(await download(timedOut?.partialDataUrl ?? null)).toHaveLength(2);

    // Only the next one.
    const healthy = await runBulk(standin, ORDERS_ONLY);
    const [completed] = (
      await pollBulkOperation(standin, SHOP, healthy.payload?.bulkOperation?.id ?? "")
    ).slice(-1);
    expect(completed?.status).toBe("COMPLETED");
  });

  it("sends a signed bulk_operations/finish webhook when asked to", async () => {
    const app = await startTestApp((_request, { response }) => {
      response.writeHead(200).end();
    });
    running.push(app);
    const standin = await startStandin({
      appUrl: app.url,
      bulkOperations: { finishWebhookPath: "/webhooks/bulk_operations/finish" },
    });
    const { payload } = await runBulk(standin, ORDERS_ONLY);
    await pollBulkOperation(standin, SHOP, payload?.bulkOperation?.id ?? "");
    for (let wait = 0; wait < 100 && app.requests.length === 0; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const [webhook] = app.requests;
    expect(webhook?.url.pathname).toBe("/webhooks/bulk_operations/finish");
    expect(webhook?.headers).toMatchObject({
      "x-shopify-topic": "bulk_operations/finish",
      "x-shopify-shop-domain": SHOP.shop,
      "x-shopify-hmac-sha256": webhookHmac(webhook?.body ?? Buffer.alloc(0), "bulk-test-secret"),
    });
    expect(JSON.parse(webhook?.body.toString("utf8") ?? "")).toEqual({
      admin_graphql_api_id: payload?.bulkOperation?.id,
      completed_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$/),
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$/),
      error_code: null,
      status: "completed",
      type: "query",
    });
  });

  it("sends no finish webhook by default", async () => {
    const app = await startTestApp((_request, { response }) => {
      response.writeHead(200).end();
    });
    running.push(app);
    const standin = await startStandin({ appUrl: app.url });
    const { payload } = await runBulk(standin, ORDERS_ONLY);
    await pollBulkOperation(standin, SHOP, payload?.bulkOperation?.id ?? "");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.requests).toHaveLength(0);
  });
});
