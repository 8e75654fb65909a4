import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { getSettings, mergeBranding, parseTrackingPageLook } from "../../app/models/settings.server";
import { PUBLISH_LOOK_JOB_TYPE } from "../../app/models/storefront-look";
import {
  catchUpLookPublication,
  saveAndPublishTrackingPageLook,
  storefrontLookState,
} from "../../app/models/storefront-look.server";
import { adminGraphqlForShop, type AdminGraphql } from "../../app/services/admin-graphql.server";
import { claimJob } from "../../app/services/jobs/job-queue.server";
import { runJob } from "../../app/services/jobs/worker.server";
import { answerProxyRequest } from "../../app/services/tracking-page/proxy-handler.server";
import { createShopifyStandin, signedAppProxyQuery, type ShopifyStandin } from "../../shopify-standin";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { TEST_ENV } from "../setup/test-env";

// The stand-in's port is chosen before anything imports the app's config (see the helper).
const { STANDIN_PORT } = await vi.hoisted(async () => {
  const { reserveStandinAdminOrigin } = await import("../helpers/standin-admin-origin");
  return reserveStandinAdminOrigin();
});

const SHOP = "storefront-look.myshopify.com";
const TOKEN = "shpat_storefront_look";
// Retries as in production, minus the waiting: six attempts, then the client gives up.
const ADMIN_ATTEMPTS = 6;

if (!sharedDirExists()) console.warn("skipping storefront look tests: the stand-in needs ../shared");

const LOOK_FORM = {
  heading: "Where's my parcel?",
  intro: "Type your order number.",
  lateMessage: "We ship within two days.",
  accentColor: "#006400",
  buttonStyle: "outline",
  cornerRadius: "12",
  logoUrl: "https://cdn.example.com/logo.png",
};

function parsedLook(fields: Record<string, string> = LOOK_FORM) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  const parsed = parseTrackingPageLook(data);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.data;
}

let standin: ShopifyStandin;
let admin: AdminGraphql;
let requests: string[];

