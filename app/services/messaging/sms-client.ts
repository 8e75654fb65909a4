import { z } from "zod";

// A client for Twilio's Programmable Messaging REST API (2010-04-01), and for the Twilio-compatible providers
// and the local stand-in (sms-standin/) that speak it. It never retries: a send is not idempotent, so the
// dispatcher decides, reconciling with findSent() first whenever a send's outcome is unknown.

export type SmsErrorKind = "rate_limited" | "provider_down" | "auth_failed" | "rejected";

export class SmsProviderError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly kind: SmsErrorKind,
    message: string,
    readonly details: {
      /** Twilio's error code (21211, 21610, 20003, …) when the provider sent one. */
      code?: number | null;
      status?: number | null;
      retryAfterMs?: number | null;
      /** The request may have been processed (timeout, dropped connection, unreadable 2xx): reconcile first. */
      outcomeUnknown?: boolean;
    } = {},
  ) {
    super(message);
    this.name = "SmsProviderError";
    this.retryable = kind === "rate_limited" || kind === "provider_down";
  }

  get code(): number | null {
    return this.details.code ?? null;
  }

  get status(): number | null {
    return this.details.status ?? null;
  }

  get retryAfterMs(): number | null {
    return this.details.retryAfterMs ?? null;
  }

  get outcomeUnknown(): boolean {
    return this.details.outcomeUnknown ?? false;
  }
}

export interface SmsClientOptions {
  /** "https://api.twilio.com", or a compatible API's origin. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** An E.164 number, or a Messaging Service SID ("MG…") that picks the number itself. */
  from: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export interface SentSms {
  sid: string;
  status: string;
  segments: number;
}

export interface SmsAccount {
  accountSid: string;
  friendlyName: string;
  status: string;
}

export interface SmsClient {
  send(message: { to: string; body: string; statusCallbackUrl?: string }): Promise<SentSms>;
  findSent(query: { to: string; body: string; sentAfter: Date }): Promise<{ sid: string } | null>;
  verify(): Promise<SmsAccount>;
}

const API_VERSION = "2010-04-01";
const LIST_PAGE_SIZE = 50;
const MAX_LIST_PAGES = 5;
// date_created has one-second precision and the provider's clock is not ours.
const CLOCK_SKEW_MS = 60_000;

const messageSchema = z.object({
  sid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/),
  status: z.string(),
  to: z.string().nullable(),
  body: z.string().nullable(),
  num_segments: z.coerce.number().int().min(0).nullable(),
  date_created: z.string().nullable(),
});

const messagePageSchema = z.object({
  messages: z.array(messageSchema),
  next_page_uri: z.string().nullable().optional(),
});

const accountSchema = z.object({
  sid: z.string(),
  friendly_name: z.string(),
  status: z.string(),
});

const errorBodySchema = z.object({
  code: z.number().int().nullable().optional(),
  message: z.string().optional(),
});

