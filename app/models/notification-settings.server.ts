import { z } from "zod";
import prisma from "../db.server";
import { mergeBranding } from "./settings.server";
import {
  CHANNELS,
  MILESTONES,
  notificationRulesSchema,
  parseNotificationRules,
  type NotificationRules,
} from "./notification-rules";

// The merchant's notification settings as the admin edits them: the rules (milestones, channels, guardrails)
// and the brand the emails wear.

export type Branding = { logoUrl: string | null; accentColor: string | null };

const brandingSchema = z.object({
  logoUrl: z
    .string()
    .trim()
    .url("Use a full https:// address")
    .refine((url) => url.startsWith("https://"), "Use an https:// address")
    .nullable()
    .catch(null),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1a73e8")
    .nullable()
    .catch(null),
});

export function parseBranding(json: string | null | undefined): Branding {
  try {
    const parsed = brandingSchema.partial().safeParse(json ? JSON.parse(json) : {});
    return { logoUrl: parsed.data?.logoUrl ?? null, accentColor: parsed.data?.accentColor ?? null };
  } catch {
    return { logoUrl: null, accentColor: null };
  }
}

export async function getNotificationSettings({ shop }: { shop: string }) {
  const settings = await prisma.shopSettings.upsert({
    where: { shop },
    create: { shop },
    update: {},
    select: { notificationRules: true, branding: true },
  });
  return {
    rules: parseNotificationRules(settings.notificationRules),
    branding: parseBranding(settings.branding),
  };
}

export class NotificationSettingsError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("Check the highlighted fields");
  }
}

// The admin form posts flat fields: `<milestone>.enabled`, `<milestone>.<channel>`, quietHours.*, the limits
// and the brand.
export function rulesFromForm(form: Record<string, FormDataEntryValue>): NotificationRules {
  const on = (name: string) => form[name] === "on" || form[name] === "true";
  const candidate = {
    milestones: Object.fromEntries(
      MILESTONES.map((milestone) => [
        milestone,
        {
          enabled: on(`${milestone}.enabled`),
          channels: CHANNELS.filter((channel) => on(`${milestone}.${channel}`)),
        },
      ]),
    ),
    quietHours: {
      enabled: on("quietHours.enabled"),
      start: String(form["quietHours.start"] ?? ""),
      end: String(form["quietHours.end"] ?? ""),
    },
    maxPerShipmentPerDay: Number(form.maxPerShipmentPerDay),
    burstWindowMinutes: Number(form.burstWindowMinutes),
    maxEventAgeHours: Number(form.maxEventAgeHours),
  };
  const parsed = notificationRulesSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new NotificationSettingsError(
      Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])),
    );
  }
  return parseNotificationRules(JSON.stringify(parsed.data));
}

export function brandingFromForm(form: Record<string, FormDataEntryValue>): Branding {
  const text = (name: string) => String(form[name] ?? "").trim() || null;
  const parsed = brandingSchema
    .extend({
      logoUrl: brandingSchema.shape.logoUrl.removeCatch(),
      accentColor: brandingSchema.shape.accentColor.removeCatch(),
    })
    .safeParse({ logoUrl: text("logoUrl"), accentColor: text("accentColor") });
  if (!parsed.success) {
    throw new NotificationSettingsError(
      Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])),
    );
  }
  return parsed.data;
}

export async function saveNotificationSettings({
  shop,
  rules,
  branding,
}: {
  shop: string;
  rules: NotificationRules;
  branding: Branding;
}) {
  const notificationRules = JSON.stringify(rules);
  await prisma.shopSettings.upsert({
    where: { shop },
    create: { shop, notificationRules },
    update: { notificationRules },
  });
  // The same JSON holds the tracking page's look (Settings): only the emails' keys are replaced.
  await mergeBranding({ shop, values: branding });
}
