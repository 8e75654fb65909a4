import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CURRENT_APP_INSTALLATION_QUERY,
  TRACKING_PAGE_LOOK_SET_MUTATION,
} from "../app/models/storefront-look";
import { loadAdminSchemas } from "./admin-schema";
import { STANDIN_APP_ID } from "./app-metafields";
import { demoShop } from "./demo-seed";
import { sharedDir } from "./shared-dir";
import { createShopifyStandin, type ShopifyStandin } from "./standin-server";
import { adminGraphql } from "./test-admin-client";

const SHOP = { shop: "app-data.myshopify.com", token: "shpat_app_data" };
const OTHER = { shop: "other-app-data.myshopify.com", token: "shpat_other_app_data" };
const sharedAvailable = loadAdminSchemas() !== null;
if (!sharedAvailable) console.warn(`skipping app-data metafield tests: ${sharedDir()} not found`);

type UserError = { field: string[] | null; message: string; code: string | null };
type SetPayload = {
  metafieldsSet: {
    metafields: { namespace: string; key: string; value: string }[] | null;
    userErrors: UserError[];
  };
};

const READ_BACK = `query LookReadBack($namespace: String, $key: String!) {
  currentAppInstallation {
    id
    metafield(namespace: $namespace, key: $key) { id namespace key type value jsonValue compareDigest ownerType }
  }
}`;
type ReadBack = {
  currentAppInstallation: {
    id: string;
    metafield: {
      id: string;
      namespace: string;
      key: string;
      type: string;
      value: string;
      jsonValue: unknown;
      compareDigest: string;
      ownerType: string;
    } | null;
  };
};

