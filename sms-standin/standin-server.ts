import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { jsonReply, readRequestBody, sendReply, type HttpReply } from "../shopify-standin/http-reply";
import {
  API_VERSION,
  MessageStore,
  newSid,
  rfc2822,
  type ListQuery,
  type TwilioMessage,
} from "./message-store";
import { errors, twilioError } from "./twilio-errors";
import { signTwilioWebhook } from "./webhook-signature";

export interface SmsStandinAccount {
  accountSid: string;
  authToken: string;
  friendlyName: string;
}

export interface SmsStandinOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  accounts: SmsStandinAccount[];
  /** Where shoppers' replies are posted (Twilio's "A message comes in" webhook). */
  inboundWebhookUrl?: string;
  /** What "now" is for message dates; default the real time. */
  clock?: () => Date;
  /** How webhooks are delivered; default fetch (tests may hand them to a route in-process). */
  webhookFetch?: typeof fetch;
}

export interface FailNext {
  status: 500 | 503 | 429;
  /** Default 1. */
  count?: number;
  /** For 429; default 1. */
  retryAfterSeconds?: number;
}

export interface InboundSms {
  from: string;
  to: string;
  body: string;
  /** Whose number received it; default the first account. */
  accountSid?: string;
}

export interface SmsStandin {
  /** "http://127.0.0.1:<port>": the client's baseUrl. */
  url: string;
  /** Every message, outbound and inbound, oldest first, as Twilio's API shows it. */
  messages(): TwilioMessage[];
  /** The next `count` API requests fail with this status (Twilio's error body; 429 with Retry-After). */
  failNext(failure: FailNext): void;
  /** The next `count` API requests are read and never answered (nothing is created). */
  hangNext(count?: number): void;
  /** From now on, messages are created as usual but the reply to the send is withheld… */
  holdResponses(): void;
  /** …until this sends the withheld replies (to clients still listening) and stops holding. */
  releaseHeld(): number;
  /** Where inbound texts are posted, when it is known only after the stand-in started. */
  setInboundWebhookUrl(url: string): void;
  /** A shopper texts the shop's number: STOP/START keywords apply, then the form is posted, signed, to the webhook. */
  simulateInbound(message: InboundSms): Promise<string>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/;
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const MAX_BODY_CHARACTERS = 1600;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
// Twilio Advanced Opt-Out's default keywords.
const OPT_OUT_KEYWORDS = new Set([
  "STOP",
  "STOPALL",
  "UNSUBSCRIBE",
  "CANCEL",
  "END",
  "QUIT",
  "OPTOUT",
  "REVOKE",
]);
const OPT_IN_KEYWORDS = new Set(["START", "UNSTOP", "YES"]);
const HELP_KEYWORDS = new Set(["HELP", "INFO"]);

interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  authorization: string | undefined;
}

