import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { DEFAULT_NOTIFICATION_RULES, MILESTONES } from "../../app/models/notification-rules";
import { saveNotificationSettings } from "../../app/models/notification-settings.server";
import {
  confirmTrackingPageAdded,
  getOnboarding,
  isFreshInstall,
  nextSetupStep,
} from "../../app/models/onboarding.server";

const SHOP = "setup.myshopify.com";
const OTHER = "other-setup.myshopify.com";

beforeEach(async () => {
  await prisma.shop.deleteMany({});
  for (const domain of [SHOP, OTHER]) {
    await prisma.shop.create({ data: { domain, name: domain, settings: { create: {} } } });
  }
});

async function order(shop: string, name: string) {
  return prisma.order.create({
    data: {
      shop,
      shopifyId: `gid://shopify/Order/${shop}/${name}`,
      name,
      orderedAt: new Date("2026-11-10T10:00:00Z"),
    },
  });
}

const allRulesOff = {
  ...DEFAULT_NOTIFICATION_RULES,
  milestones: Object.fromEntries(
    MILESTONES.map((milestone) => [milestone, { enabled: false, channels: ["email" as const] }]),
  ) as typeof DEFAULT_NOTIFICATION_RULES.milestones,
};

describe("setup checklist", () => {
  it("starts with nothing done on a fresh install", async () => {
    const onboarding = await getOnboarding({ shop: SHOP });
    expect(onboarding).toMatchObject({ requiredDone: 0, requiredTotal: 3, complete: false });
    expect(onboarding.steps.importOrders).toEqual({ done: false, run: null });
    expect(onboarding.steps.trackingPage).toEqual({ done: false, evidence: null });
    expect(onboarding.steps.notifications.done).toBe(false);
    expect(onboarding.steps.carrierAccounts).toEqual({ done: false, connected: 0 });
    expect(nextSetupStep(onboarding)).toBe("import your recent orders");
    expect(await isFreshInstall({ shop: SHOP })).toBe(true);
  });

  it("shows the import's live counts while it runs, and is done once it completes", async () => {
    const run = await prisma.syncRun.create({
      data: {
        shop: SHOP,
        kind: "backfill",
        status: "running",
        objectCount: 400,
        processedLines: 150,
        ordersApplied: 60,
      },
    });
    let onboarding = await getOnboarding({ shop: SHOP });
    expect(onboarding.steps.importOrders).toMatchObject({
      done: false,
      run: { status: "running", objectCount: 400, processedLines: 150, ordersApplied: 60 },
    });
    expect(await isFreshInstall({ shop: SHOP })).toBe(false);
    // Another shop's finished import is not this shop's.
    await prisma.syncRun.create({ data: { shop: OTHER, kind: "backfill", status: "completed" } });
    expect((await getOnboarding({ shop: SHOP })).steps.importOrders.done).toBe(false);

    await prisma.syncRun.update({
      where: { id: run.id },
      data: { status: "completed", processedLines: 400, ordersApplied: 160, finishedAt: new Date() },
    });
    onboarding = await getOnboarding({ shop: SHOP });
    expect(onboarding.steps.importOrders).toMatchObject({ done: true, run: { ordersApplied: 160 } });
    expect(onboarding.requiredDone).toBe(1);
    expect(nextSetupStep(onboarding)).toBe("add the tracking page to your store");
  });

  it("sees the tracking page through shoppers' lookups, their help requests, or the merchant's word", async () => {
    const otherOrder = await order(OTHER, "#9");
    await prisma.supportRequest.create({ data: { shop: OTHER, orderId: otherOrder.id, reason: "late" } });
    expect((await getOnboarding({ shop: SHOP })).steps.trackingPage.evidence).toBeNull();

    // Lookups are read from the analytics rollup (its month rows), not from the orders themselves.
    const month = {
      shop: SHOP,
      grain: "month",
      period: "2026-11",
      week: "",
      month: "",
      carrier: "ups",
      service: "",
      country: "US",
      region: "",
      orders: 10,
    };
    await prisma.deliveryStats.create({ data: { ...month, lookups: 0 } });
    await prisma.deliveryStats.create({ data: { ...month, shop: OTHER, lookups: 7 } });
    expect((await getOnboarding({ shop: SHOP })).steps.trackingPage.done).toBe(false);
    await prisma.deliveryStats.create({ data: { ...month, carrier: "fedex", lookups: 3 } });
    expect((await getOnboarding({ shop: SHOP })).steps.trackingPage).toEqual({
      done: true,
      evidence: "lookups",
    });

    await prisma.deliveryStats.deleteMany({ where: { shop: SHOP } });
    const first = await order(SHOP, "#1");
    await prisma.supportRequest.create({ data: { shop: SHOP, orderId: first.id, reason: "missing" } });
    expect((await getOnboarding({ shop: SHOP })).steps.trackingPage.evidence).toBe("help_requests");

    await prisma.supportRequest.deleteMany({ where: { shop: SHOP } });
    expect((await getOnboarding({ shop: SHOP })).steps.trackingPage.done).toBe(false);
    await confirmTrackingPageAdded({ shop: SHOP });
    expect((await getOnboarding({ shop: SHOP })).steps.trackingPage.evidence).toBe("confirmed");
    expect((await getOnboarding({ shop: OTHER })).steps.trackingPage.evidence).toBe("lookups");
  });

  it("keeps the merchant's word when the notification brand is saved", async () => {
    await confirmTrackingPageAdded({ shop: SHOP });
    await saveNotificationSettings({
      shop: SHOP,
      rules: DEFAULT_NOTIFICATION_RULES,
      branding: { logoUrl: null, accentColor: "#112233" },
    });
    expect((await getOnboarding({ shop: SHOP })).steps.trackingPage.evidence).toBe("confirmed");
  });

  it("counts notifications as on once an email provider is connected and a milestone emails shoppers", async () => {
    await prisma.shopSettings.update({
      where: { shop: SHOP },
      data: { notificationRules: JSON.stringify(allRulesOff) },
    });
    let step = (await getOnboarding({ shop: SHOP })).steps.notifications;
    expect(step).toEqual({ done: false, emailProviderConfigured: false, emailMilestonesEnabled: 0 });

    await prisma.shopSettings.update({
      where: { shop: SHOP },
      data: { emailProvider: JSON.stringify({ type: "smtp", host: "127.0.0.1" }) },
    });
    step = (await getOnboarding({ shop: SHOP })).steps.notifications;
    expect(step).toEqual({ done: false, emailProviderConfigured: true, emailMilestonesEnabled: 0 });

    await prisma.shopSettings.update({
      where: { shop: SHOP },
      data: { notificationRules: JSON.stringify(DEFAULT_NOTIFICATION_RULES) },
    });
    step = (await getOnboarding({ shop: SHOP })).steps.notifications;
    const emailed = MILESTONES.filter((milestone) => {
      const rule = DEFAULT_NOTIFICATION_RULES.milestones[milestone];
      return rule.enabled && rule.channels.includes("email");
    }).length;
    expect(step).toEqual({ done: true, emailProviderConfigured: true, emailMilestonesEnabled: emailed });
    expect((await getOnboarding({ shop: OTHER })).steps.notifications.done).toBe(false);
  });

  it("treats carrier accounts as optional: setup is complete without them", async () => {
    await prisma.syncRun.create({ data: { shop: SHOP, kind: "backfill", status: "completed" } });
    await confirmTrackingPageAdded({ shop: SHOP });
    await prisma.shopSettings.update({
      where: { shop: SHOP },
      data: { emailProvider: JSON.stringify({ type: "smtp" }) },
    });
    let onboarding = await getOnboarding({ shop: SHOP });
    expect(onboarding).toMatchObject({ requiredDone: 3, complete: true });
    expect(onboarding.steps.carrierAccounts.done).toBe(false);
    expect(nextSetupStep(onboarding)).toBeNull();

    await prisma.carrierAccount.create({
      data: { shop: SHOP, carrier: "ups", credentials: "sealed", status: "invalid" },
    });
    expect((await getOnboarding({ shop: SHOP })).steps.carrierAccounts.connected).toBe(0);
    await prisma.carrierAccount.create({ data: { shop: SHOP, carrier: "fedex", credentials: "sealed" } });
    onboarding = await getOnboarding({ shop: SHOP });
    expect(onboarding.steps.carrierAccounts).toEqual({ done: true, connected: 1 });
    expect((await getOnboarding({ shop: OTHER })).steps.carrierAccounts.connected).toBe(0);
  });
});
