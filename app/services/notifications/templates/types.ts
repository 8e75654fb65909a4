import type { Channel, Milestone } from "../../../models/notification-rules";

export type TemplateInput = {
  milestone: Milestone;
  channel: Channel;
  locale: string | null; // the shopper's language (BCP 47); null → the shop's
  shopLocale: string;
  timeZone: string; // the shopper's IANA zone, for dates
  shop: { name: string; logoUrl: string | null; accentColor: string | null; supportEmail: string | null };
  firstName: string | null;
  orderName: string; // "#1001"
  items: Array<{ title: string; quantity: number }>;
  carrierName: string | null;
  trackingNumber: string | null;
  window: { start: Date; end: Date } | null; // predicted delivery window
  deliveredAt: Date | null;
  substatus: string | null; // a taxonomy code, "stuck", "late" or "window_moved"
  trackingUrl: string; // the shop's tracking page for this order; every message links it
  unsubscribeUrl: string | null; // email only
  // The last day the pickup point holds a ready_for_pickup parcel, when the carrier tells us.
  pickupDeadline?: Date | null;
};

export type RenderedEmail = {
  channel: "email";
  subject: string;
  preheader: string;
  html: string;
  text: string;
};

export type SmsEncoding = "GSM-7" | "UCS-2";

export type RenderedSms = { channel: "sms"; body: string; segments: number; encoding: SmsEncoding };