/** A local Twilio Programmable Messaging API: messages, their list, account lookup and inbound webhooks. */
export async function startSmsStandin(options: SmsStandinOptions): Promise<SmsStandin> {
  if (options.accounts.length === 0) throw new Error("the SMS stand-in needs at least one account");
  const clock = options.clock ?? (() => new Date());
  let inboundWebhookUrl = options.inboundWebhookUrl;
  const webhookFetch = options.webhookFetch ?? fetch;
  const accounts = new Map(options.accounts.map((account) => [account.accountSid, account]));
  const store = new MessageStore();
  // Per account: recipients who replied STOP to it.
  const optedOut = new Map<string, Set<string>>();
  const failures: Array<{ status: FailNext["status"]; retryAfterSeconds: number }> = [];
  let hangs = 0;
  let holding = false;
  const held: Array<{ response: ServerResponse; reply: HttpReply }> = [];
  const sockets = new Set<Socket>();

  function authenticatedAccount(request: ApiRequest, urlAccountSid: string): SmsStandinAccount | null {
    const [scheme, encoded = ""] = (request.authorization ?? "").split(" ");
    if (scheme?.toLowerCase() !== "basic") return null;
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const separator = decoded.indexOf(":");
    const username = decoded.slice(0, separator);
    const password = decoded.slice(separator + 1);
    const account = accounts.get(username);
    if (separator < 0 || !account || account.authToken !== password || username !== urlAccountSid)
      return null;
    return account;
  }

  function route(request: ApiRequest): { reply: HttpReply; holdable: boolean; created?: TwilioMessage } {
    const match =
      /^\/2010-04-01\/Accounts\/([^/]+?)(\.json|\/Messages\.json|\/Messages\/([^/]+)\.json)$/.exec(
        request.path,
      );
    if (!match) return { reply: errors.notFound(request.path), holdable: false };
    const [, accountSid = "", resource, messageSid] = match;
    const account = authenticatedAccount(request, accountSid);
    if (!account) return { reply: errors.authenticate(), holdable: false };
    if (resource === ".json" && request.method === "GET")
      return { reply: accountReply(account), holdable: false };
    if (resource === "/Messages.json" && request.method === "POST")
      return createMessage(account, request.form);
    if (resource === "/Messages.json" && request.method === "GET")
      return { reply: listMessages(account, request), holdable: false };
    if (messageSid && request.method === "GET") {
      const message = store.get(account.accountSid, messageSid);
      return { reply: message ? jsonReply(200, message) : errors.notFound(request.path), holdable: false };
    }
    return { reply: twilioError(405, 20004, "Method not allowed"), holdable: false };
  }

  function accountReply(account: SmsStandinAccount): HttpReply {
    const now = rfc2822(clock());
    return jsonReply(200, {
      sid: account.accountSid,
      friendly_name: account.friendlyName,
      status: "active",
      type: "Full",
      owner_account_sid: account.accountSid,
      date_created: now,
      date_updated: now,
      uri: `/${API_VERSION}/Accounts/${account.accountSid}.json`,
    });
  }

  function createMessage(account: SmsStandinAccount, form: URLSearchParams) {
    const to = form.get("To");
    const from = form.get("From");
    const messagingServiceSid = form.get("MessagingServiceSid");
    const body = form.get("Body") ?? "";
    const rejected = (reply: HttpReply) => ({ reply, holdable: false });
    if (!to) return rejected(errors.toRequired());
    if (!E164.test(to)) return rejected(errors.invalidTo(to));
    if (!from && !messagingServiceSid) return rejected(errors.fromRequired());
    if (from && !E164.test(from) && !ALPHANUMERIC_SENDER.test(from))
      return rejected(errors.invalidFrom(from));
    if (!from && messagingServiceSid && !MESSAGING_SERVICE_SID.test(messagingServiceSid))
      return rejected(errors.invalidParameter(`Invalid MessagingServiceSid ${messagingServiceSid}`));
    if (!body) return rejected(errors.bodyRequired());
    if ([...body].length > MAX_BODY_CHARACTERS) return rejected(errors.bodyTooLong());
    if (optedOut.get(account.accountSid)?.has(to)) return rejected(errors.unsubscribed());
    const created = store.create({
      accountSid: account.accountSid,
      to,
      from: from ?? null,
      messagingServiceSid: from ? null : messagingServiceSid,
      body,
      direction: "outbound-api",
      // A Messaging Service first accepts the message, then picks the sending number.
      status: from ? "queued" : "accepted",
      now: clock(),
    });
    return { reply: jsonReply(201, created), holdable: true, created };
  }

  function listMessages(account: SmsStandinAccount, request: ApiRequest): HttpReply {
    const { query } = request;
    const pageSize = Math.min(
      Number(query.get("PageSize") ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE,
      MAX_PAGE_SIZE,
    );
    const page = Math.max(0, Number(query.get("Page") ?? 0) || 0);
    const exactDay = dayBounds(query.get("DateSent"));
    const fromDay = dayBounds(query.get("DateSent>"));
    const untilDay = dayBounds(query.get("DateSent<"));
    if (exactDay === "invalid" || fromDay === "invalid" || untilDay === "invalid")
      return twilioError(
        400,
        20001,
        "Invalid value for DateSent: use YYYY-MM-DD or an ISO 8601 date and time",
      );
    const pageToken = query.get("PageToken");
    const listQuery: ListQuery = {
      accountSid: account.accountSid,
      to: query.get("To"),
      from: query.get("From"),
      sentFrom: exactDay?.start ?? fromDay?.start ?? null,
      sentUntil: exactDay?.end ?? untilDay?.end ?? null,
      pageSize,
      page,
      after: pageToken?.startsWith("PA") ? pageToken.slice(2) : null,
    };
    const { messages, hasMore } = store.list(listQuery);
    const listPath = `/${API_VERSION}/Accounts/${account.accountSid}/Messages.json`;
    const filters = new URLSearchParams(
      [...query].filter(([name]) => !["Page", "PageSize", "PageToken"].includes(name)),
    );
    const pageUri = (pageNumber: number, token: string | null) => {
      const params = new URLSearchParams(filters);
      params.set("PageSize", String(pageSize));
      params.set("Page", String(pageNumber));
      if (token) params.set("PageToken", token);
      return `${listPath}?${params}`;
    };
    const last = messages.at(-1);
    return jsonReply(200, {
      messages,
      page,
      page_size: pageSize,
      start: page * pageSize,
      end: page * pageSize + Math.max(messages.length - 1, 0),
      uri: `${listPath}?${query}`,
      first_page_uri: pageUri(0, null),
      next_page_uri: hasMore && last ? pageUri(page + 1, `PA${last.sid}`) : null,
      previous_page_uri: page > 0 ? pageUri(page - 1, null) : null,
    });
  }

  // The carrier takes the message right away; then Twilio reports it to the StatusCallback, if any.
  function deliver(message: TwilioMessage, statusCallback: string | null) {
    store.markSent(message.sid, clock());
    if (!statusCallback) return;
    const account = accounts.get(message.account_sid);
    if (!account) return;
    void postSigned(account, statusCallback, {
      AccountSid: message.account_sid,
      ApiVersion: API_VERSION,
      From: message.from ?? "",
      MessageSid: message.sid,
      MessageStatus: "sent",
      SmsSid: message.sid,
      SmsStatus: "sent",
      To: message.to,
    }).catch(() => undefined);
  }

  async function postSigned(account: SmsStandinAccount, url: string, form: Record<string, string>) {
    const response = await webhookFetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": "TwilioProxy/1.1",
        "X-Twilio-Signature": signTwilioWebhook(account.authToken, url, form),
        "I-Twilio-Idempotency-Token": newSid(""),
      },
      body: new URLSearchParams(form).toString(),
    });
    return response.text();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://standin.local");
    const body = (await readRequestBody(request)).toString("utf8");
    if (hangs > 0) {
      hangs -= 1;
      return;
    }
    const failure = failures.shift();
    if (failure) return sendReply(response, errors.injected(failure.status, failure.retryAfterSeconds));
    const { reply, holdable, created } = route({
      method: request.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      form: new URLSearchParams(body),
      authorization: request.headers.authorization,
    });
    if (created) deliver(created, new URLSearchParams(body).get("StatusCallback"));
    if (holding && holdable) held.push({ response, reply });
    else sendReply(response, reply);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendReply(response, twilioError(500, 20500, `stand-in error: ${String(error)}`));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    messages: () => store.all(),
    setInboundWebhookUrl: (url) => {
      inboundWebhookUrl = url;
    },
    failNext: ({ status, count = 1, retryAfterSeconds = 1 }) => {
      for (let i = 0; i < count; i += 1) failures.push({ status, retryAfterSeconds });
    },
    hangNext: (count = 1) => {
      hangs += count;
    },
    holdResponses: () => {
      holding = true;
    },
    releaseHeld: () => {
      holding = false;
      const waiting = held.splice(0);
      for (const { response, reply } of waiting) if (!response.destroyed) sendReply(response, reply);
      return waiting.length;
    },
    simulateInbound: async ({ from, to, body, accountSid }) => {
      const account = accountSid ? accounts.get(accountSid) : options.accounts[0];
      if (!account) throw new Error(`the SMS stand-in has no account ${accountSid}`);
      const keyword = body.trim().toUpperCase();
      const recipients = optedOut.get(account.accountSid) ?? new Set<string>();
      optedOut.set(account.accountSid, recipients);
      if (OPT_OUT_KEYWORDS.has(keyword)) recipients.add(from);
      if (OPT_IN_KEYWORDS.has(keyword)) recipients.delete(from);
      const message = store.create({
        accountSid: account.accountSid,
        to,
        from,
        messagingServiceSid: null,
        body,
        direction: "inbound",
        status: "received",
        now: clock(),
      });
      if (!inboundWebhookUrl) return "";
      const optOutType = OPT_OUT_KEYWORDS.has(keyword)
        ? "STOP"
        : OPT_IN_KEYWORDS.has(keyword)
          ? "START"
          : HELP_KEYWORDS.has(keyword)
            ? "HELP"
            : null;
      return postSigned(account, inboundWebhookUrl, {
        AccountSid: account.accountSid,
        ApiVersion: API_VERSION,
        Body: body,
        From: from,
        FromCity: "",
        FromCountry: "",
        FromState: "",
        FromZip: "",
        MessageSid: message.sid,
        NumMedia: "0",
        NumSegments: message.num_segments,
        SmsMessageSid: message.sid,
        SmsSid: message.sid,
        SmsStatus: "received",
        To: to,
        ToCity: "",
        ToCountry: "",
        ToState: "",
        ToZip: "",
        ...(optOutType ? { OptOutType: optOutType } : {}),
      });
    },
    close: async () => {
      // Hanging and held requests would otherwise keep close() waiting forever.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// "2026-11-21" is that whole UTC day; a full ISO date and time is that instant.
function dayBounds(value: string | null): { start: Date; end: Date } | "invalid" | null {
  if (value === null) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(start.getTime())) return "invalid";
    return { start, end: new Date(start.getTime() + 86_400_000 - 1) };
  }
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(instant.getTime())) return "invalid";
  return { start: instant, end: instant };
}
