import { z } from "zod";
import prisma, { rawSql } from "../db.server";
import { enqueueJob } from "./jobs.server";
import { PUBLISH_LOOK_JOB_TYPE, PUBLISH_LOOK_SAFETY_NET_MS, publishLookJob } from "./storefront-look";
import {
  BUSINESS_DAYS,
  DEFAULT_TRACKING_PAGE_LOOK,
  type BusinessDay,
  type TrackingPageLook,
} from "./settings-options";

// The Settings page's groups. Each saves on its own, validated with zod; a failed save answers one message
// per field, keyed by the form field's name.

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

const wholeNumber = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform((value) => Number(value));

export const promiseDefaultsSchema = z.object({
  processingDays: wholeNumber("Enter whole days, 0 to 30").pipe(
    z.number().max(30, "Enter whole days, 0 to 30"),
  ),
  orderCutoffLocalTime: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use 24-hour HH:MM, like 14:00"),
  businessDays: z
    .array(z.enum(BUSINESS_DAYS))
    .min(1, "Pick at least one day you ship on")
    .transform((days) => BUSINESS_DAYS.filter((day) => days.includes(day)).join(",")),
});

export const dataRetentionSchema = z.object({
  dataRetentionDays: wholeNumber("Enter whole days, 30 to 3650").pipe(
    z.number().min(30, "Keep data at least 30 days").max(3650, "Keep data at most 3650 days (10 years)"),
  ),
});

export const writeBackSchema = z.object({
  writeBackToShopify: z.enum(["on", "off"]).transform((value) => value === "on"),
});

