import { z } from "zod";
import prisma from "../db.server";
import type { AdminGraphql } from "../services/admin-graphql.server";
import type { JobHandler } from "../services/jobs/job-handlers.server";
import { adminGraphqlForStoredShop } from "../services/shop-admin.server";
import type { CurrentAppInstallationQuery, TrackingPageLookSetMutation } from "../types/admin.generated";
import { enqueueJob } from "./jobs.server";
import { DEFAULT_TRACKING_PAGE_LOOK, type TrackingPageLook } from "./settings-options";
import {
  readTrackingPageLook,
  sameTrackingPageLook,
  saveTrackingPageLook,
  type trackingPageLookSchema,
} from "./settings.server";
import {
  CURRENT_APP_INSTALLATION_QUERY,
  LOOK_METAFIELD,
  PUBLISH_LOOK_JOB_TYPE,
  publishLookJob,
  storefrontLook,
  TRACKING_PAGE_LOOK_SET_MUTATION,
} from "./storefront-look";

// The storefront's tracking block cannot call the app, so the look saved in Settings travels the way Shopify
// apps hand settings to their theme app extensions: as an app-data metafield on the app's installation, which
// the block's Liquid reads as `app.metafields.tracking_page.look.value`. Only this app can write it.
//
// A save publishes at once (with a short time budget, so Settings never hangs on Shopify). The job queued with
// the save (settings.server.ts: mergeBranding) is the safety net: it publishes whatever look is stored when it
// runs, retried with backoff while Shopify is down or refuses; the reconciliation pass starts it over after it
// gave up, and a reinstall queues it again (catchUpLookPublication). Publishing the same look twice changes
// nothing, so every path may run more than once.

export class StorefrontLookError extends Error {}

const installationSchema = z.object({
  currentAppInstallation: z.object({ id: z.string().startsWith("gid://shopify/AppInstallation/") }),
});

// Throws on a transport error, a refusal (userErrors) or an answer that is not what was asked for.
export async function publishTrackingPageLook({
  admin,
  look,
}: {
  admin: AdminGraphql;
  look: TrackingPageLook;
}): Promise<void> {
  const installation = installationSchema.safeParse(
    await admin.request<CurrentAppInstallationQuery>(CURRENT_APP_INSTALLATION_QUERY),
  );
  if (!installation.success) throw new StorefrontLookError("Shopify did not name the app's installation");
  const value = JSON.stringify(storefrontLook(look));
  const data = await admin.request<TrackingPageLookSetMutation>(TRACKING_PAGE_LOOK_SET_MUTATION, {
    metafields: [
      {
        ownerId: installation.data.currentAppInstallation.id,
        namespace: LOOK_METAFIELD.namespace,
        key: LOOK_METAFIELD.key,
        type: "json",
        value,
      },
    ],
  });
  const result = data.metafieldsSet;
  if (!result) throw new StorefrontLookError("Shopify did not answer metafieldsSet");
  if (result.userErrors.length) {
    throw new StorefrontLookError(
      `Shopify refused the look: ${result.userErrors.map((error) => error.message.trim()).join("; ")}`,
    );
  }
  const written = result.metafields?.find(
    (metafield) => metafield.namespace === LOOK_METAFIELD.namespace && metafield.key === LOOK_METAFIELD.key,
  );
  if (written?.value !== value) throw new StorefrontLookError("Shopify did not store the look");
}

export type LookSaveOutcome =
  // Saved and on the storefront.
  | { storefront: "published" }
  // Saved; nothing the storefront shows changed.
  | { storefront: "unchanged" }
  // Saved; Shopify did not take it yet. The queued job keeps trying.
  | { storefront: "pending"; reason: string };

// Long enough for a healthy Shopify (two small calls), short enough that Save never feels stuck.
export const PUBLISH_BUDGET_MS = 4_000;

