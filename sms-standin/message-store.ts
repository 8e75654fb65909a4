import { randomBytes } from "node:crypto";
import { segmentCount } from "./segments";

export const API_VERSION = "2010-04-01";

/** Twilio's Message resource, as the API returns it. */
export interface TwilioMessage {
  account_sid: string;
  api_version: string;
  body: string;
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  direction: "outbound-api" | "inbound";
  error_code: number | null;
  error_message: string | null;
  from: string | null;
  messaging_service_sid: string | null;
  num_media: string;
  num_segments: string;
  price: string | null;
  price_unit: string;
  sid: string;
  status: string;
  subresource_uris: { media: string };
  to: string;
  uri: string;
}

interface StoredMessage {
  resource: TwilioMessage;
  sequence: number;
  sentAt: Date | null;
}

// Twilio's dates: RFC 2822 in UTC with one-second precision, "Sat, 21 Nov 2026 15:22:00 +0000".
export function rfc2822(date: Date): string {
  return date.toUTCString().replace("GMT", "+0000");
}

export function newSid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

export interface ListQuery {
  accountSid: string;
  to: string | null;
  from: string | null;
  /** Inclusive bounds on date_sent; messages not sent yet never match a date filter. */
  sentFrom: Date | null;
  sentUntil: Date | null;
  pageSize: number;
  page: number;
  /** The sid after which this page starts. */
  after: string | null;
}

export class MessageStore {
  private readonly stored: StoredMessage[] = [];
  private sequence = 0;

  create(fields: {
    accountSid: string;
    to: string;
    from: string | null;
    messagingServiceSid: string | null;
    body: string;
    direction: TwilioMessage["direction"];
    status: string;
    now: Date;
  }): TwilioMessage {
    const sid = newSid("SM");
    const uri = `/${API_VERSION}/Accounts/${fields.accountSid}/Messages/${sid}.json`;
    const resource: TwilioMessage = {
      account_sid: fields.accountSid,
      api_version: API_VERSION,
      body: fields.body,
      date_created: rfc2822(fields.now),
      date_sent: null,
      date_updated: rfc2822(fields.now),
      direction: fields.direction,
      error_code: null,
      error_message: null,
      from: fields.from,
      messaging_service_sid: fields.messagingServiceSid,
      num_media: "0",
      num_segments: String(segmentCount(fields.body)),
      price: null,
      price_unit: "USD",
      sid,
      status: fields.status,
      subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
      to: fields.to,
      uri,
    };
    this.sequence += 1;
    this.stored.push({ resource, sequence: this.sequence, sentAt: null });
    return { ...resource };
  }

  /** The carrier took it: what a list or fetch shows from now on. */
  markSent(sid: string, now: Date): void {
    const message = this.stored.find((candidate) => candidate.resource.sid === sid);
    if (!message) return;
    message.sentAt = now;
    message.resource.status = "sent";
    message.resource.date_sent = rfc2822(now);
    message.resource.date_updated = rfc2822(now);
  }

  get(accountSid: string, sid: string): TwilioMessage | null {
    const found = this.stored.find(
      (message) => message.resource.sid === sid && message.resource.account_sid === accountSid,
    );
    return found ? { ...found.resource } : null;
  }

  all(): TwilioMessage[] {
    return this.stored.map((message) => ({ ...message.resource }));
  }

  // Newest first, as Twilio lists them; a page token names the last message of the previous page, so paging
  // stays stable while new messages arrive.
  list(query: ListQuery): { messages: TwilioMessage[]; hasMore: boolean } {
    const matching = this.stored
      .filter(
        ({ resource, sentAt }) =>
          resource.account_sid === query.accountSid &&
          (query.to === null || resource.to === query.to) &&
          (query.from === null || resource.from === query.from) &&
          (query.sentFrom === null || (sentAt !== null && sentAt >= query.sentFrom)) &&
          (query.sentUntil === null || (sentAt !== null && sentAt <= query.sentUntil)),
      )
      .sort(
        (a, b) =>
          (b.sentAt ?? new Date(b.resource.date_created)).getTime() -
            (a.sentAt ?? new Date(a.resource.date_created)).getTime() || b.sequence - a.sequence,
      );
    const start = query.after
      ? matching.findIndex((message) => message.resource.sid === query.after) + 1
      : query.page * query.pageSize;
    const page = matching.slice(start, start + query.pageSize);
    return {
      messages: page.map((message) => ({ ...message.resource })),
      hasMore: start + page.length < matching.length,
    };
  }
}