export function createSmsClient({
  baseUrl,
  accountSid,
  authToken,
  from,
  timeoutMs = 10_000,
  fetchImpl = fetch,
}: SmsClientOptions): SmsClient {
  const origin = baseUrl.replace(/\/+$/, "");
  const accountPath = `/${API_VERSION}/Accounts/${encodeURIComponent(accountSid)}`;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;

  async function request(method: "GET" | "POST", path: string, form?: URLSearchParams): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(`${origin}${path}`, {
        method,
        headers: {
          Authorization: authorization,
          Accept: "application/json",
          ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        },
        body: form?.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw unreachable(error, timeoutMs, method === "POST");
    }
    if (response.status >= 200 && response.status < 300) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw unreadable(
          method === "POST",
          `the SMS provider answered ${response.status} with a body that is not JSON`,
        );
      }
    }
    throw errorFromResponse(response, text, method === "POST");
  }

  return {
    async send({ to, body, statusCallbackUrl }) {
      const form = new URLSearchParams({ To: to, Body: body });
      form.set(from.startsWith("MG") ? "MessagingServiceSid" : "From", from);
      if (statusCallbackUrl) form.set("StatusCallback", statusCallbackUrl);
      const parsed = messageSchema.safeParse(await request("POST", `${accountPath}/Messages.json`, form));
      if (!parsed.success) throw unreadable(true, "the SMS provider's reply to a send was not a message");
      return {
        sid: parsed.data.sid,
        status: parsed.data.status,
        segments: parsed.data.num_segments ?? 1,
      };
    },

    async findSent({ to, body, sentAfter }) {
      const earliest = sentAfter.getTime() - CLOCK_SKEW_MS;
      const query = new URLSearchParams({ To: to, PageSize: String(LIST_PAGE_SIZE) });
      // Twilio's range filter is the parameter named "DateSent>" (on or after that UTC date).
      query.set("DateSent>", new Date(earliest).toISOString().slice(0, 10));
      let path: string | null = `${accountPath}/Messages.json?${query}`;
      for (let page = 0; path && page < MAX_LIST_PAGES; page += 1) {
        const parsed = messagePageSchema.safeParse(await request("GET", path));
        if (!parsed.success) throw unreadable(false, "the SMS provider's message list was not readable");
        const match = parsed.data.messages.find(
          (message) =>
            message.to === to &&
            message.body === body &&
            message.date_created !== null &&
            Date.parse(message.date_created) >= earliest,
        );
        if (match) return { sid: match.sid };
        path = parsed.data.next_page_uri ?? null;
      }
      return null;
    },

    async verify() {
      const parsed = accountSchema.safeParse(await request("GET", `${accountPath}.json`));
      if (!parsed.success) throw unreadable(false, "the SMS provider's account details were not readable");
      return {
        accountSid: parsed.data.sid,
        friendlyName: parsed.data.friendly_name,
        status: parsed.data.status,
      };
    },
  };
}

function unreachable(error: unknown, timeoutMs: number, wasSend: boolean): SmsProviderError {
  const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const refused = (cause as NodeJS.ErrnoException | null)?.code === "ECONNREFUSED";
  const reason = timedOut
    ? `no answer within ${timeoutMs} ms`
    : `network error: ${cause?.message ?? (error instanceof Error ? error.message : String(error))}`;
  // A refused connection never reached the provider; anything later might have.
  return new SmsProviderError("provider_down", `SMS provider unreachable (${reason})`, {
    outcomeUnknown: wasSend && !refused,
  });
}

function unreadable(wasSend: boolean, message: string): SmsProviderError {
  return new SmsProviderError("provider_down", message, { outcomeUnknown: wasSend });
}

function errorFromResponse(response: Response, text: string, wasSend: boolean): SmsProviderError {
  const status = response.status;
  const body = parseErrorBody(text);
  const code = body?.code ?? null;
  const detail = redactPhoneNumbers(body?.message ?? `HTTP ${status}`);
  if (status === 429 || code === 20429) {
    return new SmsProviderError("rate_limited", `SMS provider rate limit reached: ${detail}`, {
      code,
      status,
      retryAfterMs: retryAfterMs(response.headers.get("retry-after")),
    });
  }
  if (status >= 500) {
    return new SmsProviderError("provider_down", `SMS provider failed (${status}): ${detail}`, {
      code,
      status,
      outcomeUnknown: wasSend,
    });
  }
  if (status === 401 || status === 403 || code === 20003) {
    return new SmsProviderError("auth_failed", `SMS provider refused the credentials: ${detail}`, {
      code,
      status,
    });
  }
  return new SmsProviderError(
    "rejected",
    `SMS provider rejected the request (${code ?? status}): ${detail}`,
    {
      code,
      status,
    },
  );
}

function parseErrorBody(text: string) {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

// Twilio's messages quote the number ("The 'To' number +15551234567 is not…"); errors end up in logs and
// on the outbox row, which may keep only a masked number.
function redactPhoneNumbers(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{5,}\d/g, (number) => `•••${number.replace(/\D/g, "").slice(-2)}`);
}
