import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { demoShopperEmail } from "../../prisma/seed/demo-shop";
import { DEMO, startDemoStack, type DemoStack } from "../../scripts/lib/demo-stack";
import { launchChromium } from "./browser";
import { requireBuild, temporarySqliteUrl } from "./built-app";

// The shopper's side, end to end: the theme block rendered by the storefront preview, its script, the
// stand-in's signed app proxy, the built app and the database.
const DOCS_SCREENSHOTS = "docs/screenshots";
const WIDTHS = [
  { name: "mobile", viewport: { width: 360, height: 740 } },
  { name: "desktop", viewport: { width: 1280, height: 900 } },
] as const;

let stack: DemoStack;
let browser: Browser;
let db: Database;
const databaseUrl = temporarySqliteUrl("storefront");

beforeAll(async () => {
  requireBuild();
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  stack = await startDemoStack({ databaseUrl, orders: 120 });
  browser = await launchChromium();
  db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
});

afterAll(async () => {
  await db?.$disconnect();
  await browser?.close();
  await stack?.stop();
});

// A parcel on its way with a delivery window: the page a shopper most often sees.
async function orderInTransit(skip: number) {
  const shipment = await db.shipment.findFirstOrThrow({
    where: { shop: DEMO.shop, status: "in_transit", attention: null },
    orderBy: { createdAt: "desc" },
    skip,
    select: { trackingNumber: true, order: { select: { name: true } } },
  });
  return {
    name: shipment.order.name,
    number: Number(shipment.order.name.slice(1)),
    tracking: shipment.trackingNumber,
  };
}

async function lookUp(page: Page, order: string, contact: string) {
  await page.getByLabel("Order number").fill(order);
  await page.getByLabel("Email, phone number or postal code").fill(contact);
  await page.getByRole("button", { name: "Track", exact: true }).click();
}

describe.each(WIDTHS)("storefront tracking page at $viewport.width px", ({ name, viewport }) => {
  it("finds an order by number and email, shows its timeline and files a help request", async () => {
    const order = await orderInTransit(name === "mobile" ? 0 : 1);
    const page = await browser.newPage({ viewport });
    await page.goto(`${stack.storefront.url}/pages/track`);
    await lookUp(page, String(order.number), demoShopperEmail(order.number));

    const heading = page.getByRole("heading", { name: `Order ${order.name}` });
    await heading.waitFor();
    // The result is announced (live region) and focus moves to it for keyboard and screen reader users.
    expect(
      await page.locator("[aria-live=polite] h2").evaluate((node) => node === document.activeElement),
    ).toBe(true);
    const steps = page.getByRole("list", { name: "Delivery progress" }).first();
    expect(await steps.getByRole("listitem").allTextContents()).toEqual([
      "Ordered (done)",
      "Packed (done)",
      "Shipped (current step)",
      "Out for delivery",
      "Delivered",
    ]);
    await page
      .getByText(/^Expected (between|on) /)
      .first()
      .waitFor();
    if (order.tracking) await page.getByText(order.tracking).first().waitFor();

    // Usable at this width: nothing wider than the screen, every control at least 44 px tall.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );
    const heights = await page
      .locator(
        ".pw-track input:not([type=hidden]):not([type=radio]), .pw-track button, .pw-track select, .pw-choice, .pw-facts a",
      )
      .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);

    await page.screenshot({ path: `${DOCS_SCREENSHOTS}/storefront-tracking-${name}.png`, fullPage: true });

    await page.getByLabel("It's late").check();
    await page.getByLabel("Details (optional)").fill(`Still waiting (${name})`);
    await page.getByRole("button", { name: "Send to the store" }).click();
    await page.getByText("The store has your request and will reply by email.").waitFor();
    const request = await db.supportRequest.findFirstOrThrow({
      where: { shop: DEMO.shop, message: `Still waiting (${name})` },
      include: { order: { select: { name: true } } },
    });
    expect(request).toMatchObject({
      reason: "late",
      status: "open",
      contactEmail: demoShopperEmail(order.number),
    });
    expect(request.order?.name).toBe(order.name);
    await page.close();
  });

  it("says plainly that nothing was found for a wrong email", async () => {
    const order = await orderInTransit(2);
    const page = await browser.newPage({ viewport });
    await page.goto(`${stack.storefront.url}/pages/track`);
    await lookUp(page, order.name, "someone-else@example.com");
    await page
      .getByRole("status")
      .getByText("We couldn't find an order with those details.", { exact: false })
      .waitFor();
    expect(await page.getByRole("heading", { name: `Order ${order.name}` }).count()).toBe(0);
    await page.close();
  });
});

