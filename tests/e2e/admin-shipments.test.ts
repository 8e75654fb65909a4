import { copyFile, readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { DEMO, startDemoStack, type DemoStack } from "../../scripts/lib/demo-stack";
import { launchChromium } from "./browser";
import { SCREENSHOT_DIR, requireBuild, temporarySqliteUrl } from "./built-app";

// The Shipments page of the built demo in Chromium, as a merchant uses it: search, a filter, selecting rows,
// re-checking them with the carrier, marking problems resolved, exporting CSV; with the keyboard, and on a
// 360 px wide phone without scrolling sideways.

const DOCS_SCREENSHOT = "docs/screenshots/admin-shipments.png";
const databaseUrl = temporarySqliteUrl("shipments");
let stack: DemoStack;
let browser: Browser;
let db: Database;

beforeAll(async () => {
  requireBuild();
  stack = await startDemoStack({ databaseUrl, orders: 120 });
  db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await stack?.stop();
});

const rows = (page: Page) => page.locator("tbody tr");
// Each row's link to its shipment, in the table and in the phone's compact list alike.
const rowLinks = (page: Page) => page.locator("a[data-primary-link]");
const orderNames = (page: Page) => rowLinks(page).allTextContents();
const shownIds = (page: Page) =>
  rowLinks(page).evaluateAll((links) =>
    links.map((link) => link.getAttribute("href")?.split("/").pop() ?? ""),
  );
const shipmentIdOfRow = async (page: Page, index: number) => (await shownIds(page))[index] ?? "";

async function openShipments(page: Page, query = "") {
  await page.goto(`${stack.app.url}/app/shipments${query}`);
  await page.getByRole("heading", { name: "Shipments" }).waitFor();
}

async function selectRows(page: Page, count: number) {
  for (let index = 0; index < count; index += 1) {
    await rows(page).nth(index).getByRole("checkbox").check();
  }
}

async function downloadFrom(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = await download.path();
  return { filename: download.suggestedFilename(), text: await readFile(file, "utf8") };
}

const csvOrders = (text: string) =>
  text
    .trimEnd()
    .split("\r\n")
    .slice(1)
    .map((line) => line.split(",")[0]);

describe("the Shipments page in Chromium", () => {
  it("searches, filters and pages with the keyboard, and shows the view in its URL", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openShipments(page);
    await expect.poll(() => rows(page).count()).toBe(50);
    // Polaris measures the header's actions before it shows them.
    await page
      .getByRole("button", { name: "Export CSV: every shipment of this view" })
      .waitFor({ state: "visible" });
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-shipments.png` });
    await copyFile(`${SCREENSHOT_DIR}/admin-shipments.png`, DOCS_SCREENSHOT);

    // Search by order name, typed into the labelled search field.
    const split = await db.order.findFirstOrThrow({
      where: { shop: DEMO.shop, shipments: { some: {} } },
      orderBy: { name: "asc" },
      select: { name: true, _count: { select: { shipments: true } } },
    });
    const search = page.getByRole("textbox", { name: "Order, tracking number or customer email" });
    await search.focus();
    await page.keyboard.type(split.name.replace("#", ""));
    await page.waitForURL(/q=/);
    await expect.poll(() => orderNames(page)).toEqual(Array(split._count.shipments).fill(split.name));

    // Search by a customer's email: their orders' shipments, matched through the keyed hash.
    await search.fill("shopper+1001@example.com");
    await page.waitForURL(/q=shopper/);
    await expect.poll(() => orderNames(page)).toEqual(expect.arrayContaining(["#1001"]));

    // A status filter from its pill, chosen with the keyboard.
    await openShipments(page);
    await page.getByRole("button", { name: "Status" }).click();
    const delivered = page.getByRole("checkbox", { name: "Delivered" });
    await delivered.focus();
    await page.keyboard.press("Space");
    await page.waitForURL(/status=delivered/);
    await page.keyboard.press("Escape");
    const deliveredCount = await db.shipment.count({ where: { shop: DEMO.shop, status: "delivered" } });
    await expect
      .poll(async () => (await rows(page).allTextContents()).every((row) => row.includes("Delivered")))
      .toBe(true);
    expect(await rows(page).count()).toBe(Math.min(50, deliveredCount));

    // Pages by cursor keep the filter; back returns the first page.
    await openShipments(page);
    const firstPage = await orderNames(page);
    await page.getByRole("button", { name: "Next page of shipments" }).click();
    await page.waitForURL(/after=/);
    await expect.poll(() => orderNames(page)).not.toEqual(firstPage);
    await page.getByRole("button", { name: "Previous page of shipments" }).click();
    await page.waitForURL(/before=|\/app\/shipments$/);
    await expect.poll(() => orderNames(page)).toEqual(firstPage);
    await page.close();
  });

  it("re-checks the selected shipments with the carrier and marks their problems resolved", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const startedAt = new Date();
    await openShipments(page, "?status=in_transit");
    await expect.poll(() => rows(page).count()).toBeGreaterThan(2);
    const ids = (await shownIds(page)).slice(0, 2);
    await selectRows(page, 2);
    await page.getByRole("button", { name: "Re-check now" }).click();
    // The demo's worker polls the carrier stand-ins meanwhile: one of the two may have been delivered since.
    await page.getByText(/^[12] shipments? queued for a carrier check now$/).waitFor();
    const jobs = await db.job.findMany({
      where: { shop: DEMO.shop, uniqueKey: { in: ids.map((id) => `shipment.refresh:${id}`) } },
    });
    expect(jobs).toHaveLength(2);
    for (const job of jobs)
      expect(job.updatedAt.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1000);

    // The worker keeps polling the carriers meanwhile, so problems come and go: the resolved one is followed.
    await openShipments(page, "?attention=any");
    await expect.poll(() => rows(page).count()).toBeGreaterThan(1);
    const resolvedId = await shipmentIdOfRow(page, 0);
    await selectRows(page, 1);
    await page.getByRole("button", { name: "Mark resolved" }).click();
    await page.getByText("1 problem marked resolved").waitFor();
    await expect.poll(() => shownIds(page)).not.toContain(resolvedId);
    const resolved = await db.shipment.findUniqueOrThrow({ where: { id: resolvedId } });
    expect(resolved.attention).not.toBeNull();
    expect(resolved.attentionResolvedAt).not.toBeNull();
    await page.close();
  });

  it("exports the whole view, or the selected rows, as CSV", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openShipments(page, "?status=delivered&sort=oldest");
    const all = await downloadFrom(page, () =>
      page.getByRole("button", { name: "Export CSV: every shipment of this view" }).click(),
    );
    expect(all.filename).toMatch(/^shipments-\d{4}-\d{2}-\d{2}\.csv$/);
    const delivered = await db.shipment.findMany({
      where: { shop: DEMO.shop, status: "delivered" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { order: { select: { name: true } } },
    });
    expect(csvOrders(all.text)).toEqual(delivered.map((shipment) => shipment.order.name));
    expect(all.text).not.toMatch(/@/);

    await selectRows(page, 2);
    const selected = await downloadFrom(page, () =>
      page.getByRole("button", { name: "Export CSV", exact: true }).last().click(),
    );
    expect(csvOrders(selected.text)).toEqual(delivered.slice(0, 2).map((shipment) => shipment.order.name));
    await page.close();
  });

  it("fits a 360 px wide phone without scrolling sideways or jumping as it loads, and says when nothing matches", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
    // Every layout shift the merchant did not cause, from the first paint on.
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { unexpectedShifts: number[] }).unexpectedShifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<
          PerformanceEntry & { value: number; hadRecentInput: boolean }
        >)
          if (!entry.hadRecentInput) shifts.push(entry.value);
      }).observe({ type: "layout-shift", buffered: true });
    });
    await openShipments(page);
    await expect.poll(() => rowLinks(page).count()).toBe(50);
    await page.waitForLoadState("networkidle");
    // The list stays where it was first drawn once the page's script runs (Built for Shopify allows 0.1 in all).
    const shifted = await page.evaluate(() =>
      (window as unknown as { unexpectedShifts: number[] }).unexpectedShifts.reduce(
        (sum, value) => sum + value,
        0,
      ),
    );
    expect(shifted).toBeLessThan(0.02);
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.document).toBeLessThanOrEqual(widths.viewport);
    expect(widths.body).toBeLessThanOrEqual(widths.viewport);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-shipments-360.png`, fullPage: false });

    await openShipments(page, "?q=no-such-order-anywhere");
    await page.getByText("No shipments match").waitFor();
    await page.getByRole("button", { name: "Clear search and filters" }).click();
    await page.waitForURL(/\/app\/shipments$/);
    await page.close();
  });
});
