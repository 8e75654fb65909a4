import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { DEMO, IMPORTABLE_ORDERS, startDemoStack, type DemoStack } from "../../scripts/lib/demo-stack";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { launchChromium } from "./browser";
import { SCREENSHOT_DIR, requireBuild, temporarySqliteUrl } from "./built-app";

// The merchant's first visit in the demo, in Chromium: the setup checklist with a live import, the dashboard
// it leads to, and Settings, whose tracking page preview follows what the merchant types. Every page is
// checked at a phone's 360 px for sideways scrolling.

const DOCS_SCREENSHOTS = "docs/screenshots";
const ORDERS = 80;
let stack: DemoStack;
let browser: Browser;
let db: Database;
const databaseUrl = temporarySqliteUrl("workspace");

beforeAll(async () => {
  requireBuild();
  stack = await startDemoStack({ databaseUrl, orders: ORDERS });
  db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await stack?.stop();
});

const step = (page: Page, id: string) => page.locator(`[data-setup-step="${id}"]`);

async function metric(page: Page, id: string): Promise<number> {
  return Number(await page.locator(`[data-metric="${id}"] [data-metric-value]`).first().textContent());
}

async function expectedNumbers(): Promise<Record<string, number>> {
  const where = { shop: DEMO.shop };
  const open = { ...where, attentionResolvedAt: null };
  // The demo shop keeps Shopify's default time zone, UTC.
  const todayStart = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  return {
    shipped_today: await db.shipment.count({ where: { ...where, shippedAt: { gte: todayStart } } }),
    in_transit: await db.shipment.count({ where: { ...where, status: "in_transit" } }),
    out_for_delivery: await db.shipment.count({ where: { ...where, status: "out_for_delivery" } }),
    delivered_today: await db.shipment.count({
      where: { ...where, status: "delivered", deliveredAt: { gte: todayStart } },
    }),
    late: await db.shipment.count({ where: { ...open, attention: "late" } }),
    stuck: await db.shipment.count({ where: { ...open, attention: "stuck" } }),
    exception: await db.shipment.count({ where: { ...open, attention: "exception" } }),
  };
}

async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(`${stack.app.url}${path}`);
  await page.waitForLoadState("networkidle");
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, `${path} scrolls sideways at 360 px`).toBeLessThanOrEqual(widths.client);
}

