import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAdminSchemas } from "./admin-schema";
import { demoShop } from "./demo-seed";
import { flowTriggerDefinitionFromToml, readFlowTriggerDefinitions } from "./flow-triggers";
import { sharedDir } from "./shared-dir";
import { createShopifyStandin, type ShopifyStandin } from "./standin-server";
import { adminGraphql } from "./test-admin-client";

const SHOP = { shop: "flow-trigger.myshopify.com", token: "shpat_flow_trigger" };
const OTHER_SHOP = { shop: "flow-trigger-other.myshopify.com", token: "shpat_flow_trigger_other" };
const sharedAvailable = loadAdminSchemas() !== null;
if (!sharedAvailable) console.warn(`skipping flowTriggerReceive tests: ${sharedDir()} not found`);

const AUCTION_TOML = `
[[extensions]]
name = "Auction bid placed"
type = "flow_trigger"
handle = "auction-bid"
description = "A bid was placed" # trailing comments are fine

[settings]

  [[settings.fields]]
  type = "customer_reference"

  [[settings.fields]]
  type = "single_line_text_field"
  key = "Bid note"

  [[settings.fields]]
  type = "number_decimal"
  key = "Amount"

  [[settings.fields]]
  type = "url"
  key = "Auction page"

  [[settings.fields]]
  type = "boolean"
  key = "Winning"
`;

const BID = {
  customer_id: "9007199254741993",
  "Bid note": "Second bid",
  Amount: 12.5,
  "Auction page": "https://example.com/auctions/1",
  Winning: true,
};

// Shopify's own example of the mutation, as an app sends it.
const FLOW_TRIGGER_RECEIVE = `mutation FlowTriggerReceive($handle: String, $payload: JSON) {
  flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } }
}`;

interface FlowTriggerReceivePayload {
  flowTriggerReceive: { userErrors: { field: string[] | null; message: string }[] } | null;
}

describe.skipIf(!sharedAvailable)("flowTriggerReceive", () => {
  let standin: ShopifyStandin;
  beforeAll(async () => {
    standin = await createShopifyStandin({
      appUrl: "http://127.0.0.1:9",
      apiKey: "k",
      apiSecret: "s",
      shops: [demoShop(SHOP.shop, SHOP.token), demoShop(OTHER_SHOP.shop, OTHER_SHOP.token)],
      flowTriggers: [flowTriggerDefinitionFromToml(AUCTION_TOML, "auction.toml")],
    });
  });
  afterAll(() => standin.close());

  const receive = (handle: unknown, payload: unknown, shop = SHOP) =>
    adminGraphql<FlowTriggerReceivePayload>(standin, shop, FLOW_TRIGGER_RECEIVE, {
      handle,
      payload,
    });

  it("runs the trigger for the shop that sent it and costs a mutation's 10 points", async () => {
    const body = await receive("auction-bid", BID);
    expect(body.data?.flowTriggerReceive).toEqual({ userErrors: [] });
    expect(body.extensions?.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: 10 });
    expect(standin.flowTriggers(SHOP.shop)).toEqual([
      { handle: "auction-bid", payload: BID, receivedAt: expect.any(String) },
    ]);
    expect(standin.flowTriggers(OTHER_SHOP.shop)).toEqual([]);

    await receive("auction-bid", { ...BID, customer_id: 42 }, OTHER_SHOP);
    expect(standin.flowTriggers(OTHER_SHOP.shop).map((run) => run.payload.customer_id)).toEqual([42]);
    expect(standin.flowTriggers(SHOP.shop)).toHaveLength(1);
  });

  it("answers a handle the app has not deployed with Flow's schema error, and runs nothing", async () => {
    const before = standin.flowTriggers(SHOP.shop).length;
    const body = await receive("auction-bid-typo", BID);
    expect(body.data?.flowTriggerReceive?.userErrors).toEqual([
      { field: ["body"], message: "Errors validating schema:\n  Invalid handle 'auction-bid-typo'.\n" },
    ]);
    expect(standin.flowTriggers(SHOP.shop)).toHaveLength(before);
  });

  it("refuses a payload over 50,000 bytes, and takes one just under", async () => {
    const before = standin.flowTriggers(SHOP.shop).length;
    const overhead = JSON.stringify({ ...BID, "Bid note": "" }).length;
    const tooBig = await receive("auction-bid", { ...BID, "Bid note": "x".repeat(50_001 - overhead) });
    expect(tooBig.data?.flowTriggerReceive?.userErrors).toEqual([
      {
        field: ["body"],
        message: "Errors validating schema:\n  Properties size exceeds the limit of 50000 bytes.\n",
      },
    ]);
    expect(standin.flowTriggers(SHOP.shop)).toHaveLength(before);

    const justUnder = await receive("auction-bid", { ...BID, "Bid note": "x".repeat(50_000 - overhead) });
    expect(justUnder.data?.flowTriggerReceive?.userErrors).toEqual([]);
    expect(standin.flowTriggers(SHOP.shop)).toHaveLength(before + 1);
  });

  it("lists every missing, mistyped and undeclared field in one error", async () => {
    const before = standin.flowTriggers(SHOP.shop).length;
    const { Winning: _missing, ...withoutWinning } = BID;
    const body = await receive("auction-bid", {
      ...withoutWinning,
      customer_id: "gid://shopify/Customer/1",
      Amount: "12.50",
      "Auction page": "/auctions/1",
      "Bid Note": "wrong case",
    });
    expect(body.data?.flowTriggerReceive?.userErrors).toEqual([
      {
        field: ["body"],
        message: [
          "Errors validating schema:",
          "  Invalid field: 'Bid Note'.",
          "  Type error for field 'customer_id': gid://shopify/Customer/1 is not a numeric ID.",
          "  Type error for field 'Amount': 12.50 is not a Number.",
          "  Type error for field 'Auction page': /auctions/1 is not an absolute URL.",
          "  Required field missing: 'Winning'.",
          "",
        ].join("\n"),
      },
    ]);
    expect(standin.flowTriggers(SHOP.shop)).toHaveLength(before);
  });

  it("needs both a handle and a payload, and no longer takes the deprecated body", async () => {
    const withoutPayload = await adminGraphql<FlowTriggerReceivePayload>(
      standin,
      SHOP,
      `mutation NoPayload { flowTriggerReceive(handle: "auction-bid") { userErrors { field message } } }`,
    );
    expect(withoutPayload.data?.flowTriggerReceive?.userErrors).toEqual([
      { field: ["handle"], message: "`handle` and `payload` arguments are required" },
    ]);
    const withBody = await adminGraphql<FlowTriggerReceivePayload>(
      standin,
      SHOP,
      `mutation Body { flowTriggerReceive(body: "{}") { userErrors { field message } } }`,
    );
    expect(withBody.data).toBeUndefined();
    expect(withBody.errors?.[0]?.message).toBe(
      'Unknown argument "body" on field "Mutation.flowTriggerReceive".',
    );
  });
});

