import prisma from "../db.server";
import { latestBackfill } from "./backfill.server";
import { channelsFor, MILESTONES, parseNotificationRules } from "./notification-rules";
import { brandingObject, mergeBranding } from "./settings.server";

// The setup checklist a merchant sees after install. Every step's state is read from what the app already
// stores, so a step done elsewhere (Settings, Notifications, a shopper using the tracking page) shows as done.

export type ImportRun = {
  status: string;
  objectCount: number;
  processedLines: number;
  ordersApplied: number;
  error: string | null;
  finishedAt: Date | null;
};

// How Parcelwise knows the tracking block is on the storefront: shoppers looked orders up or asked for
// help through it, or the merchant said so (the app cannot read the theme without the read_themes scope).
export type TrackingPageEvidence = "lookups" | "help_requests" | "confirmed";

export type OnboardingSteps = {
  importOrders: { done: boolean; run: ImportRun | null };
  trackingPage: { done: boolean; evidence: TrackingPageEvidence | null };
  notifications: {
    done: boolean;
    emailProviderConfigured: boolean;
    emailMilestonesEnabled: number;
  };
  // Optional: without their own accounts, shops use Parcelwise's carrier connections.
  carrierAccounts: { done: boolean; connected: number };
};

export type Onboarding = {
  steps: OnboardingSteps;
  requiredDone: number;
  requiredTotal: number;
  complete: boolean;
};

const TRACKING_PAGE_CONFIRMED_KEY = "trackingPageConfirmedAt";

export async function getOnboarding({ shop }: { shop: string }): Promise<Onboarding> {
  const [run, settings, connected] = await Promise.all([
    latestBackfill({ shop }),
    prisma.shopSettings.findUnique({
      where: { shop },
      select: { branding: true, emailProvider: true, notificationRules: true },
    }),
    prisma.carrierAccount.count({ where: { shop, status: "active" } }),
  ]);
  const rules = parseNotificationRules(settings?.notificationRules);
  const emailMilestonesEnabled = MILESTONES.filter((milestone) =>
    channelsFor(rules, milestone).includes("email"),
  ).length;
  // The email provider is stored only once its SMTP settings were verified (messaging-providers.server.ts).
  const emailProviderConfigured = Boolean(settings?.emailProvider);
  const evidence = await trackingPageEvidence(shop, brandingObject(settings?.branding));
  const steps: OnboardingSteps = {
    importOrders: {
      done: run?.status === "completed",
      run: run
        ? {
            status: run.status,
            objectCount: run.objectCount,
            processedLines: run.processedLines,
            ordersApplied: run.ordersApplied,
            error: run.error,
            finishedAt: run.finishedAt,
          }
        : null,
    },
    trackingPage: { done: evidence !== null, evidence },
    notifications: {
      done: emailProviderConfigured && emailMilestonesEnabled > 0,
      emailProviderConfigured,
      emailMilestonesEnabled,
    },
    carrierAccounts: { done: connected > 0, connected },
  };
  const required = [steps.importOrders, steps.trackingPage, steps.notifications];
  const requiredDone = required.filter((step) => step.done).length;
  return { steps, requiredDone, requiredTotal: required.length, complete: requiredDone === required.length };
}

// Help requests are one indexed row away. Lookups are counted on orders, which have no index for them, so
// they are read from the analytics rollup instead (refreshed every ten minutes): a few month rows per shop.
async function trackingPageEvidence(
  shop: string,
  branding: Record<string, unknown>,
): Promise<TrackingPageEvidence | null> {
  if (typeof branding[TRACKING_PAGE_CONFIRMED_KEY] === "string") return "confirmed";
  const [helpRequest, lookups] = await Promise.all([
    prisma.supportRequest.findFirst({ where: { shop }, select: { id: true } }),
    prisma.deliveryStats.findFirst({
      where: { shop, grain: "month", lookups: { gt: 0 } },
      select: { period: true },
    }),
  ]);
  if (lookups) return "lookups";
  return helpRequest ? "help_requests" : null;
}

export async function confirmTrackingPageAdded({ shop, now = new Date() }: { shop: string; now?: Date }) {
  await mergeBranding({ shop, values: { [TRACKING_PAGE_CONFIRMED_KEY]: now.toISOString() } });
}

// A shop that has just installed: nothing imported and no order yet. Its admin opens on the setup checklist.
export async function isFreshInstall({ shop }: { shop: string }): Promise<boolean> {
  const [run, order] = await Promise.all([
    prisma.syncRun.findFirst({ where: { shop, kind: "backfill" }, select: { id: true } }),
    prisma.order.findFirst({ where: { shop }, select: { id: true } }),
  ]);
  return !run && !order;
}

export function nextSetupStep({ steps }: Onboarding): string | null {
  if (!steps.importOrders.done) return "import your recent orders";
  if (!steps.trackingPage.done) return "add the tracking page to your store";
  if (!steps.notifications.done) return "turn on shipping notifications";
  return null;
}