describe("admin workspace in the demo, in Chromium", () => {
  it.skipIf(!sharedDirExists())(
    "walks the setup checklist: imports the recent orders with live progress, and shows what is done",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(`${stack.app.url}/app/onboarding`);
      // The demo shop already has shoppers' help requests and a verified email provider.
      await expect.poll(() => step(page, "tracking-page").getAttribute("data-done")).toBe("true");
      expect(await step(page, "notifications").getAttribute("data-done")).toBe("true");
      expect(await step(page, "import").getAttribute("data-done")).toBe("false");
      await page.getByText("2 of 3 steps done").waitFor();

      await step(page, "import").getByRole("button", { name: "Import the last 60 days" }).click();
      await step(page, "import")
        .getByText(/orders imported/)
        .waitFor();
      await step(page, "import")
        .getByText(`${IMPORTABLE_ORDERS} orders imported on`)
        .waitFor({ timeout: 30_000 });
      expect(await step(page, "import").getAttribute("data-done")).toBe("true");
      await page.getByText("3 of 3 steps done").waitFor();
      await page.getByText("You're all set").waitFor();
      // Let the progress bars finish their fill animation before the picture.
      await page.waitForTimeout(1_000);
      await page.screenshot({ path: `${DOCS_SCREENSHOTS}/admin-onboarding.png`, fullPage: true });

      await page.getByRole("link", { name: "Go to the dashboard" }).click();
      await page.waitForURL(/\/app$/);
      expect(await page.getByText("Finish setting up").count()).toBe(0);
      expect(await metric(page, "orders")).toBe(ORDERS + IMPORTABLE_ORDERS);
      await page.close();
    },
  );

  it("shows today's numbers, each a link into the shipments list, and the oldest problems", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${stack.app.url}/app`);
    await page.locator('[data-metric="late"] [data-metric-value]').waitFor();
    // The imported shipments' first carrier scans may still be landing: read both sides until they agree.
    let expected: Record<string, number> = {};
    await expect
      .poll(
        async () => {
          expected = await expectedNumbers();
          await page.reload();
          const shown: Record<string, number> = {};
          for (const id of Object.keys(expected)) shown[id] = await metric(page, id);
          const agree = Object.keys(expected).every((id) => shown[id] === expected[id]);
          return agree ? "agree" : JSON.stringify({ shown, expected });
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe("agree");
    expect(expected.stuck).toBeGreaterThan(0);

    const queue = page.locator("[data-attention-row]");
    expect(await queue.count()).toBeGreaterThan(0);
    expect(await queue.first().textContent()).toMatch(/Next step: /);
    await page.screenshot({ path: `${DOCS_SCREENSHOTS}/admin-dashboard.png` });

    // Keyboard: the tiles are links named by their label and number.
    await page.getByRole("link", { name: new RegExp(`^Stuck\\s*${expected.stuck}$`) }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/app\/shipments\?attention=stuck$/);

    await page.goto(`${stack.app.url}/app`);
    await queue.first().getByRole("link").first().click();
    await page.waitForURL(/\/app\/shipments\/[^/?]+$/);
    await page.close();
  });

  it("previews the tracking page as the merchant types, and validates each settings group inline", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${stack.app.url}/app/settings`);
    await page.waitForLoadState("networkidle");
    const preview = page.frameLocator('iframe[title="Tracking page preview"]');
    await expect.poll(() => preview.locator(".pw-track__heading").textContent()).toBe("Track your order");

    await page.getByLabel("Heading").fill("Where is my parcel?");
    await expect.poll(() => preview.locator(".pw-track__heading").textContent()).toBe("Where is my parcel?");
    await page.getByLabel("Accent colour", { exact: true }).fill("#ffd700");
    await expect
      .poll(() => preview.locator("[data-pw-block]").getAttribute("style"))
      .toContain("--pw-accent: #ffd700; --pw-on-accent: #000000");
    await page.getByLabel("Message when a parcel is late").fill("We ship within two days.");
    await expect
      .poll(() => preview.locator(".pw-track__note p").textContent())
      .toBe("We ship within two days.");
    // The answer in the preview is the storefront's own markup.
    expect(await preview.locator(".pw-steps .pw-step").count()).toBe(5);
    await page.getByRole("button", { name: "Save look" }).click();
    await page.getByText("Tracking page look saved").waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-settings.png`, fullPage: true });
    await page.reload();
    // Typing before hydration would be undone by it.
    await page.waitForLoadState("networkidle");
    expect(await page.getByLabel("Heading").inputValue()).toBe("Where is my parcel?");

    await page.getByLabel("Same-day cut-off (shop time)").fill("");
    await page.getByRole("button", { name: "Save promises" }).click();
    await page.getByText("Use 24-hour HH:MM, like 14:00").waitFor();
    await page.getByLabel("Same-day cut-off (shop time)").fill("15:30");
    await page.getByLabel("Processing days before shipping").fill("2");
    await page.getByLabel("Saturday").check();
    await page.getByRole("button", { name: "Save promises" }).click();
    await page.getByText("Delivery promises saved").waitFor();
    const settings = await db.shopSettings.findUniqueOrThrow({ where: { shop: DEMO.shop } });
    expect(settings).toMatchObject({
      processingDays: 2,
      orderCutoffLocalTime: "15:30",
      businessDays: "MON,TUE,WED,THU,FRI,SAT",
    });

    await page.getByLabel("Keep tracking data for (days)").fill("7");
    await page.getByRole("button", { name: "Save retention" }).click();
    await page.getByText("Keep data at least 30 days").waitFor();

    await page.getByLabel("Write carrier milestones back to Shopify").check();
    await page.getByRole("button", { name: "Save write-back" }).click();
    await page.getByText("Write-back setting saved").waitFor();
    expect((await db.shopSettings.findUniqueOrThrow({ where: { shop: DEMO.shop } })).writeBackToShopify).toBe(
      true,
    );
    await page.close();
  });

  it("checks a carrier account with the carrier before saving it, then shows only a masked hint", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${stack.app.url}/app/settings`);
    await page.waitForLoadState("networkidle");
    const ups = stack.carriers.credentialsFor("ups");
    await page.getByLabel("Client ID").fill(ups.clientId ?? "");
    await page.getByLabel("Client secret").fill("not-the-secret");
    await page.getByRole("button", { name: "Check and connect" }).click();
    await page.getByText(/UPS did not accept these credentials/).waitFor();
    expect(await db.carrierAccount.count({ where: { shop: DEMO.shop } })).toBe(0);

    await page.getByLabel("Client secret").fill(ups.clientSecret ?? "");
    await page.getByRole("button", { name: "Check and connect" }).click();
    await page.getByText("Carrier account connected").waitFor();
    const hint = `••••${(ups.clientSecret ?? "").slice(-4)}`;
    await page.getByText(hint).waitFor();
    expect(await page.content()).not.toContain(ups.clientSecret);
    await page.close();
  });

  it("fits a 360 px phone screen without sideways scrolling", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    for (const path of ["/app", "/app/onboarding", "/app/settings"]) {
      await expectNoSidewaysScroll(page, path);
      await page.screenshot({
        path: `${SCREENSHOT_DIR}/admin${path.replace(/^\/app/, "").replace("/", "-")}-360.png`,
        fullPage: true,
      });
    }
    const preview = page.frameLocator('iframe[title="Tracking page preview"]');
    expect(await preview.locator(".pw-track__heading").textContent()).toBe("Where is my parcel?");
    await page.close();
  });
});