// What the Settings page's Save does: store the look (the source of truth, also for the app proxy's own page),
// then publish it to the storefront if it changed.
export async function saveAndPublishTrackingPageLook({
  shop,
  admin,
  look,
  budgetMs = PUBLISH_BUDGET_MS,
  now = new Date(),
}: {
  shop: string;
  admin: AdminGraphql;
  look: z.output<typeof trackingPageLookSchema>;
  budgetMs?: number;
  now?: Date;
}): Promise<LookSaveOutcome> {
  const saved = await saveTrackingPageLook({ shop, look, now });
  if (!saved.publishQueued) return { storefront: "unchanged" };
  const stored = await storedLook(shop);
  const publishing = publishTrackingPageLook({ admin, look: stored }).then(
    async () => {
      await settlePublished({ shop, published: stored });
      return null;
    },
    async (error: unknown) => {
      // Retry soon rather than after the safety net's minute.
      await prisma.$transaction((tx) => enqueueJob(tx, publishLookJob(shop, new Date())));
      // Shopify's library sends the merchant through re-authentication by throwing a Response.
      if (error instanceof Response) throw error;
      return error instanceof Error ? error.message : String(error);
    },
  );
  const failure = await withinBudget(publishing, budgetMs);
  if (failure === null) return { storefront: "published" };
  const reason = failure ?? "Shopify did not answer in time";
  console.warn(`tracking page look of ${shop} not on the storefront yet (queued): ${reason}`);
  return { storefront: "pending", reason };
}

// A look just reached Shopify: when it is still the stored one, the queued safety net has nothing left to do.
// When the look changed meanwhile, its publication runs now.
async function settlePublished({ shop, published }: { shop: string; published: TrackingPageLook }) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.shopSettings.findUnique({ where: { shop }, select: { branding: true } });
    if (sameTrackingPageLook(readTrackingPageLook(row?.branding), published)) {
      await tx.job.updateMany({
        where: { shop, uniqueKey: PUBLISH_LOOK_JOB_TYPE, status: { in: ["queued", "failed", "dead"] } },
        data: { status: "done", lastError: null, attempts: 0 },
      });
    } else {
      await enqueueJob(tx, publishLookJob(shop, new Date()));
    }
  });
}

async function storedLook(shop: string): Promise<TrackingPageLook> {
  const row = await prisma.shopSettings.findUnique({ where: { shop }, select: { branding: true } });
  return readTrackingPageLook(row?.branding);
}

// The outcome when it comes in time, undefined when it does not (the work goes on in the background).
async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budgetMs);
    timer.unref?.();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// The job: publish what is stored now. If the look changed while Shopify was answering, run again at once.
export const runPublishLookJob: JobHandler = async ({ shop, now }) => {
  const look = await storedLook(shop);
  await publishTrackingPageLook({ admin: await adminGraphqlForStoredShop(shop), look });
  if (!sameTrackingPageLook(await storedLook(shop), look)) return { runAgainAt: now };
};

// Starts over a publication that gave up (Shopify down for longer than the job's retries), and publishes a look
// Shopify may not have: saved before publishing existed (no job ever ran for it), or, with `installed`, one
// Shopify dropped with the app's other installation data when the app was uninstalled. The reconciliation pass
// calls this once it reached Shopify; installing calls it with `installed`.
export async function catchUpLookPublication({
  shop,
  now,
  installed = false,
}: {
  shop: string;
  now: Date;
  installed?: boolean;
}): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const job = await tx.job.findUnique({
      where: { shop_uniqueKey: { shop, uniqueKey: PUBLISH_LOOK_JOB_TYPE } },
      select: { status: true },
    });
    const gaveUp = job?.status === "dead" || job?.status === "failed";
    let missing = false;
    if (!gaveUp && (installed || !job)) {
      const row = await tx.shopSettings.findUnique({ where: { shop }, select: { branding: true } });
      missing = !sameTrackingPageLook(readTrackingPageLook(row?.branding), DEFAULT_TRACKING_PAGE_LOOK);
    }
    if (!gaveUp && !missing) return false;
    await enqueueJob(tx, publishLookJob(shop, now));
    return true;
  });
}

export type StorefrontLookState = {
  // The storefront may still show an earlier look: its publication is queued or running.
  pending: boolean;
  // Why the last attempt failed, while it has.
  lastError: string | null;
};

export async function storefrontLookState({ shop }: { shop: string }): Promise<StorefrontLookState> {
  const job = await prisma.job.findUnique({
    where: { shop_uniqueKey: { shop, uniqueKey: PUBLISH_LOOK_JOB_TYPE } },
    select: { status: true, lastError: true },
  });
  if (!job || job.status === "done") return { pending: false, lastError: null };
  return { pending: true, lastError: job.lastError };
}
