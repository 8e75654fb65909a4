import { z } from "zod";

// What Parcelwise tells shoppers about, and the merchant's guardrails around it. Stored as JSON text in
// ShopSettings.notificationRules; anything missing or invalid there falls back to these defaults, so an old
// or hand-edited row never stops notifications.

export const MILESTONES = [
  "order_confirmed",
  "shipped",
  "in_transit_update",
  "out_for_delivery",
  "ready_for_pickup",
  "delivered",
  "delayed",
  "exception",
] as const;
export type Milestone = (typeof MILESTONES)[number];

export const CHANNELS = ["email", "sms"] as const;
export type Channel = (typeof CHANNELS)[number];

export function isMilestone(value: string): value is Milestone {
  return (MILESTONES as readonly string[]).includes(value);
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

// Flow triggers fire on these, whatever the shopper-facing settings say.
export const FLOW_TRIGGERS = ["delayed", "exception", "delivered", "stuck"] as const;
export type FlowTrigger = (typeof FLOW_TRIGGERS)[number];

const milestoneRule = z.object({
  enabled: z.boolean(),
  channels: z.array(z.enum(CHANNELS)),
});
export type MilestoneRule = z.infer<typeof milestoneRule>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use 24-hour HH:MM");

export const notificationRulesSchema = z.object({
  milestones: z.record(z.enum(MILESTONES), milestoneRule),
  quietHours: z.object({ enabled: z.boolean(), start: clock, end: clock }),
  maxPerShipmentPerDay: z.number().int().min(1).max(20),
  // Scans that land within this many minutes of each other become one message (the newest milestone).
  burstWindowMinutes: z.number().int().min(0).max(120),
  // A scan older than this when it reaches Parcelwise is history, not news.
  maxEventAgeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
});
export type NotificationRules = {
  milestones: Record<Milestone, MilestoneRule>;
  quietHours: { enabled: boolean; start: string; end: string };
  maxPerShipmentPerDay: number;
  burstWindowMinutes: number;
  maxEventAgeHours: number;
};

export const DEFAULT_NOTIFICATION_RULES: NotificationRules = {
  milestones: {
    // Shopify already sends an order confirmation.
    order_confirmed: { enabled: false, channels: ["email"] },
    shipped: { enabled: true, channels: ["email", "sms"] },
    in_transit_update: { enabled: true, channels: ["email"] },
    out_for_delivery: { enabled: true, channels: ["email", "sms"] },
    ready_for_pickup: { enabled: true, channels: ["email", "sms"] },
    delivered: { enabled: true, channels: ["email", "sms"] },
    delayed: { enabled: true, channels: ["email", "sms"] },
    exception: { enabled: true, channels: ["email", "sms"] },
  },
  quietHours: { enabled: true, start: "21:00", end: "08:00" },
  maxPerShipmentPerDay: 3,
  burstWindowMinutes: 10,
  maxEventAgeHours: 48,
};

export function parseNotificationRules(json: string | null | undefined): NotificationRules {
  let raw: unknown = {};
  try {
    raw = json ? JSON.parse(json) : {};
  } catch {
    raw = {};
  }
  const parsed = notificationRulesSchema.partial().safeParse(raw);
  const stored = parsed.success ? parsed.data : {};
  return {
    ...DEFAULT_NOTIFICATION_RULES,
    ...stored,
    milestones: { ...DEFAULT_NOTIFICATION_RULES.milestones, ...(stored.milestones ?? {}) },
  };
}

export function channelsFor(rules: NotificationRules, milestone: Milestone): Channel[] {
  const rule = rules.milestones[milestone];
  return rule.enabled ? [...new Set(rule.channels)] : [];
}
