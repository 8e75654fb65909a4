import { MILESTONE_PROGRESS } from "../../models/notification-milestones";
import {
  channelsFor,
  isMilestone,
  type Milestone,
  type NotificationRules,
} from "../../models/notification-rules";
import { nextSendTime } from "../../lib/quiet-hours";

// Whether a due notification goes out now, waits, or is dropped (and why) — the merchant's guardrails in one
// pure function, so each rule is tested on its own and the dispatcher only carries out the verdict.

export type Verdict =
  | { action: "send" }
  | { action: "hold"; until: Date; reason: string }
  | { action: "suppress"; reason: string };

export type DueNotification = {
  id: string;
  channel: string;
  milestone: string;
  eventAt: Date | null;
  createdAt: Date;
};

export type SiblingNotification = {
  id: string;
  channel: string;
  milestone: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
};

// How far along a parcel in each status is, on the milestones' scale: a queued "out for delivery" is outdated
// once the parcel is delivered. Problems sit beside "in transit": a return is news whatever came before.
const STATUS_PROGRESS: Record<string, number> = {
  pending: 0,
  pre_transit: 1,
  // A parcel picked up overnight while its "shipped" message waited out quiet hours: still worth sending.
  in_transit: 1,
  delayed: 2,
  attempted: 2,
  exception: 2,
  returned: 2,
  out_for_delivery: 3,
  ready_for_pickup: 3,
  delivered: 4,
};

const DAY_MS = 24 * 60 * 60_000;

export function judgeNotification({
  notification,
  shipmentStatus,
  siblings,
  rules,
  timeZone,
  now,
}: {
  notification: DueNotification;
  // null for order-level messages (order confirmed).
  shipmentStatus: string | null;
  // The same shipment's other notifications on this channel.
  siblings: SiblingNotification[];
  rules: NotificationRules;
  timeZone: string;
  now: Date;
}): Verdict {
  const milestone = notification.milestone;
  if (!isMilestone(milestone)) return { action: "suppress", reason: `unknown milestone ${milestone}` };
  if (!(channelsFor(rules, milestone) as string[]).includes(notification.channel))
    return { action: "suppress", reason: "turned off in Settings" };
  if (
    notification.eventAt &&
    now.getTime() - notification.eventAt.getTime() > rules.maxEventAgeHours * 3_600_000
  )
    return { action: "suppress", reason: `event older than ${rules.maxEventAgeHours} h` };

  const superseding = siblings.find(
    (sibling) =>
      sibling.id !== notification.id &&
      ["queued", "sending", "failed", "sent"].includes(sibling.status) &&
      isMilestone(sibling.milestone) &&
      supersedes(sibling, notification),
  );
  if (superseding) return { action: "suppress", reason: `superseded by ${superseding.milestone}` };
  if (shipmentStatus && milestoneOutdated(milestone, shipmentStatus))
    return {
      action: "suppress",
      reason: `outdated: the parcel is now ${shipmentStatus.replaceAll("_", " ")}`,
    };

  const sentToday = siblings
    .filter(
      (sibling) =>
        sibling.status === "sent" && sibling.sentAt && now.getTime() - sibling.sentAt.getTime() < DAY_MS,
    )
    .map((sibling) => (sibling.sentAt as Date).getTime())
    .sort((a, b) => a - b);
  if (sentToday.length >= rules.maxPerShipmentPerDay) {
    const oldest = sentToday[sentToday.length - rules.maxPerShipmentPerDay] ?? now.getTime();
    return {
      action: "hold",
      until: new Date(oldest + DAY_MS),
      reason: `daily limit of ${rules.maxPerShipmentPerDay} messages for this shipment`,
    };
  }

  const allowedAt = nextSendTime({ now, timeZone, quietHours: rules.quietHours });
  if (allowedAt.getTime() > now.getTime())
    return { action: "hold", until: allowedAt, reason: `quiet hours (${timeZone})` };
  return { action: "send" };
}

// A later message, or one written by the same change that says more (further along, then the later row).
function supersedes(sibling: SiblingNotification, notification: DueNotification): boolean {
  if (!isMilestone(sibling.milestone) || !isMilestone(notification.milestone)) return false;
  const progress = MILESTONE_PROGRESS[sibling.milestone] - MILESTONE_PROGRESS[notification.milestone];
  if (progress < 0) return false;
  const age = sibling.createdAt.getTime() - notification.createdAt.getTime();
  if (age !== 0) return age > 0;
  return progress > 0 || sibling.id > notification.id;
}

// Old news for a parcel in this status: a message about it would be suppressed (also what a resend may offer).
export function milestoneOutdated(milestone: Milestone, shipmentStatus: string): boolean {
  const progress = STATUS_PROGRESS[shipmentStatus];
  return progress !== undefined && progress > MILESTONE_PROGRESS[milestone];
}