const text = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters`);

export const trackingPageLookSchema = z.object({
  heading: text(80),
  intro: text(300),
  lateMessage: text(300),
  accentColor: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1a5fb4"),
  buttonStyle: z.enum(["filled", "outline"]),
  cornerRadius: wholeNumber("Enter 0 to 24 pixels").pipe(z.number().max(24, "Enter 0 to 24 pixels")),
  logoUrl: z
    .string()
    .trim()
    .refine((url) => url === "" || isHttpsUrl(url), "Use a full https:// address")
    .transform((url) => url || null),
});

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, fieldErrors };
}

const field = (form: FormData, name: string) => String(form.get(name) ?? "");

export const parsePromiseDefaults = (form: FormData) =>
  parse(promiseDefaultsSchema, {
    processingDays: field(form, "processingDays"),
    orderCutoffLocalTime: field(form, "orderCutoffLocalTime"),
    businessDays: form.getAll("businessDays").map(String),
  });

export const parseDataRetention = (form: FormData) =>
  parse(dataRetentionSchema, { dataRetentionDays: field(form, "dataRetentionDays") });

export const parseWriteBack = (form: FormData) =>
  parse(writeBackSchema, { writeBackToShopify: field(form, "writeBackToShopify") || "off" });

export const parseTrackingPageLook = (form: FormData) =>
  parse(
    trackingPageLookSchema,
    Object.fromEntries(Object.keys(DEFAULT_TRACKING_PAGE_LOOK).map((name) => [name, field(form, name)])),
  );

export type SettingsView = Awaited<ReturnType<typeof getSettings>>;

export async function getSettings({ shop }: { shop: string }) {
  const row = await prisma.shopSettings.upsert({ where: { shop }, create: { shop }, update: {} });
  return {
    processingDays: row.processingDays,
    orderCutoffLocalTime: row.orderCutoffLocalTime,
    businessDays: parseBusinessDays(row.businessDays),
    dataRetentionDays: row.dataRetentionDays,
    writeBackToShopify: row.writeBackToShopify,
    trackingPageLook: readTrackingPageLook(row.branding),
  };
}

export function parseBusinessDays(stored: string): BusinessDay[] {
  const days = stored.split(",").map((day) => day.trim().toUpperCase());
  return BUSINESS_DAYS.filter((day) => days.includes(day));
}

type SettingsColumns = {
  processingDays?: number;
  orderCutoffLocalTime?: string;
  businessDays?: string;
  dataRetentionDays?: number;
  writeBackToShopify?: boolean;
};

export async function saveSettings({ shop, update }: { shop: string; update: SettingsColumns }) {
  await prisma.shopSettings.upsert({ where: { shop }, create: { shop, ...update }, update });
}

// ShopSettings.branding is one JSON object: the notification emails read logoUrl and accentColor from it, the
// tracking page's look is the rest. Each writer merges its own keys into it and keeps the others.
export function brandingObject(json: string | null | undefined): Record<string, unknown> {
  try {
    const value: unknown = json ? JSON.parse(json) : {};
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

// A stored value that no longer validates falls back to the block's default instead of failing the page.
export function readTrackingPageLook(json: string | null | undefined): TrackingPageLook {
  const stored = brandingObject(json);
  const look: TrackingPageLook = { ...DEFAULT_TRACKING_PAGE_LOOK };
  for (const key of Object.keys(look) as Array<keyof TrackingPageLook>) {
    const value = stored[key];
    const parsed = trackingPageLookSchema.shape[key].safeParse(
      typeof value === "number" ? String(value) : value,
    );
    if (parsed.success && parsed.data !== null) Object.assign(look, { [key]: parsed.data });
  }
  return look;
}

// The look for the app proxy's own whole page (storefront without the block's script): a public path, so one
// read through the driver, like the lookups (tracking-lookup.server.ts).
export async function trackingPageLookForProxy({ shop }: { shop: string }): Promise<TrackingPageLook> {
  const [row] = await rawSql.read<{ branding: string }>(
    `SELECT "branding" FROM "ShopSettings" WHERE "shop" = ?`,
    [shop],
  );
  return readTrackingPageLook(row?.branding);
}

export function sameTrackingPageLook(a: TrackingPageLook, b: TrackingPageLook): boolean {
  return (Object.keys(DEFAULT_TRACKING_PAGE_LOOK) as Array<keyof TrackingPageLook>).every(
    (key) => a[key] === b[key],
  );
}

export type BrandingSaved = {
  // The tracking page's look is not what it was.
  lookChanged: boolean;
  // Its publication to the storefront is queued: it changed, or an earlier one has not reached Shopify yet.
  publishQueued: boolean;
};

export async function saveTrackingPageLook({
  shop,
  look,
  now = new Date(),
}: {
  shop: string;
  look: z.output<typeof trackingPageLookSchema>;
  now?: Date;
}): Promise<BrandingSaved> {
  // The Settings page publishes at once itself (storefront-look.server.ts); the job waits as a safety net.
  return mergeBranding({ shop, values: look, now, publishAfterMs: PUBLISH_LOOK_SAFETY_NET_MS });
}

// Each writer (this page's look, the Notifications page's logo and colour, the setup guide) goes through here.
// When the tracking page's look changes, or the storefront is still waiting for an earlier one, its
// publication (storefront-look.server.ts) is queued in the same transaction, so a saved look always reaches
// the storefront: at once, or after `publishAfterMs` when the caller publishes it itself first.
export async function mergeBranding({
  shop,
  values,
  now = new Date(),
  publishAfterMs = 0,
}: {
  shop: string;
  values: Record<string, unknown>;
  now?: Date;
  publishAfterMs?: number;
}): Promise<BrandingSaved> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.shopSettings.upsert({
      where: { shop },
      create: { shop },
      update: {},
      select: { branding: true },
    });
    const branding = JSON.stringify({ ...brandingObject(row.branding), ...values });
    await tx.shopSettings.update({ where: { shop }, data: { branding } });
    const lookChanged = !sameTrackingPageLook(
      readTrackingPageLook(row.branding),
      readTrackingPageLook(branding),
    );
    const waiting =
      !lookChanged &&
      (await tx.job.count({
        where: { shop, uniqueKey: PUBLISH_LOOK_JOB_TYPE, status: { in: ["queued", "failed", "dead"] } },
      })) > 0;
    const publishQueued = lookChanged || waiting;
    if (publishQueued) {
      await enqueueJob(tx, publishLookJob(shop, new Date(now.getTime() + publishAfterMs)));
    }
    return { lookChanged, publishQueued };
  });
}
