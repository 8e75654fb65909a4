import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { enqueueJob } from "../../app/models/jobs.server";
import { parseCsv } from "../../app/models/delivery-windows/csv";
import { startAppServer, type RunningServer } from "../../scripts/lib/app-server";
import { DEMO_CREDENTIALS_KEY } from "../../scripts/lib/demo-messaging";
import { freePort } from "../../scripts/lib/free-port";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { DEMO_CUSTOMER_HASH_KEY } from "../../scripts/lib/prepare-database";
import { KNOWN_HISTORY, seedKnownDeliveryHistory } from "../helpers/delivery-history";
import { launchChromium } from "./browser";
import { SCREENSHOT_DIR, requireBuild, temporarySqliteUrl } from "./built-app";

// The Carrier performance page of the built app, in Chromium, for a history whose figures were worked out by
// hand (tests/helpers/delivery-history.ts): the headline figures, the carrier comparisons, a filter, the
// charts and the CSV exports show what a merchant should read. The app's own job worker builds the rollup.

const { shop, range } = KNOWN_HISTORY;
const databaseUrl = temporarySqliteUrl("carrier-performance");
const RANGE_QUERY = `from=${range.from}&to=${range.to}`;
let app: RunningServer;
let browser: Browser;
let db: Database;

beforeAll(async () => {
  requireBuild();
  migrateDatabase(databaseUrl);
  db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  await seedKnownDeliveryHistory(db, shop);
  // What sync schedules at install (app/models/sync.server.ts): the worker builds every day the shop has. The
  // job's type is spelled out: refresh.server.ts opens the app's database (and reads its config) on import.
  await enqueueJob(db, { shop, type: "delivery_stats.refresh", uniqueKey: "delivery_stats.refresh" });
  const port = await freePort();
  app = await startAppServer({
    port,
    env: {
      PARCELWISE_DEMO: "1",
      PARCELWISE_DEMO_SHOP: shop,
      PARCELWISE_DEMO_ADMIN_ACCESS_TOKEN: "shpat_known_history",
      SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
      SHOPIFY_API_KEY: "known-history-api-key",
      SHOPIFY_API_SECRET: "known-history-api-secret",
      CUSTOMER_HASH_KEY: DEMO_CUSTOMER_HASH_KEY,
      CREDENTIALS_ENCRYPTION_KEY: DEMO_CREDENTIALS_KEY,
      JOBS_POLL_INTERVAL_MS: "200",
      DATABASE_URL: databaseUrl,
    },
  });
  await rollupBuilt(30_000);
  browser = await launchChromium();
});

async function rollupBuilt(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await db.deliveryStatsState.findUnique({ where: { shop }, select: { pendingDays: true } });
    if (state?.pendingDays === "[]") return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the job worker did not build the rollup within ${timeoutMs} ms`);
}

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await db?.$disconnect();
});

type OpenedPage = { page: Page; problems: string[] };

// Console errors and uncaught exceptions, except the browser's own favicon request (no route serves one).
async function openReport(query: string): Promise<OpenedPage> {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 1000 },
    acceptDownloads: true,
    // Charts draw without their entry animation, so screenshots show the final bars.
    reducedMotion: "reduce",
  });
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) {
      problems.push(message.text());
    }
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${app.url}/app/carriers?${query}`);
  await page.locator('[data-metric="orders"] [data-metric-value]').waitFor();
  return { page, problems };
}

const metric = (page: Page, id: string) =>
  page.locator(`[data-metric="${id}"] [data-metric-value]`).textContent();
const metricDetail = (page: Page, id: string) =>
  page.locator(`[data-metric="${id}"] [data-metric-detail]`).textContent();

async function tableRow(page: Page, table: string, ...texts: string[]): Promise<string[]> {
  let rows = page.locator(`[data-table="${table}"] tbody tr`);
  for (const text of texts) rows = rows.filter({ hasText: text });
  expect(await rows.count(), `${table}: ${texts.join(", ")}`).toBe(1);
  return rows.locator("th, td").allTextContents();
}

async function downloadCsv(page: Page, table: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page
      .locator(`[data-table="${table}"]`)
      .getByRole("button", { name: /^Export CSV: / })
      .click(),
  ]);
  const path = await download.path();
  const [header = [], ...rows] = parseCsv(await readFile(path, "utf8"));
  return {
    filename: download.suggestedFilename(),
    rows: rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ""]))),
  };
}

