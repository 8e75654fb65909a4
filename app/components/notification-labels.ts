import type { Channel, Milestone } from "../models/notification-rules";

// The merchant-facing names of the notification vocabulary, shared by the Notifications page and the
// shipment page so a milestone reads the same everywhere.

export const MILESTONE_LABELS: Record<Milestone, string> = {
  order_confirmed: "Order confirmed",
  shipped: "Shipped",
  in_transit_update: "In transit update (customs, local carrier)",
  out_for_delivery: "Out for delivery",
  ready_for_pickup: "Ready for pickup",
  delivered: "Delivered",
  delayed: "Delayed or stuck",
  exception: "Problem with delivery",
};

export const CHANNEL_LABELS: Record<Channel, string> = { email: "Email", sms: "SMS" };

// In the order the records above list them (the same as MILESTONES and CHANNELS, which the types keep
// complete): notification-rules.ts carries zod, which the browser does not need to download.
export const MILESTONE_ORDER = Object.keys(MILESTONE_LABELS) as Milestone[];
export const CHANNEL_ORDER = Object.keys(CHANNEL_LABELS) as Channel[];

// Outbox rows store plain strings; anything unexpected is shown as stored rather than hidden.
export function milestoneLabel(milestone: string): string {
  return Object.hasOwn(MILESTONE_LABELS, milestone) ? MILESTONE_LABELS[milestone as Milestone] : milestone;
}

export function channelLabel(channel: string): string {
  return Object.hasOwn(CHANNEL_LABELS, channel) ? CHANNEL_LABELS[channel as Channel] : channel;
}