describe("storefront tracking page without its script, in French and right-to-left", () => {
  it("still finds the order: the form posts and the proxy answers a whole page", async () => {
    const order = await orderInTransit(3);
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();
    await page.goto(`${stack.storefront.url}/pages/track`);
    await lookUp(page, order.name, demoShopperEmail(order.number));
    await page.getByRole("heading", { name: `Order ${order.name}` }).waitFor();
    expect(page.url()).not.toContain("example.com");
    await context.close();
  });

  it("speaks the storefront's language", async () => {
    const order = await orderInTransit(4);
    const page = await browser.newPage();
    await page.goto(`${stack.storefront.url}/fr/pages/track`);
    await page.getByLabel("Numéro de commande").fill(order.name);
    await page.getByLabel("E-mail, téléphone ou code postal").fill(demoShopperEmail(order.number));
    await page.getByRole("button", { name: "Suivre", exact: true }).click();
    await page.getByRole("heading", { name: `Commande ${order.name}` }).waitFor();
    await page.getByText("Avancement de la livraison", { exact: false }).count();
    await page.close();
  });

  it("mirrors the layout right-to-left", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${stack.storefront.url}/pages/track?dir=rtl`);
    const label = await page.getByText("Order number", { exact: true }).boundingBox();
    const input = await page.getByLabel("Order number").boundingBox();
    // The label starts at the right edge of its input.
    if (!label || !input) throw new Error("the order number field is not laid out");
    expect(Math.abs(label.x + label.width - (input.x + input.width))).toBeLessThan(2);
    await page.close();
  });
});

// Last: it changes the shop's look. What the merchant saves in Settings reaches the storefront block through
// the app's metafield in "Shopify" (the stand-in), which the block's Liquid reads.
describe("the look saved in Settings on the storefront", () => {
  const accentOfSubmit = (page: Page) =>
    page
      .getByRole("button", { name: "Track", exact: true })
      .evaluate((node) => getComputedStyle(node).backgroundColor);

  it("shows on the tracking page once saved, and after Shopify comes back when it was down", async () => {
    const storefront = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await storefront.goto(`${stack.storefront.url}/pages/track`);
    expect(await accentOfSubmit(storefront)).toBe("rgb(26, 95, 180)");

    const admin = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await admin.goto(`${stack.app.url}/app/settings`);
    // Typing before hydration would be undone by it.
    await admin.waitForLoadState("networkidle");
    await admin.getByLabel("Heading").fill("Where is my parcel?");
    await admin.getByLabel("Accent colour", { exact: true }).fill("#006400");
    await admin.getByRole("button", { name: "Save look" }).click();
    await admin.getByText("Your store's tracking page shows it now.").waitFor();

    await storefront.reload();
    expect(await accentOfSubmit(storefront)).toBe("rgb(0, 100, 0)");
    expect(await storefront.locator(".pw-track__heading").first().textContent()).toBe("Where is my parcel?");

    // Shopify stops answering: the look is saved, the merchant is told the storefront waits, and it catches up.
    stack.standin.failNextRequests({ failure: 503, count: 6 });
    await admin.getByLabel("Accent colour", { exact: true }).fill("#8b0000");
    await admin.getByRole("button", { name: "Save look" }).click();
    await admin.getByText("Your store's tracking page gets it as soon as Shopify answers.").waitFor();
    await expect
      .poll(
        async () => {
          await storefront.reload();
          return accentOfSubmit(storefront);
        },
        { timeout: 45_000, interval: 1_000 },
      )
      .toBe("rgb(139, 0, 0)");
    await admin.getByText("Not on your storefront yet").waitFor({ state: "detached", timeout: 15_000 });
    await admin.close();
    await storefront.close();
  }, 90_000);
});