describe("the Carrier performance page, in Chromium, for a known history", () => {
  it("shows the headline figures worked out by hand", async () => {
    const { page, problems } = await openReport(RANGE_QUERY);
    const expectedFigures = {
      orders: "26",
      time_to_ship: "1.0 days", // 24 h median
      transit: "3.0 days",
      scan_lag: "2.0 h",
      on_time_rate: "89.5%", // 17 of 19
      inside_window_rate: "89.5%",
      promise_error: "0.2 days", // 4 days over 19
      first_attempt_rate: "95.5%", // 21 of 22
      exception_rate: "8.0%", // 2 of 25
      return_rate: "4.0%",
      lost_rate: "4.0%",
      merchant_share: "20.0%", // 1 of 5 problems
      help_requests: "11.5", // 3 per 26 orders
      lookups: "76.9", // 20 per 26 orders
    };
    for (const [id, value] of Object.entries(expectedFigures)) expect(await metric(page, id), id).toBe(value);
    expect(await metricDetail(page, "orders")).toBe("25 shipments, 22 delivered");
    expect(await metricDetail(page, "time_to_ship")).toContain("9 in 10 within 2.0 days");
    expect(await metricDetail(page, "transit")).toContain("9 in 10 within 5.0 days");
    expect(await metricDetail(page, "on_time_rate")).toBe("Of 19 delivered with a promise; 2 late");
    expect(await metricDetail(page, "merchant_share")).toBe(
      "1 of 5 problems (carrier 2, shopper 2, customs and weather 0)",
    );
    // Nothing was ordered in the two weeks before: no change to show.
    expect(await page.locator("[data-metric-change]").count()).toBe(0);
    expect(
      await page.getByText("Oct 5, 2026 – Oct 18, 2026, compared with Sep 21, 2026 – Oct 4, 2026").count(),
    ).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-carriers.png`, fullPage: true });
    await page.close();
  });

  it("compares carriers, carriers on the lane they share, destinations, weeks and months", async () => {
    const { page } = await openReport(RANGE_QUERY);
    // Carrier, shipments, delivered, on time, transit median, p90, exceptions, returned, lost, first attempt…
    expect((await tableRow(page, "carriers", "UPS")).slice(0, 7)).toEqual([
      "UPS",
      "10",
      "10",
      "80.0%",
      "3.0 days",
      "3.0 days",
      "0.0%",
    ]);
    expect((await tableRow(page, "carriers", "FedEx")).slice(0, 10)).toEqual([
      "FedEx",
      "10",
      "9",
      "100.0%",
      "5.0 days",
      "5.0 days",
      "10.0%",
      "0.0%",
      "0.0%",
      "88.9%",
    ]);
    expect((await tableRow(page, "carriers", "USPS")).slice(0, 9)).toEqual([
      "USPS",
      "5",
      "3",
      "—", // nothing promised
      "2.0 days",
      "2.0 days",
      "20.0%", // the lost parcel
      "20.0%",
      "20.0%",
    ]);
    expect((await tableRow(page, "services", "USPS", "Priority")).slice(0, 3)).toEqual([
      "USPS",
      "Priority",
      "5",
    ]);

    // California: FedEx keeps its promises, UPS is faster.
    const lanes = page.locator('[data-table="lanes"] tbody tr');
    expect(await lanes.count()).toBe(2);
    const upsLane = lanes.filter({ hasText: "UPS" });
    const fedexLane = lanes.filter({ hasText: "FedEx" });
    expect(await upsLane.locator("th, td").first().textContent()).toBe("CA, United States");
    expect(await upsLane.locator('[data-lane-leader="fastest"]').count()).toBe(1);
    expect(await upsLane.locator('[data-lane-leader="on-time"]').count()).toBe(0);
    expect(await fedexLane.locator('[data-lane-leader="on-time"]').count()).toBe(1);
    expect(await fedexLane.locator('[data-lane-leader="fastest"]').count()).toBe(0);

    // Destination, orders, delivered, on time…
    expect((await tableRow(page, "destinations", "CA, United States")).slice(0, 4)).toEqual([
      "CA, United States",
      "21",
      "19",
      "89.5%",
    ]);
    expect((await tableRow(page, "destinations", "NY, United States")).slice(0, 4)).toEqual([
      "NY, United States",
      "5",
      "3",
      "—",
    ]);
    // Week of, orders, time to ship, transit, on time.
    expect((await tableRow(page, "weekly", "Oct 5")).slice(0, 5)).toEqual([
      "Oct 5",
      "10",
      "1.0 days",
      "3.0 days",
      "80.0%",
    ]);
    expect((await tableRow(page, "weekly", "Oct 12")).slice(0, 5)).toEqual([
      "Oct 12",
      "16",
      "2.0 days",
      "5.0 days",
      "100.0%",
    ]);
    expect(await page.locator('[data-table="monthly"] tbody tr').count()).toBe(1);
    expect((await tableRow(page, "monthly", "Oct 2026")).slice(0, 2)).toEqual(["Oct 2026", "26"]);
    await page.close();
  });

  it("draws every chart in the browser without errors", async () => {
    const { page, problems } = await openReport(RANGE_QUERY);
    const charts = page.locator("[data-chart]");
    expect(await charts.count()).toBe(6);
    for (const chart of await charts.all()) {
      await chart.locator("svg").first().waitFor();
    }
    // Charts draw after hydration only: the server's HTML holds their placeholders.
    const html = await (await fetch(`${app.url}/app/carriers?${RANGE_QUERY}`)).text();
    expect(html).toContain('data-chart="carrier-on-time"');
    expect(html).not.toMatch(/data-chart="carrier-on-time"[^>]*><svg/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("narrows every figure to a carrier chosen in the filter bar, in a shareable URL", async () => {
    const { page, problems } = await openReport(RANGE_QUERY);
    await page.getByLabel("Carrier", { exact: true }).selectOption("ups");
    await page.waitForURL(/carrier=ups/);
    await expect.poll(() => metric(page, "orders")).toBe("10");
    expect(new URL(page.url()).searchParams.get("from")).toBe(range.from);
    expect(await metric(page, "on_time_rate")).toBe("80.0%");
    expect(await metric(page, "transit")).toBe("3.0 days");
    expect(await metric(page, "time_to_ship")).toBe("1.0 days");
    expect(await metric(page, "lookups")).toBe("100.0");
    expect(await page.locator('[data-table="carriers"] tbody tr').count()).toBe(1);

    // The same URL opened afresh shows the same view.
    const shared = await openReport(new URL(page.url()).search.slice(1));
    expect(await metric(shared.page, "orders")).toBe("10");
    expect(await shared.page.getByLabel("Carrier", { exact: true }).inputValue()).toBe("ups");
    await shared.page.close();

    await page.getByLabel("Carrier", { exact: true }).selectOption("");
    await page.waitForURL((url) => !url.searchParams.has("carrier"));
    await expect.poll(() => metric(page, "orders")).toBe("26");

    // A custom range: the second week alone (FedEx, USPS and the unshipped order).
    await page.getByLabel("From", { exact: true }).fill("2026-10-12");
    await page.getByRole("button", { name: "Apply dates" }).click();
    await page.waitForURL(/from=2026-10-12/);
    await expect.poll(() => metric(page, "orders")).toBe("16");
    expect(await metric(page, "on_time_rate")).toBe("100.0%");
    // Against the week before (UPS alone): 16 orders against 10, on time 100% against 80%, slower transit.
    const change = (id: string) => page.locator(`[data-metric="${id}"] [data-metric-change]`).textContent();
    // Polaris badges carry their tone as hidden text for screen readers.
    expect(await change("orders")).toBe("+60.0%");
    expect(await change("on_time_rate")).toBe("Success+20.0 pts");
    expect(await change("transit")).toBe("Critical+2.0 days");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("exports each table as CSV for the current filters", async () => {
    const { page } = await openReport(RANGE_QUERY);
    const carriers = await downloadCsv(page, "carriers");
    expect(carriers.filename).toBe(`carrier-performance-carriers-${range.from}-to-${range.to}.csv`);
    const ups = carriers.rows.find((row) => row.carrier === "ups");
    expect(ups).toMatchObject({
      orders: "10",
      delivered: "10",
      time_to_ship_median_hours: "24",
      transit_median_days: "3",
      on_time_rate: "0.8000",
      exception_rate: "0.0000",
    });
    expect(carriers.rows.find((row) => row.carrier === "usps")).toMatchObject({
      on_time_rate: "",
      lost_rate: "0.2000",
    });
    expect(
      carriers.rows
        .map((row) => row.carrier)
        .filter(Boolean)
        .sort(),
    ).toEqual(["fedex", "ups", "usps"]);

    const lanes = await downloadCsv(page, "lanes");
    expect(
      lanes.rows.map(({ country, region, carrier, best_on_time, fastest }) => ({
        country,
        region,
        carrier,
        best_on_time,
        fastest,
      })),
    ).toEqual(
      expect.arrayContaining([
        { country: "US", region: "CA", carrier: "ups", best_on_time: "0", fastest: "1" },
        { country: "US", region: "CA", carrier: "fedex", best_on_time: "1", fastest: "0" },
      ]),
    );

    await page.getByLabel("Carrier", { exact: true }).selectOption("fedex");
    await page.waitForURL(/carrier=fedex/);
    await expect.poll(() => metric(page, "orders")).toBe("10");
    const weekly = await downloadCsv(page, "weekly");
    expect(weekly.filename).toBe(`carrier-performance-weekly-${range.from}-to-${range.to}-fedex.csv`);
    expect(weekly.rows).toEqual([
      expect.objectContaining({ week_start: "2026-10-12", orders: "10", first_attempt_rate: "0.8889" }),
    ]);
    await page.close();

    const response = await fetch(`${app.url}/app/carriers/csv?table=destinations&${RANGE_QUERY}`);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="carrier-performance-destinations-${range.from}-to-${range.to}.csv"`,
    );
    const text = await response.text();
    expect(text.split("\r\n")[0]?.startsWith("country,region,orders,shipments,delivered,")).toBe(true);
    expect((await fetch(`${app.url}/app/carriers/csv?table=sessions`)).status).toBe(400);
  });

  it("says so when nothing was ordered in the range", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/app/carriers?from=2025-01-01&to=2025-01-31`);
    await page.locator("[data-empty-state]").getByText("No orders in this range").waitFor();
    expect(await page.locator("[data-chart]").count()).toBe(0);

    // Filtered down to nothing: one click back to the same dates, unfiltered.
    await page.goto(`${app.url}/app/carriers?${RANGE_QUERY}&destination=US-TX`);
    await page.locator("[data-empty-state]").getByText("No orders in this range").waitFor();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await page.waitForURL((url) => !url.searchParams.has("destination"));
    await expect.poll(() => metric(page, "orders")).toBe("26");
    await page.close();
  });
});