describe.skipIf(!sharedAvailable)("app-data metafields (currentAppInstallation, metafieldsSet)", () => {
  let standin: ShopifyStandin;
  let installationId: string;
  beforeAll(async () => {
    standin = await createShopifyStandin({
      appUrl: "http://127.0.0.1:9",
      apiKey: "k",
      apiSecret: "s",
      shops: [demoShop(SHOP.shop, SHOP.token), demoShop(OTHER.shop, OTHER.token)],
    });
    const body = await adminGraphql<{ currentAppInstallation: { id: string } }>(
      standin,
      SHOP,
      CURRENT_APP_INSTALLATION_QUERY,
    );
    installationId = body.data?.currentAppInstallation.id ?? "";
  });
  afterAll(() => standin.close());

  const set = (metafields: Record<string, unknown>[], shop = SHOP) =>
    adminGraphql<SetPayload>(standin, shop, TRACKING_PAGE_LOOK_SET_MUTATION, { metafields });
  const look = (value: unknown, extra: Record<string, unknown> = {}) => ({
    ownerId: installationId,
    namespace: "tracking_page",
    key: "look",
    type: "json",
    value: JSON.stringify(value),
    ...extra,
  });
  const stored = (shop = SHOP.shop) => standin.shop(shop).appInstallation.metafields;

  it("names the app's installation on each shop", async () => {
    expect(installationId).toMatch(/^gid:\/\/shopify\/AppInstallation\/\d+$/);
    const other = await adminGraphql<{ currentAppInstallation: { id: string } }>(
      standin,
      OTHER,
      CURRENT_APP_INSTALLATION_QUERY,
    );
    expect(other.data?.currentAppInstallation.id).toMatch(/^gid:\/\/shopify\/AppInstallation\/\d+$/);
    expect(other.data?.currentAppInstallation.id).not.toBe(installationId);
  });

  it("stores a JSON metafield on the installation and updates it in place", async () => {
    const first = await set([look({ accent_color: "#006400" })]);
    expect(first.errors).toBeUndefined();
    expect(first.data?.metafieldsSet).toEqual({
      metafields: [{ namespace: "tracking_page", key: "look", value: '{"accent_color":"#006400"}' }],
      userErrors: [],
    });
    const read = async () =>
      (await adminGraphql<ReadBack>(standin, SHOP, READ_BACK, { namespace: "tracking_page", key: "look" }))
        .data?.currentAppInstallation.metafield;
    const before = await read();
    expect(before).toMatchObject({
      id: expect.stringMatching(/^gid:\/\/shopify\/Metafield\/\d+$/),
      type: "json",
      jsonValue: { accent_color: "#006400" },
      ownerType: "API_PERMISSION",
    });

    await set([look({ accent_color: "#8b0000" })]);
    const after = await read();
    expect(after?.id).toBe(before?.id);
    expect(after?.jsonValue).toEqual({ accent_color: "#8b0000" });
    expect(after?.compareDigest).not.toBe(before?.compareDigest);
    expect(stored().filter((metafield) => metafield.key === "look")).toHaveLength(1);
    // Another shop's installation holds nothing of it.
    expect(stored(OTHER.shop)).toEqual([]);
  });

  it("refuses what Shopify refuses, with its codes and the input's path, and writes nothing", async () => {
    const before = JSON.stringify(stored());
    const refusal = async (input: Record<string, unknown>) => {
      const body = await set([input]);
      expect(body.data?.metafieldsSet.metafields).toEqual([]);
      return body.data?.metafieldsSet.userErrors.map(({ field, code }) => ({ field, code }));
    };
    expect(await refusal(look(null, { value: "{not json" }))).toEqual([
      { field: ["metafields", "0", "value"], code: "INVALID_VALUE" },
    ]);
    expect(await refusal(look({}, { type: "jsonish" }))).toEqual([
      { field: ["metafields", "0", "type"], code: "INVALID_TYPE" },
    ]);
    expect(await refusal(look({}, { key: "brand-new", type: null }))).toEqual([
      { field: ["metafields", "0", "type"], code: "BLANK" },
    ]);
    expect(await refusal(look({}, { key: "x" }))).toEqual([
      { field: ["metafields", "0", "key"], code: "TOO_SHORT" },
    ]);
    expect(await refusal(look({}, { namespace: "tracking page" }))).toEqual([
      { field: ["metafields", "0", "namespace"], code: "INVALID" },
    ]);
    // Admin 2025-10 takes JSON up to 2 MB.
    expect(await refusal(look({ text: "x".repeat(2 * 1024 * 1024) }))).toEqual([
      { field: ["metafields", "0", "value"], code: "TOO_LONG" },
    ]);
    // Another shop's installation is not this app's here.
    const otherId = standin.shop(OTHER.shop).appInstallation.id;
    expect(await refusal(look({}, { ownerId: otherId }))).toEqual([
      { field: ["metafields", "0", "ownerId"], code: "INVALID" },
    ]);
    // A stale compare-and-set digest.
    expect(await refusal(look({}, { compareDigest: "stale" }))).toEqual([
      { field: ["metafields", "0", "compareDigest"], code: "STALE_OBJECT" },
    ]);
    expect(JSON.stringify(stored())).toBe(before);
  });

  it("is atomic and takes at most 25 metafields", async () => {
    const body = await set([look({ ok: true }, { key: "fine" }), look(null, { key: "broken", value: "{" })]);
    expect(body.data?.metafieldsSet.userErrors).toMatchObject([
      { field: ["metafields", "1", "value"], code: "INVALID_VALUE" },
    ]);
    expect(stored().some((metafield) => metafield.key === "fine")).toBe(false);

    const many = Array.from({ length: 26 }, (_, index) => look({ index }, { key: `key-${index}` }));
    const tooMany = await set(many);
    expect(tooMany.data?.metafieldsSet.userErrors).toMatchObject([
      { field: ["metafields"], code: "LESS_THAN_OR_EQUAL_TO" },
    ]);
  });

  it("puts a metafield without namespace in the app's reserved namespace", async () => {
    const body = await set([look("on", { namespace: null, key: "flag" })]);
    expect(body.data?.metafieldsSet.metafields).toEqual([
      { namespace: `app--${STANDIN_APP_ID}`, key: "flag", value: '"on"' },
    ]);
    const read = await adminGraphql<ReadBack>(standin, SHOP, READ_BACK, { key: "flag" });
    expect(read.data?.currentAppInstallation.metafield?.value).toBe('"on"');
  });

  it("answers only documents valid against the real schemas", async () => {
    const body = await adminGraphql(
      standin,
      SHOP,
      `mutation Wrong($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { userErrors { nope } } }`,
      { metafields: [] },
    );
    expect(body.errors?.[0]?.message).toMatch(/nope/);
  });
});
