import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Database } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { parseNotificationRules } from "../../app/models/notification-rules";
import { DEMO, startDemoStack, type DemoStack } from "../../scripts/lib/demo-stack";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { launchChromium } from "./browser";
import { SCREENSHOT_DIR, requireBuild, temporarySqliteUrl } from "./built-app";

// The merchant's Notifications page in the demo, in Chromium: the rules save (and refuse what is wrong), the
// preview renders one of the shop's shipments, "Send me a test" reaches the demo's real SMTP server and its
// SMS stand-in, and a real notification from the outbox shows up on its shipment's page.

let stack: DemoStack;
let browser: Browser;
let db: Database;
const databaseUrl = temporarySqliteUrl("notifications");
// Without ../shared the Shopify stand-in refuses Admin GraphQL, and previews need the shop's profile from it.
const shopifyAnswers = sharedDirExists();

const TRACKING_LINK = "/apps/track?view=";
const TEST_EMAIL = "merchant@example.com";
const TEST_PHONE = "+14155550199";
const SHOPPER_PHONE = "+14155550123";

beforeAll(async () => {
  requireBuild();
  stack = await startDemoStack({ databaseUrl, orders: 40 });
  browser = await launchChromium();
  db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
});

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await stack?.stop();
});

async function newPage(): Promise<Page> {
  return browser.newPage({ viewport: { width: 1280, height: 1000 } });
}

async function storedSettings() {
  const row = await db.shopSettings.findUniqueOrThrow({
    where: { shop: DEMO.shop },
    select: { notificationRules: true, branding: true, updatedAt: true },
  });
  return row;
}

async function outboxCount(page: Page, status: string): Promise<number> {
  return Number(await page.locator(`[data-outbox-status="${status}"] [data-outbox-count]`).textContent());
}