beforeEach(async () => {
  standin = await createShopifyStandin({
    port: STANDIN_PORT,
    appUrl: "http://127.0.0.1:9",
    apiKey: TEST_ENV.SHOPIFY_API_KEY,
    apiSecret: TEST_ENV.SHOPIFY_API_SECRET,
    shops: [{ myshopifyDomain: SHOP, accessToken: TOKEN }],
  });
  await prisma.shop.create({ data: { domain: SHOP, name: "Storefront look" } });
  await prisma.session.create({
    data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: TOKEN },
  });
  const client = adminGraphqlForShop({
    shop: SHOP,
    accessToken: TOKEN,
    origin: standin.shopUrl(SHOP, ""),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  requests = [];
  // What the save sends, by operation name.
  admin = {
    request: (document, variables) => {
      requests.push(/(?:query|mutation) (\w+)/.exec(document)?.[1] ?? "?");
      return client.request(document, variables);
    },
  };
});

afterEach(async () => {
  await standin.close();
  await prisma.shop.deleteMany({});
  await prisma.session.deleteMany({});
});

// What the storefront block reads: `app.metafields.tracking_page.look.value`.
function storefrontMetafield() {
  const metafield = standin
    .shop(SHOP)
    .appInstallation.metafields.find((entry) => entry.namespace === "tracking_page" && entry.key === "look");
  return metafield ? { type: metafield.type, value: JSON.parse(metafield.value) as unknown } : null;
}

// What the worker does with the publication job, as if a day had passed (every retry is due by then).
async function runDueJobs({ once = false } = {}) {
  const now = new Date(Date.now() + 24 * 60 * 60_000);
  for (;;) {
    const job = await claimJob({ workerId: "test-worker", types: [PUBLISH_LOOK_JOB_TYPE], now });
    if (!job) return;
    await runJob(job, "test-worker");
    if (once) return;
  }
}

describe.skipIf(!sharedDirExists())("the tracking page look reaches the storefront", () => {
  it("publishes a changed look to the app's installation metafield, and nothing when it did not change", async () => {
    const outcome = await saveAndPublishTrackingPageLook({ shop: SHOP, admin, look: parsedLook() });
    expect(outcome).toEqual({ storefront: "published" });
    expect(requests).toEqual(["CurrentAppInstallation", "TrackingPageLookSet"]);
    expect(storefrontMetafield()).toEqual({
      type: "json",
      value: {
        heading: "Where's my parcel?",
        intro: "Type your order number.",
        late_message: "We ship within two days.",
        accent_color: "#006400",
        button_style: "outline",
        corner_radius: 12,
        logo_url: "https://cdn.example.com/logo.png",
      },
    });
    expect(await storefrontLookState({ shop: SHOP })).toEqual({ pending: false, lastError: null });

    requests = [];
    expect(await saveAndPublishTrackingPageLook({ shop: SHOP, admin, look: parsedLook() })).toEqual({
      storefront: "unchanged",
    });
    expect(requests).toEqual([]);
    // No safety net left behind to publish it again.
    await runDueJobs();
    expect(requests).toEqual([]);
  });

  it("keeps the look when Shopify is down and publishes it from the queue once Shopify answers", async () => {
    standin.failNextRequests({ failure: 503, count: ADMIN_ATTEMPTS });
    const outcome = await saveAndPublishTrackingPageLook({ shop: SHOP, admin, look: parsedLook() });
    expect(outcome.storefront).toBe("pending");
    // Saved in Parcelwise all the same, and the merchant is told the storefront is waiting.
    expect((await getSettings({ shop: SHOP })).trackingPageLook.accentColor).toBe("#006400");
    expect(await storefrontLookState({ shop: SHOP })).toMatchObject({ pending: true });
    expect(storefrontMetafield()).toBeNull();

    // Shopify is still down for the job's first try: it fails, stays queued and says why.
    standin.failNextRequests({ failure: 503, count: ADMIN_ATTEMPTS });
    await runDueJobs({ once: true });
    expect(storefrontMetafield()).toBeNull();
    expect(await storefrontLookState({ shop: SHOP })).toEqual({
      pending: true,
      lastError: expect.stringMatching(/503/),
    });

    // Shopify answers again.
    await runDueJobs();
    expect(storefrontMetafield()?.value).toMatchObject({ accent_color: "#006400", button_style: "outline" });
    expect(await storefrontLookState({ shop: SHOP })).toEqual({ pending: false, lastError: null });
  });

  it("keeps the look when Shopify refuses it (userErrors) and says the storefront is waiting", async () => {
    // An answer with userErrors: the installation named belongs to another app here.
    const refusing: AdminGraphql = {
      request: (document, variables) =>
        admin.request(
          document,
          variables && {
            metafields: [
              { ...(variables.metafields as object[])[0], ownerId: "gid://shopify/AppInstallation/999" },
            ],
          },
        ),
    };
    const outcome = await saveAndPublishTrackingPageLook({ shop: SHOP, admin: refusing, look: parsedLook() });
    expect(outcome).toEqual({ storefront: "pending", reason: expect.stringMatching(/Owner does not exist/) });
    expect(storefrontMetafield()).toBeNull();
    expect(await storefrontLookState({ shop: SHOP })).toMatchObject({ pending: true });
    const job = await prisma.job.findUniqueOrThrow({
      where: { shop_uniqueKey: { shop: SHOP, uniqueKey: PUBLISH_LOOK_JOB_TYPE } },
    });
    // Retried soon, not after the safety net's minute.
    expect(job.runAt.getTime()).toBeLessThanOrEqual(Date.now());

    // The job asks Shopify itself and gets it through.
    await runDueJobs();
    expect(storefrontMetafield()?.value).toMatchObject({ heading: "Where's my parcel?" });
  });

  it("publishes the logo and colour changed on the Notifications page, which the look shares", async () => {
    await saveAndPublishTrackingPageLook({ shop: SHOP, admin, look: parsedLook() });
    const saved = await mergeBranding({ shop: SHOP, values: { accentColor: "#8b0000", logoUrl: null } });
    expect(saved).toEqual({ lookChanged: true, publishQueued: true });
    await runDueJobs();
    expect(storefrontMetafield()?.value).toMatchObject({ accent_color: "#8b0000", logo_url: null });
  });

  it("starts a publication that gave up over again once Shopify answers", async () => {
    standin.failNextRequests({ failure: 503, count: ADMIN_ATTEMPTS });
    await saveAndPublishTrackingPageLook({ shop: SHOP, admin, look: parsedLook() });
    await prisma.job.updateMany({ where: { shop: SHOP }, data: { status: "dead", lastError: "503" } });
    expect(await storefrontLookState({ shop: SHOP })).toMatchObject({ pending: true });
    expect(await catchUpLookPublication({ shop: SHOP, now: new Date() })).toBe(true);
    await runDueJobs();
    expect(storefrontMetafield()?.value).toMatchObject({ accent_color: "#006400" });
    // Published: nothing left to catch up on.
    expect(await catchUpLookPublication({ shop: SHOP, now: new Date() })).toBe(false);
  });

  it("publishes a look saved before publishing existed, and again after a reinstall", async () => {
    // Stored, but no publication ever queued for it.
    await prisma.shopSettings.create({
      data: { shop: SHOP, branding: JSON.stringify({ accentColor: "#006400", heading: "Track it" }) },
    });
    expect(await catchUpLookPublication({ shop: SHOP, now: new Date() })).toBe(true);
    await runDueJobs();
    expect(storefrontMetafield()?.value).toMatchObject({ accent_color: "#006400", heading: "Track it" });

    // Uninstalling drops the app's installation data in Shopify; the next install publishes the look again.
    standin.shop(SHOP).appInstallation.metafields = [];
    expect(await catchUpLookPublication({ shop: SHOP, now: new Date() })).toBe(false);
    expect(await catchUpLookPublication({ shop: SHOP, now: new Date(), installed: true })).toBe(true);
    await runDueJobs();
    expect(storefrontMetafield()?.value).toMatchObject({ accent_color: "#006400" });
  });
});

describe("the app proxy's whole page (no script)", () => {
  const page = async () => {
    const query = signedAppProxyQuery({
      shop: SHOP,
      pathPrefix: "/apps/track",
      apiSecret: TEST_ENV.SHOPIFY_API_SECRET,
    });
    const reply = await answerProxyRequest({
      method: "GET",
      pathname: "/proxy",
      query,
      header: () => null,
      body: "",
      remoteAddress: "203.0.113.9",
    });
    return reply.body;
  };

  it("wears the look saved in Settings, like the block", async () => {
    const before = await page();
    expect(before).toContain('<main class="pw-track pw-track--filled" style="--pw-accent: #1a5fb4;');
    await mergeBranding({ shop: SHOP, values: parsedLook() });
    const after = await page();
    expect(after).toContain(
      '<main class="pw-track pw-track--outline" style="--pw-accent: #006400; --pw-on-accent: #ffffff; --pw-radius: 12px;">',
    );
    expect(after).toContain('<h1 class="pw-track__heading">Where&#39;s my parcel?</h1>');
    expect(after).toContain("Type your order number.");
    expect(after).toContain('src="https://cdn.example.com/logo.png"');
    expect(after).toContain("We ship within two days.");
  });
});
