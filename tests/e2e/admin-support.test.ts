import { copyFileSync, mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { DEMO, IMPORTABLE_ORDERS, startDemoStack, type DemoStack } from "../../scripts/lib/demo-stack";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { launchChromium } from "./browser";
import { SCREENSHOT_DIR, requireBuild, temporarySqliteUrl } from "./built-app";

// Support in the demo, in Chromium: from the setup checklist a merchant imports their recent orders, goes to the
// dashboard, finds the help request about a stuck parcel, opens it, goes to the parcel's support view, asks the
// carrier again, writes a note and resolves the request, all inside the app; every page fits a 360 px screen.

const DOCS_SCREENSHOTS = "docs/screenshots";

let stack: DemoStack;
let browser: Browser;
let db: Database;
const databaseUrl = temporarySqliteUrl("support");

beforeAll(async () => {
  requireBuild();
  // 120 orders: the seeded demo shop then has an open help request about a stuck parcel.
  stack = await startDemoStack({ databaseUrl, orders: 120 });
  browser = await launchChromium();
  db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await stack?.stop();
});

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}`, fullPage: true });
  copyFileSync(`${SCREENSHOT_DIR}/${name}`, `${DOCS_SCREENSHOTS}/${name}`);
}

async function fitsWithoutHorizontalScroll(page: Page, url: string) {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(url);
  await page.locator("h1").first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, url).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe("Support in the demo, in Chromium", () => {
  it("goes from the setup checklist to a resolved help request about a stuck parcel without leaving the app", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const visited: string[] = [];
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });
    await page.goto(`${stack.app.url}/app/onboarding`);
    const importStep = page.locator('[data-setup-step="import"]');
    // The import reads the stand-in's orders from Shopify's sample payloads in ../shared.
    if (sharedDirExists()) {
      await importStep.getByRole("button", { name: "Import the last 60 days" }).click();
      await importStep.getByText(`${IMPORTABLE_ORDERS} orders imported on`).waitFor({ timeout: 30_000 });
      await page.getByText("You're all set").waitFor();
    }
    await page.getByRole("link", { name: "Go to the dashboard" }).click();
    await page.waitForURL(/\/app$/);
    await page.locator("[data-attention-row]").first().waitFor();

    await page.getByRole("link", { name: "Support" }).first().click();
    await page.waitForURL(/\/app\/support$/);

    await page.getByLabel("Escalation").selectOption("stuck_beyond_tail");
    await page.waitForURL(/escalation=stuck_beyond_tail/);
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.first().textContent()).toContain("Stuck beyond the lane's tail");
    await screenshot(page, "admin-support.png");

    await rows.first().getByRole("link").first().click();
    await page.waitForURL(/\/app\/support\/[^/?]+$/);
    const requestUrl = page.url();
    const requestId = new URL(requestUrl).pathname.split("/").at(-1) ?? "";
    const helpRequest = await db.supportRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { shop: true, shipmentId: true, escalation: true, status: true },
    });
    expect([helpRequest.shop, helpRequest.escalation]).toEqual([DEMO.shop, "stuck_beyond_tail"]);
    expect(helpRequest.status).not.toBe("resolved");

    await page.getByRole("link", { name: "Open the support view" }).click();
    await page.waitForURL(new RegExp(`/app/shipments/${helpRequest.shipmentId}$`));
    await page.locator("[data-tracking-timeline], [data-delivery-windows]").first().waitFor();

    const order = await db.shipment.findUniqueOrThrow({
      where: { id: helpRequest.shipmentId ?? "" },
      select: { order: { select: { shopifyId: true } } },
    });
    const orderId = order.order.shopifyId.split("/").at(-1);
    expect(await page.getByRole("link", { name: "Open order in Shopify admin" }).getAttribute("href")).toBe(
      `https://admin.shopify.com/store/parcelwise-demo/orders/${orderId}`,
    );

    await page.getByRole("button", { name: "Re-check carrier now" }).click();
    const recheck = page.locator('[data-action-result="recheck"]');
    await recheck.waitFor({ timeout: 20_000 });
    expect(await recheck.textContent()).toMatch(
      /Checked|Checking|cannot ask|does not know|busy|Nothing left/,
    );
    expect(await db.job.count({ where: { uniqueKey: `shipment.refresh:${helpRequest.shipmentId}` } })).toBe(
      1,
    );

    const note = `Asked the carrier to trace it (${Date.now()})`;
    await page.getByLabel("Internal note").fill(note);
    await page.getByRole("button", { name: "Add note" }).click();
    await page.locator('[data-action-result="add-note"]').getByText("Note added").waitFor();
    await page.locator("[data-internal-notes]").getByText(note).waitFor();
    await screenshot(page, "admin-shipment.png");

    // Back to the request from the support view's own link to it.
    await page.locator(`a[href$="/app/support/${requestId}"]`).first().click();
    await page.waitForURL(requestUrl);
    await page.locator("[data-internal-notes]").getByText(note).waitFor();
    await page.getByRole("button", { name: "Resolve" }).click();
    await page.getByText("Request resolved").waitFor();
    const resolved = await db.supportRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect([resolved.status, resolved.resolvedAt]).toEqual(["resolved", expect.any(Date)]);
    expect(resolved.internalNotes).toContain(note);

    // Every page on the way was the app's own: one goto at the start, then only the app's links and buttons.
    const appOrigin = new URL(stack.app.url).origin;
    expect(visited.filter((url) => new URL(url).origin !== appOrigin)).toEqual([]);
    expect(visited.length).toBeGreaterThanOrEqual(6);
    await page.close();
  });

  it("fits a 360 px screen on every Support page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const request = await db.supportRequest.findFirstOrThrow({
      where: { shop: DEMO.shop, shipmentId: { not: null } },
      select: { id: true, shipmentId: true },
    });
    for (const path of ["/app/support", `/app/support/${request.id}`, `/app/shipments/${request.shipmentId}`])
      await fitsWithoutHorizontalScroll(page, `${stack.app.url}${path}`);
    await page.close();
  });

  it("answers an id that is not the shop's with a not-found page", async () => {
    const page = await browser.newPage();
    for (const path of ["/app/support/not-a-request", "/app/shipments/not-a-shipment"]) {
      const response = await page.goto(`${stack.app.url}${path}`);
      expect(response?.status(), path).toBe(404);
      await page.getByText("This page does not exist").waitFor();
    }
    await page.close();
  });
});