// The signed tracking token carries the time it was issued: two renderings of one message differ only there.
const withoutToken = (text: string) => text.replace(/view=[^\s"&<]+/g, "view=…");

describe("the Notifications page in the demo, in Chromium", () => {
  it("saves the rules, refusing an invalid accent colour without saving anything", async () => {
    const page = await newPage();
    await page.goto(`${stack.app.url}/app`);
    await page.getByRole("link", { name: "Notifications" }).first().click();
    await page.waitForURL(/\/app\/notifications$/);

    const orderConfirmed = page.getByLabel("Order confirmed", { exact: true });
    const accent = page.getByLabel("Accent colour");
    // Shopify already confirms orders: off by default; texts for "shipped" are on.
    expect(await orderConfirmed.isChecked()).toBe(false);
    expect(await page.getByLabel("Shipped by SMS").isChecked()).toBe(true);
    const before = await storedSettings();

    await orderConfirmed.check();
    await page.getByLabel("Most messages per shipment per day").fill("5");
    await accent.fill("blue");
    await page.getByRole("button", { name: "Save notification settings" }).click();
    await page.getByText("Notification settings not saved").waitFor();
    await page.getByText("Use a colour like #1a73e8").waitFor();
    const refused = await storedSettings();
    expect(refused.notificationRules).toBe(before.notificationRules);
    expect(refused.branding).toBe(before.branding);
    expect(refused.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    // The merchant's choices stay in the form while they fix the highlighted field.
    expect(await orderConfirmed.isChecked()).toBe(true);

    await accent.fill("#1a73e8");
    await page.getByRole("button", { name: "Save notification settings" }).click();
    await page.getByText("Notification settings saved").waitFor();
    expect(await page.getByText("Use a colour like #1a73e8").count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/notifications-page.png`, fullPage: true });

    await page.reload();
    expect(await orderConfirmed.isChecked()).toBe(true);
    expect(await accent.inputValue()).toBe("#1a73e8");
    expect(await page.getByLabel("Most messages per shipment per day").inputValue()).toBe("5");
    expect(await page.getByLabel("Shipped by SMS").isChecked()).toBe(true);
    const saved = await storedSettings();
    const rules = parseNotificationRules(saved.notificationRules);
    expect(rules.milestones.order_confirmed).toEqual({ enabled: true, channels: ["email"] });
    expect(rules.maxPerShipmentPerDay).toBe(5);
    expect(JSON.parse(saved.branding ?? "{}")).toMatchObject({ accentColor: "#1a73e8" });
    await page.close();
  });

  it.skipIf(!shopifyAnswers)(
    "previews the shipped email in French and the text in German with a real shipment",
    async () => {
      const page = await newPage();
      await page.goto(`${stack.app.url}/app/notifications?preview=shipped&channel=email&locale=fr`);
      const subject = (await page.locator("[data-preview-subject]").textContent())?.trim() ?? "";
      const orderName = (await page.locator("[data-preview-shipment] a").textContent())?.trim() ?? "";
      expect(orderName).toMatch(/^#\d+$/);
      expect(subject).toBe(`Commande ${orderName} expédiée`);

      const frame = page.locator('iframe[title="Email preview"]');
      expect(await frame.getAttribute("sandbox")).toBe("");
      const html = (await frame.getAttribute("srcdoc")) ?? "";
      expect(html).toContain(TRACKING_LINK);
      expect(html).toContain(DEMO.shopName);
      expect(html).toContain(orderName);
      // The brand colour saved above dresses the button.
      expect(html.toLowerCase()).toContain("#1a73e8");
      // The tracking link opens the shop's storefront (the demo's storefront preview).
      expect(html).toContain(`${stack.storefront.url}${TRACKING_LINK}`);
      // The sandboxed frame really renders the email.
      await expect
        .poll(() => page.frameLocator('iframe[title="Email preview"]').getByText(orderName).count())
        .toBeGreaterThan(0);
      const text = (await page.locator("[data-preview-text]").textContent()) ?? "";
      expect(text).toContain(orderName);
      expect(text).toContain(TRACKING_LINK);
      // A viewport shot: Chromium's full-page captures leave iframes below the fold blank.
      await page.locator("[data-preview-shipment]").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/notifications-preview.png` });

      // The same choice through the form: the selects travel in the URL.
      await page.getByLabel("Channel").selectOption("sms");
      await page.getByLabel("Language").selectOption("de");
      await page.getByRole("button", { name: "Show preview" }).click();
      await page.waitForURL(/preview=shipped&channel=sms&locale=de/);
      const sms = (await page.locator("[data-preview-sms]").textContent()) ?? "";
      expect(sms).toContain(TRACKING_LINK);
      expect(sms.startsWith(`${DEMO.shopName}: `)).toBe(true);
      // One segment: the long signed link leaves room for the short form of the news only ("Versendet.").
      expect(sms).toMatch(/Versendet/i);
      expect((await page.locator("[data-preview-segments]").textContent())?.trim()).toBe("1 segment, GSM-7");
      await page.screenshot({ path: `${SCREENSHOT_DIR}/notifications-preview-sms.png` });
      await page.close();
    },
  );

  it.skipIf(!shopifyAnswers)(
    "sends a test email to the SMTP server and a test text to the SMS stand-in, refusing bad addresses",
    async () => {
      const page = await newPage();
      await page.goto(`${stack.app.url}/app/notifications?preview=shipped&channel=email&locale=fr`);
      const previewSubject = (await page.locator("[data-preview-subject]").textContent())?.trim() ?? "";
      const previewText = (await page.locator("[data-preview-text]").textContent()) ?? "";
      const sentBefore = await outboxCount(page, "sent");
      const emailsBefore = stack.smtp.acceptedCount();
      const parsedBefore = stack.smtp.messages().length;

      // Refused by the app (the browser's own check lets an address without a dot in its domain through).
      await page.getByLabel("Your email address").fill("merchant@localhost");
      await page.getByRole("button", { name: "Send me a test" }).click();
      await page.getByText("The test was not sent").waitFor();
      await page.getByText("Enter your email address.").waitFor();
      expect(stack.smtp.acceptedCount()).toBe(emailsBefore);

      await page.getByLabel("Your email address").fill(TEST_EMAIL);
      await page.getByRole("button", { name: "Send me a test" }).click();
      await page.getByText("Test sent").waitFor({ timeout: 20_000 });
      const messageId = (await page.locator("[data-provider-message-id]").textContent())?.trim() ?? "";
      expect(messageId).toMatch(/^<test-\d+@parcelwise-demo\.myshopify\.com>$/);
      const received = (await stack.smtp.waitFor(parsedBefore + 1)).slice(parsedBefore);
      expect(stack.smtp.acceptedCount()).toBe(emailsBefore + 1);
      const toMerchant = received.filter((mail) => mail.to.includes(TEST_EMAIL));
      expect(toMerchant).toHaveLength(1);
      const [email] = toMerchant;
      expect(email?.messageId).toBe(messageId);
      expect(email?.subject.startsWith("[Test]")).toBe(true);
      // As previewed: the same message, in the previewed language.
      expect(email?.subject).toBe(`[Test] ${previewSubject}`);
      expect(email?.from).toContain("shipping@parcelwise-demo.example");
      expect(email?.header("x-parcelwise-test")).toBe("1");
      expect(email?.html).toContain(TRACKING_LINK);
      expect(withoutToken(email?.text ?? "").trim()).toBe(withoutToken(previewText).trim());

      await page.goto(`${stack.app.url}/app/notifications?preview=shipped&channel=sms&locale=de`);
      const previewSms = (await page.locator("[data-preview-sms]").textContent()) ?? "";
      const outbound = () => stack.sms.messages().filter((message) => message.direction === "outbound-api");
      const textsBefore = outbound().length;

      await page.getByLabel("Your mobile number").fill("12345");
      await page.getByRole("button", { name: "Send me a test" }).click();
      await page.getByText("The test was not sent").waitFor();
      await page.getByText("Enter your mobile number with its country code").waitFor();
      expect(outbound()).toHaveLength(textsBefore);

      await page.getByLabel("Your mobile number").fill(TEST_PHONE);
      await page.getByRole("button", { name: "Send me a test" }).click();
      await page.getByText("Test sent").waitFor({ timeout: 20_000 });
      const sid = (await page.locator("[data-provider-message-id]").textContent())?.trim() ?? "";
      expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
      const toMerchantPhone = outbound().filter((message) => message.to === TEST_PHONE);
      expect(toMerchantPhone).toHaveLength(1);
      expect(outbound()).toHaveLength(textsBefore + 1);
      const [text] = toMerchantPhone;
      expect(text?.sid).toBe(sid);
      expect(text?.from).toBe("+15005550006");
      expect(text?.num_segments).toBe("1");
      expect(withoutToken(text?.body ?? "")).toBe(withoutToken(previewSms));

      // Test messages never go through the outbox, so no shopper's limits or counts move.
      expect(await outboxCount(page, "sent")).toBe(sentBefore);
      expect(stack.smtp.acceptedCount()).toBe(emailsBefore + 1);
      await page.close();
    },
  );

  it.skipIf(!shopifyAnswers)(
    "dispatches real notifications from the outbox and shows each outcome on the shipment's page",
    async () => {
      const page = await newPage();
      // Quiet hours would hold the messages until morning in the shopper's time zone: off for this test.
      await page.goto(`${stack.app.url}/app/notifications`);
      await page.getByLabel("Quiet hours").uncheck();
      await page.getByRole("button", { name: "Save notification settings" }).click();
      await page.getByText("Notification settings saved").waitFor();
      const sentBefore = await outboxCount(page, "sent");
      const suppressedBefore = await outboxCount(page, "suppressed");

      // A delivered parcel stays delivered, so the carrier stand-ins cannot make "delivered" outdated mid-test.
      await page.goto(`${stack.app.url}/app/shipments?status=delivered`);
      await page.locator("tbody tr").first().locator("a").first().click();
      await page.waitForURL(/\/app\/shipments\/[^/?]+$/);
      const shipmentId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      await page.locator("[data-tracking-timeline] tbody tr").first().waitFor();
      const shipment = await db.shipment.findUniqueOrThrow({
        where: { id: shipmentId },
        select: { status: true, orderId: true, order: { select: { name: true } } },
      });
      expect(shipment.status).toBe("delivered");
      expect(await page.getByRole("heading", { name: shipment.order.name }).count()).toBeGreaterThan(0);

      // The shopper agreed to texts at checkout; their email address would come from Shopify's order, and the
      // demo's seeded orders are not in the Shopify stand-in (it holds the importable #3001 on).
      const now = new Date();
      await db.notificationPreference.upsert({
        where: { shop_orderId: { shop: DEMO.shop, orderId: shipment.orderId } },
        create: {
          shop: DEMO.shop,
          orderId: shipment.orderId,
          emailOptIn: true,
          smsOptIn: true,
          phone: SHOPPER_PHONE,
          consentText: "Text me shipping updates",
          consentAt: now,
          source: "thank_you",
        },
        update: { smsOptIn: true, phone: SHOPPER_PHONE },
      });
      for (const channel of ["email", "sms"]) {
        await db.notification.create({
          data: {
            shop: DEMO.shop,
            orderId: shipment.orderId,
            shipmentId,
            channel,
            milestone: "delivered",
            eventAt: now,
            idempotencyKey: `${shipmentId}:delivered:${channel}:e2e`,
            sendAfter: now,
          },
        });
      }

      // The app's own job worker dispatches them.
      await expect
        .poll(
          () =>
            db.notification.count({
              where: { shipmentId, milestone: "delivered", status: { in: ["sent", "suppressed"] } },
            }),
          { timeout: 20_000 },
        )
        .toBe(2);
      const texts = stack.sms.messages().filter((message) => message.to === SHOPPER_PHONE);
      expect(texts).toHaveLength(1);
      const body = texts[0]?.body ?? "";
      expect(body.startsWith(`${DEMO.shopName}: Delivered.`)).toBe(true);
      // The text's link opens this order's tracking page on the shop's storefront.
      const link = /https?:\/\/\S+/.exec(body)?.[0] ?? "";
      expect(link).toContain(`${stack.storefront.url}${TRACKING_LINK}`);
      const tracking = await newPage();
      await tracking.goto(link);
      await expect.poll(() => tracking.getByText(shipment.order.name).count()).toBeGreaterThan(0);
      await tracking.close();

      await page.reload();
      const rows = page.locator("[data-shipment-notifications] tbody tr");
      const emailRow = rows.filter({ hasText: "Delivered · Email" });
      const smsRow = rows.filter({ hasText: "Delivered · SMS" });
      expect(await emailRow.count()).toBe(1);
      expect(await smsRow.count()).toBe(1);
      expect(await emailRow.textContent()).toContain("Suppressed");
      expect(await emailRow.textContent()).toContain("the order has no email address");
      expect(await smsRow.textContent()).toContain("Sent");
      // The masked number: enough to recognise, not to contact.
      expect(await smsRow.textContent()).toContain("+14•••••123");
      expect(await smsRow.textContent()).not.toContain(SHOPPER_PHONE);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/notifications-shipment.png`, fullPage: true });

      await page.goto(`${stack.app.url}/app/notifications`);
      expect(await outboxCount(page, "sent")).toBe(sentBefore + 1);
      // Carrier scans of other seeded shipments may queue (and suppress) messages of their own meanwhile.
      expect(await outboxCount(page, "suppressed")).toBeGreaterThanOrEqual(suppressedBefore + 1);
      await page.close();
    },
  );
});
