import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { DEMO, IMPORTABLE_ORDERS, startDemoStack, type DemoStack } from "../../scripts/lib/demo-stack";
import { sharedDir } from "../../shopify-standin/shared-dir";
import { launchChromium } from "./browser";
import { SCREENSHOT_DIR, requireBuild, temporarySqliteUrl } from "./built-app";

let stack: DemoStack;
let browser: Browser;
const databaseUrl = temporarySqliteUrl("admin");

beforeAll(async () => {
  requireBuild();
  stack = await startDemoStack({ databaseUrl, orders: 120 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function expectedDashboard() {
  const db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  try {
    const where = { shop: DEMO.shop };
    const open = { ...where, attentionResolvedAt: null };
    const [orders, shipments, inTransit, outForDelivery, late, stuck] = await Promise.all([
      db.order.count({ where }),
      db.shipment.count({ where }),
      db.shipment.count({ where: { ...where, status: "in_transit" } }),
      db.shipment.count({ where: { ...where, status: "out_for_delivery" } }),
      db.shipment.count({ where: { ...open, attention: "late" } }),
      db.shipment.count({ where: { ...open, attention: "stuck" } }),
    ]);
    return { orders, shipments, in_transit: inTransit, out_for_delivery: outForDelivery, late, stuck };
  } finally {
    await db.$disconnect();
  }
}

describe("admin in the demo, in Chromium", () => {
  it("renders the dashboard with the seeded shop's numbers", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${stack.app.url}/app`);
    await page.locator('[data-metric="orders"] [data-metric-value]').waitFor();
    const expected = await expectedDashboard();
    expect(expected.orders).toBe(120);
    for (const [metric, value] of Object.entries(expected)) {
      const shown = await page.locator(`[data-metric="${metric}"] [data-metric-value]`).textContent();
      expect(Number(shown), metric).toBe(value);
    }
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-dashboard.png` });
    await page.close();
  });

  it("navigates to the shipments table and pages through it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${stack.app.url}/app`);
    await page.getByRole("link", { name: "Shipments" }).first().click();
    await page.waitForURL(/\/app\/shipments$/);
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(50);
    const firstPage = await rows.first().textContent();
    await page.getByRole("button", { name: /next/i }).click();
    await page.waitForURL(/after=/);
    await expect.poll(() => rows.first().textContent()).not.toBe(firstPage);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-shipments.png` });
    await page.close();
  });

  it("reads the shop from the Shopify stand-in on the settings page and saves a change", async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.app.url}/app/settings`);
    // Without ../shared the stand-in cannot validate Admin GraphQL, so it refuses it and the page says so.
    const shopLine = existsSync(sharedDir()) ? DEMO.shop : "Shopify could not be reached";
    await expect.poll(() => page.getByText(shopLine).count()).toBeGreaterThan(0);
    await page.getByLabel("Processing days before shipping").fill("3");
    await page.getByRole("button", { name: "Save promises" }).click();
    await page.getByText("Delivery promises saved").waitFor();
    await page.reload();
    expect(await page.getByLabel("Processing days before shipping").inputValue()).toBe("3");
    await page.close();
  });

  it.skipIf(!existsSync(sharedDir()))(
    "imports the store's recent orders from Shopify with live progress, then counts them",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${stack.app.url}/app/settings`);
      await page.getByRole("button", { name: "Import the last 60 days" }).click();
      await page.getByText(`${IMPORTABLE_ORDERS} orders imported`).waitFor({ timeout: 30_000 });
      await page.getByText("completed", { exact: true }).waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-settings-import.png` });
      await page.goto(`${stack.app.url}/app`);
      const orders = await page.locator('[data-metric="orders"] [data-metric-value]').textContent();
      expect(Number(orders)).toBe(120 + IMPORTABLE_ORDERS);
      // Imported shipments are handed to the carriers: scans arrive from the carrier stand-ins.
      const db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
      try {
        await expect
          .poll(
            () => db.trackingEvent.count({ where: { shop: DEMO.shop, source: { startsWith: "carrier:" } } }),
            {
              timeout: 30_000,
            },
          )
          .toBeGreaterThan(0);
      } finally {
        await db.$disconnect();
      }
      await page.close();
    },
  );

  it("answers /healthz", async () => {
    const response = await fetch(`${stack.app.url}/healthz`);
    expect(response.status).toBe(200);
  });
});