describe("the app's Flow trigger extensions, as the stand-in reads them", () => {
  it("are found under extensions/ by their type, with reference fields sent as <object>_id", () => {
    const definitions = readFlowTriggerDefinitions();
    expect(definitions.map((definition) => definition.handle).sort()).toEqual([
      "shipment-delayed",
      "shipment-delivered",
      "shipment-exception",
      "shipment-stuck",
    ]);
    for (const definition of definitions) {
      expect(definition.fields[0]).toMatchObject({ type: "order_reference", payloadKey: "order_id" });
    }
  });

  it("refuse what `shopify app deploy` refuses", () => {
    const withField = (field: string) => `${AUCTION_TOML}\n  [[settings.fields]]\n${field}\n`;
    expect(() =>
      flowTriggerDefinitionFromToml(withField(`  type = "date_time"\n  key = "Placed at"`), "a.toml"),
    ).toThrow("Field type date_time is not supported on Flow Triggers");
    expect(() =>
      flowTriggerDefinitionFromToml(
        withField(`  type = "single_line_text_field"\n  key = "bid_id"`),
        "a.toml",
      ),
    ).toThrow("String must contain only alphabetic characters and spaces");
    expect(() => flowTriggerDefinitionFromToml(withField(`  type = "url"`), "a.toml")).toThrow(
      "key property must be specified",
    );
    expect(() =>
      flowTriggerDefinitionFromToml(withField(`  type = "abandonment_reference"`), "a.toml"),
    ).toThrow("Commerce object abandonment_reference is not supported for Flow Triggers");
    expect(() =>
      flowTriggerDefinitionFromToml(AUCTION_TOML.replace('"auction-bid"', '"auction_bid"'), "a.toml"),
    ).toThrow("Handle can only contain alphanumeric characters and hyphens");
    expect(() =>
      flowTriggerDefinitionFromToml(AUCTION_TOML.replace('key = "Amount"', "key = Amount"), "a.toml"),
    ).toThrow("a.toml:19: unsupported value Amount");
  });
});
