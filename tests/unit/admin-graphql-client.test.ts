import { afterEach, describe, expect, it } from "vitest";
import {
  AdminGraphqlError,
  adminGraphqlForShop,
  adminGraphqlFromRemix,
} from "../../app/services/admin-graphql.server";
import { createShopifyStandin, demoShop, type ShopifyStandin } from "../../shopify-standin";
import { sharedDirExists } from "../../shopify-standin/shared-dir";

const SHOP = "client-test.myshopify.com";
const TOKEN = "shpat_client_test";
const SHOP_QUERY = `query ClientTestShop { shop { name } }`;

if (!sharedDirExists()) console.warn("skipping Admin client tests against the stand-in: ../shared not found");

let standin: ShopifyStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function start(limits?: { maximumAvailable: number; restoreRate: number; maxQueryCost?: number }) {
  standin = await createShopifyStandin({
    appUrl: "http://127.0.0.1:9",
    apiKey: "key",
    apiSecret: "secret",
    shops: [demoShop(SHOP, TOKEN)],
    ...(limits ? { adminApiLimits: limits } : {}),
  });
  return standin;
}

function clientFor(server: ShopifyStandin, sleeps: number[], token = TOKEN) {
  return adminGraphqlForShop({
    shop: SHOP,
    accessToken: token,
    origin: server.shopUrl(SHOP, ""),
    retry: {
      baseDelayMs: 10,
      timeoutMs: 500,
      random: () => 1,
      sleep: async (ms) => {
        sleeps.push(ms);
        await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 2_000)));
      },
    },
  });
}

describe.skipIf(!sharedDirExists())("Admin GraphQL client outside a request", () => {
  it("retries 5xx answers and timeouts with growing backoff, then succeeds", async () => {
    const server = await start();
    server.failNextRequests({ failure: 503, count: 2, target: "admin" });
    server.failNextRequests({ failure: "hang", count: 1, target: "admin" });
    const sleeps: number[] = [];
    const data = await clientFor(server, sleeps).request<{ shop: { name: string } }>(SHOP_QUERY);
    expect(data.shop.name).toBeTruthy();
    expect(sleeps).toEqual([10, 20, 40]);
  });

  it("gives up after its attempts with a typed 'unavailable' error", async () => {
    const server = await start();
    server.failNextRequests({ failure: 502, count: 10, target: "admin" });
    const sleeps: number[] = [];
    const failure = await clientFor(server, sleeps)
      .request(SHOP_QUERY)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AdminGraphqlError);
    expect((failure as AdminGraphqlError).kind).toBe("unavailable");
    expect(sleeps).toHaveLength(5);
  });

  it("waits for the cost bucket to refill when Shopify answers THROTTLED", async () => {
    const server = await start({ maximumAvailable: 2, restoreRate: 1 });
    const sleeps: number[] = [];
    const client = clientFor(server, sleeps);
    for (let i = 0; i < 5; i += 1) await client.request(SHOP_QUERY);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(100);
  });

  it("does not retry a refused token or an invalid document", async () => {
    const server = await start();
    const sleeps: number[] = [];
    const unauthorized = await clientFor(server, sleeps, "wrong")
      .request(SHOP_QUERY)
      .catch((e: unknown) => e);
    expect((unauthorized as AdminGraphqlError).kind).toBe("unauthorized");
    const invalid = await clientFor(server, sleeps)
      .request("query Bad { shop { noSuchField } }")
      .catch((e: unknown) => e);
    expect((invalid as AdminGraphqlError).kind).toBe("graphql");
    expect((invalid as Error).message).toMatch(/noSuchField/);
    expect(sleeps).toEqual([]);
  });
});

describe("the Admin client inside an embedded request", () => {
  it("turns a network failure into an 'unavailable' error the page can show, not a crash", async () => {
    const admin = adminGraphqlFromRemix(async () => {
      throw new TypeError("fetch failed");
    });
    const failure = await admin.request(SHOP_QUERY).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AdminGraphqlError);
    expect((failure as AdminGraphqlError).kind).toBe("unavailable");
  });

  it("treats a non-JSON error page from Shopify as unavailable", async () => {
    const admin = adminGraphqlFromRemix(
      async () => new Response("<html>502 Bad Gateway</html>", { status: 502 }),
    );
    await expect(admin.request(SHOP_QUERY)).rejects.toMatchObject({ kind: "unavailable" });
  });

  it("lets the library's re-authentication redirect through untouched", async () => {
    const redirect = new Response(null, { status: 302, headers: { Location: "/auth/login" } });
    const admin = adminGraphqlFromRemix(async () => {
      throw redirect;
    });
    await expect(admin.request(SHOP_QUERY)).rejects.toBe(redirect);
  });
});
