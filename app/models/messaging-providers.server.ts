import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { z } from "zod";
import { config } from "../config.server";
import prisma from "../db.server";
import { normalizePhoneE164 } from "../lib/phone";
import { createSmsClient, SmsProviderError } from "../services/messaging/sms-client";
import { maskSecret, openSecret, sealSecret } from "../services/secret-box.server";

// Where a shop's messages go out: its own SMTP server for email, a Twilio(-compatible) account for SMS. Stored
// as JSON text in ShopSettings.emailProvider / smsProvider with the password and token sealed. Settings are
// saved only after they really worked (SMTP login, API account lookup), so a typo surfaces in the form and not
// as failed notifications days later.

export const TWILIO_BASE_URL = "https://api.twilio.com";

export type EmailProviderSettings = {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS. */
  secure: boolean;
  username: string | null;
  password: string | null;
  fromAddress: string;
  fromName: string | null;
  replyTo: string | null;
};

export type SmsProviderSettings = {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** E.164, or a Messaging Service SID ("MG…"). */
  fromNumber: string;
};

/** Field → what is wrong with it, worded for the merchant. */
export class MessagingProviderInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join(" "));
    this.name = "MessagingProviderInputError";
  }
}

/** The settings are well-formed but did not work; nothing was saved. */
export class MessagingProviderVerificationError extends Error {
  constructor(
    readonly channel: "email" | "sms",
    message: string,
  ) {
    super(message);
    this.name = "MessagingProviderVerificationError";
  }
}

// ---------------------------------------------------------------------------------------------------------
// What the merchant submits (form fields or JSON).

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "1", "false", "0", ""])])
  .transform((value) => value === true || value === "on" || value === "true" || value === "1");

const emailAddress = (message: string) =>
  z.string({ required_error: message }).trim().max(254, message).email(message);

const emailProviderInputSchema = z.object({
  host: z
    .string({ required_error: "Enter your mail server's host name, like smtp.example.com." })
    .trim()
    .regex(HOSTNAME, "Enter your mail server's host name, like smtp.example.com."),
  port: z.coerce
    .number({ invalid_type_error: "Enter the port: usually 587 (STARTTLS) or 465 (TLS)." })
    .int("Enter the port: usually 587 (STARTTLS) or 465 (TLS).")
    .min(1, "Enter the port: usually 587 (STARTTLS) or 465 (TLS).")
    .max(65535, "Enter the port: usually 587 (STARTTLS) or 465 (TLS)."),
  secure: z.preprocess(blankToUndefined, checkbox.optional()),
  username: z.preprocess(
    blankToUndefined,
    z.string().trim().max(256, "The username is too long.").optional(),
  ),
  // Not trimmed: spaces can be part of a password. Empty keeps the stored one.
  password: z.string().max(1024, "The password is too long.").optional(),
  fromAddress: emailAddress("Enter the address emails come from, like shipping@yourstore.com."),
  fromName: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(100, "Keep the sender name under 100 characters.")
      .regex(/^[^\r\n]*$/, "The sender name must fit on one line.")
      .optional(),
  ),
  replyTo: z.preprocess(
    blankToUndefined,
    emailAddress("Enter a valid reply-to address, or leave it empty.").optional(),
  ),
});

const smsProviderInputSchema = z.object({
  baseUrl: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .default(TWILIO_BASE_URL)
      .transform((value, context) => {
        const normalized = normalizeBaseUrl(value);
        if (!normalized) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: "Enter the API address with https://, like https://api.twilio.com.",
          });
          return z.NEVER;
        }
        return normalized;
      }),
  ),
  accountSid: z
    .string({ required_error: "Enter your Account SID: AC followed by 32 characters." })
    .trim()
    .regex(/^AC[0-9a-f]{32}$/, "Enter your Account SID: AC followed by 32 characters."),
  authToken: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .min(8, "That auth token is too short.")
      .max(256, "That auth token is too long.")
      .optional(),
  ),
  fromNumber: z
    .string({ required_error: "Enter the number texts come from, with its country code." })
    .transform((value, context) => {
      const trimmed = value.trim();
      if (/^MG[0-9a-f]{32}$/.test(trimmed)) return trimmed;
      const e164 = normalizePhoneE164(trimmed);
      if (e164) return e164;
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          "Enter the number texts come from with its country code (+1 415 555 0134), or a Messaging Service SID (MG…).",
      });
      return z.NEVER;
    }),
});

// The credentials travel to this address, so it must be encrypted (plain http only to this machine).
function normalizeBaseUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const plainAllowed = url.protocol === "http:" && isLoopbackHost(url.hostname);
  if ((url.protocol !== "https:" && !plainAllowed) || url.username || url.password || url.search || url.hash)
    return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function parseInput<Schema extends z.ZodTypeAny>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  throw new MessagingProviderInputError(fieldErrors);
}

// ---------------------------------------------------------------------------------------------------------
// What is stored.

const storedEmailSchema = z.object({
  type: z.literal("smtp"),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  username: z.string().nullable(),
  sealedPassword: z.string().nullable(),
  passwordHint: z.string().nullable(),
  fromAddress: z.string(),
  fromName: z.string().nullable(),
  replyTo: z.string().nullable(),
  verifiedAt: z.string(),
});
type StoredEmailProvider = z.infer<typeof storedEmailSchema>;

const storedSmsSchema = z.object({
  type: z.literal("twilio"),
  baseUrl: z.string(),
  accountSid: z.string(),
  sealedAuthToken: z.string(),
  authTokenHint: z.string(),
  fromNumber: z.string(),
  accountName: z.string(),
  verifiedAt: z.string(),
});
type StoredSmsProvider = z.infer<typeof storedSmsSchema>;

function parseStored<Schema extends z.ZodTypeAny>(schema: Schema, json: string | null | undefined) {
  if (!json) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as z.output<Schema>) : null;
  } catch {
    return null;
  }
}

async function storedProviders(shop: string) {
  const row = await prisma.shopSettings.findUnique({
    where: { shop },
    select: { emailProvider: true, smsProvider: true },
  });
  return {
    email: parseStored(storedEmailSchema, row?.emailProvider),
    sms: parseStored(storedSmsSchema, row?.smsProvider),
  };
}

const seal = (secret: string) => sealSecret(secret, config().CREDENTIALS_ENCRYPTION_KEY);
const open = (sealed: string) => openSecret(sealed, config().CREDENTIALS_ENCRYPTION_KEY);

// ---------------------------------------------------------------------------------------------------------
// Saving.

export async function saveEmailProvider({
  shop,
  input,
  verify = verifySmtp,
  now = new Date(),
}: {
  shop: string;
  input: unknown;
  verify?: (provider: EmailProviderSettings) => Promise<void>;
  now?: Date;
}) {
  const fields = parseInput(emailProviderInputSchema, input);
  const { email: stored } = await storedProviders(shop);
  const username = fields.username ?? null;
  let password: string | null = null;
  if (username) {
    // A kept password only goes back to the server and account it was entered for: otherwise anyone who can
    // edit the form could point it at their own server and receive it.
    const keepable =
      stored?.sealedPassword &&
      stored.host.toLowerCase() === fields.host.toLowerCase() &&
      stored.username === username;
    password = fields.password || (keepable && stored.sealedPassword ? open(stored.sealedPassword) : null);
    if (!password) {
      throw new MessagingProviderInputError({
        password: stored?.sealedPassword
          ? "Enter the password again: the server or username changed."
          : "Enter the password for this username.",
      });
    }
  }
  const provider: EmailProviderSettings = {
    host: fields.host,
    port: fields.port,
    secure: fields.secure ?? fields.port === 465,
    username,
    password,
    fromAddress: fields.fromAddress,
    fromName: fields.fromName ?? null,
    replyTo: fields.replyTo ?? null,
  };
  await verified("email", () => verify(provider));
  const { password: _secret, ...rest } = provider;
  const record: StoredEmailProvider = {
    type: "smtp",
    ...rest,
    sealedPassword: password ? seal(password) : null,
    passwordHint: password ? maskSecret(password) : null,
    verifiedAt: now.toISOString(),
  };
  const emailProvider = JSON.stringify(record);
  await prisma.shopSettings.upsert({
    where: { shop },
    create: { shop, emailProvider },
    update: { emailProvider },
  });
  return emailView(record);
}

export async function saveSmsProvider({
  shop,
  input,
  verify = verifySmsAccount,
  now = new Date(),
}: {
  shop: string;
  input: unknown;
  verify?: (provider: SmsProviderSettings) => Promise<{ accountName: string }>;
  now?: Date;
}) {
  const fields = parseInput(smsProviderInputSchema, input);
  const { sms: stored } = await storedProviders(shop);
  // As for the SMTP password: a kept token only goes back to the API and account it was entered for.
  const keepable = stored && stored.baseUrl === fields.baseUrl && stored.accountSid === fields.accountSid;
  const authToken = fields.authToken ?? (keepable ? open(stored.sealedAuthToken) : null);
  if (!authToken) {
    throw new MessagingProviderInputError({
      authToken: stored
        ? "Enter the auth token again: the account or API address changed."
        : "Enter the auth token from your Twilio Console.",
    });
  }
  const provider: SmsProviderSettings = {
    baseUrl: fields.baseUrl,
    accountSid: fields.accountSid,
    authToken,
    fromNumber: fields.fromNumber,
  };
  const { accountName } = await verified("sms", () => verify(provider));
  const record: StoredSmsProvider = {
    type: "twilio",
    baseUrl: provider.baseUrl,
    accountSid: provider.accountSid,
    sealedAuthToken: seal(authToken),
    authTokenHint: maskSecret(authToken),
    fromNumber: provider.fromNumber,
    accountName,
    verifiedAt: now.toISOString(),
  };
  const smsProvider = JSON.stringify(record);
  await prisma.shopSettings.upsert({
    where: { shop },
    create: { shop, smsProvider },
    update: { smsProvider },
  });
  return smsView(record);
}

async function verified<T>(channel: "email" | "sms", check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof MessagingProviderVerificationError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MessagingProviderVerificationError(channel, `The settings didn't work: ${reason}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading.

export async function loadEmailProvider({ shop }: { shop: string }): Promise<EmailProviderSettings | null> {
  const { email } = await storedProviders(shop);
  if (!email) return null;
  const { type: _type, sealedPassword, passwordHint: _hint, verifiedAt: _at, ...settings } = email;
  return { ...settings, password: sealedPassword ? open(sealedPassword) : null };
}

export async function loadSmsProvider({ shop }: { shop: string }): Promise<SmsProviderSettings | null> {
  const { sms } = await storedProviders(shop);
  if (!sms) return null;
  return {
    baseUrl: sms.baseUrl,
    accountSid: sms.accountSid,
    authToken: open(sms.sealedAuthToken),
    fromNumber: sms.fromNumber,
  };
}

/** What the inbound SMS webhook needs: the token Twilio signs with, and the shop's name for replies. */
export async function loadInboundSmsContext({
  shop,
}: {
  shop: string;
}): Promise<{ shopName: string; authToken: string } | null> {
  const row = await prisma.shop.findFirst({
    where: { domain: shop, status: "active" },
    select: { name: true, settings: { select: { smsProvider: true } } },
  });
  const sms = parseStored(storedSmsSchema, row?.settings?.smsProvider);
  if (!row || !sms) return null;
  return { shopName: row.name, authToken: open(sms.sealedAuthToken) };
}

function emailView(stored: StoredEmailProvider) {
  return {
    host: stored.host,
    port: stored.port,
    secure: stored.secure,
    username: stored.username,
    password: stored.passwordHint,
    fromAddress: stored.fromAddress,
    fromName: stored.fromName,
    replyTo: stored.replyTo,
    verifiedAt: stored.verifiedAt,
  };
}

function smsView(stored: StoredSmsProvider) {
  return {
    baseUrl: stored.baseUrl,
    accountSid: stored.accountSid,
    authToken: stored.authTokenHint,
    fromNumber: stored.fromNumber,
    accountName: stored.accountName,
    verifiedAt: stored.verifiedAt,
  };
}

export type EmailProviderView = ReturnType<typeof emailView>;
export type SmsProviderView = ReturnType<typeof smsView>;

/** For the admin: secrets only as hints ("••••1234"). */
export async function describeProviders({
  shop,
}: {
  shop: string;
}): Promise<{ email: EmailProviderView | null; sms: SmsProviderView | null }> {
  const { email, sms } = await storedProviders(shop);
  return { email: email ? emailView(email) : null, sms: sms ? smsView(sms) : null };
}

// ---------------------------------------------------------------------------------------------------------
// Verifying.

// nodemailer honours forceAuth (SMTPTransport, SMTPPool) but its type definitions do not list it.
export type SmtpOptions = SMTPTransport.Options & { forceAuth?: boolean };

/** nodemailer's SMTP options for these settings; the dispatcher adds `pool: true`. */
export function smtpTransportOptions(provider: EmailProviderSettings): SmtpOptions {
  const hasCredentials = Boolean(provider.username && provider.password);
  return {
    host: provider.host,
    port: provider.port,
    secure: provider.secure,
    // Shopper addresses and the password never cross the network in clear: STARTTLS or nothing. Plain SMTP
    // only to this machine (local relays, the demo's mail catcher).
    requireTLS: !provider.secure && !isLoopbackHost(provider.host),
    auth: hasCredentials ? { user: provider.username ?? "", pass: provider.password ?? "" } : undefined,
    // Entered credentials are tried even if the server does not advertise AUTH, so a wrong setup fails now.
    forceAuth: hasCredentials,
    tls: { minVersion: "TLSv1.2", servername: isIP(provider.host) ? undefined : provider.host },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    dnsTimeout: 10_000,
  };
}

export async function verifySmtp(
  provider: EmailProviderSettings,
  { allowPrivateNetwork = privateNetworkAllowed() }: { allowPrivateNetwork?: boolean } = {},
): Promise<void> {
  await assertPublicHost("email", provider.host, allowPrivateNetwork);
  const transport = nodemailer.createTransport(smtpTransportOptions(provider));
  try {
    await transport.verify();
  } catch (error) {
    throw new MessagingProviderVerificationError("email", smtpFailureMessage(error, provider));
  } finally {
    transport.close();
  }
}

function smtpFailureMessage(error: unknown, { host, port }: EmailProviderSettings): string {
  const {
    code,
    message = "",
    response,
  } = (error ?? {}) as { code?: string; message?: string; response?: string };
  const where = `${host} on port ${port}`;
  if (code === "EAUTH" || code === "NoAuth")
    return `The mail server refused the username or password${response ? ` (it said: ${response.slice(0, 160)})` : ""}.`;
  if (code === "EDNS" || /ENOTFOUND|EAI_AGAIN/.test(message))
    return `Couldn't find a mail server named ${host}: check the host name.`;
  if (/ECONNREFUSED/.test(message)) return `Nothing answered at ${where}: check the host and port.`;
  if (/certificate|CERT_/i.test(message))
    return `The mail server's TLS certificate isn't valid for ${host} (${message}).`;
  if (/STARTTLS/i.test(message))
    return `${where} doesn't offer an encrypted connection (STARTTLS). Parcelwise only sends over encrypted connections: turn on TLS (usually port 465) or use a server that supports STARTTLS (usually port 587).`;
  if (/wrong version number|packet length|ssl|tls/i.test(message))
    return `The encrypted connection to ${where} failed: use TLS on connect for port 465 and leave it off for 587.`;
  if (code === "ETIMEDOUT" || /timeout/i.test(message))
    return `${where} didn't answer in time: check the host, the port and the TLS setting.`;
  return `The mail server at ${where} didn't accept the connection: ${message || "unknown error"}.`;
}

export async function verifySmsAccount(
  provider: SmsProviderSettings,
  { allowPrivateNetwork = privateNetworkAllowed() }: { allowPrivateNetwork?: boolean } = {},
): Promise<{ accountName: string }> {
  await assertPublicHost("sms", new URL(provider.baseUrl).hostname, allowPrivateNetwork);
  const client = createSmsClient({
    baseUrl: provider.baseUrl,
    accountSid: provider.accountSid,
    authToken: provider.authToken,
    from: provider.fromNumber,
  });
  let account;
  try {
    account = await client.verify();
  } catch (error) {
    throw new MessagingProviderVerificationError("sms", smsFailureMessage(error, provider.baseUrl));
  }
  if (account.status !== "active") {
    throw new MessagingProviderVerificationError(
      "sms",
      `The account "${account.friendlyName}" is ${account.status}: texts can only go out from an active account.`,
    );
  }
  return { accountName: account.friendlyName };
}

function smsFailureMessage(error: unknown, baseUrl: string): string {
  if (!(error instanceof SmsProviderError)) return `Couldn't check the account: ${String(error)}`;
  switch (error.kind) {
    case "auth_failed":
      return "The Account SID and auth token don't match: copy both again from your Twilio Console.";
    case "rate_limited":
    case "provider_down":
      return `Couldn't reach ${new URL(baseUrl).host} to check the account: try again in a minute.`;
    case "rejected":
      return error.code === 20404
        ? "No account with that Account SID: copy it again from your Twilio Console."
        : `The SMS provider refused the account check: ${error.message}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Saving dials a host the merchant typed, from our servers: in production it must not lead into our own
// network (metadata services, databases, internal admin ports).

function privateNetworkAllowed(): boolean {
  const appConfig = config();
  return appConfig.NODE_ENV !== "production" || appConfig.PARCELWISE_DEMO;
}

function isLoopbackHost(host: string): boolean {
  return ["localhost", "127.0.0.1", "::1", "[::1]"].includes(host.toLowerCase());
}

const PRIVATE_RANGES = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, "ipv6");
}

function isPrivateAddress(address: string): boolean {
  const mappedV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mappedV4) return PRIVATE_RANGES.check(mappedV4, "ipv4");
  return PRIVATE_RANGES.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

async function assertPublicHost(channel: "email" | "sms", host: string, allowPrivateNetwork: boolean) {
  if (allowPrivateNetwork) return;
  const bare = host.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(bare) ? [bare] : (await lookup(bare, { all: true })).map((entry) => entry.address);
  } catch {
    throw new MessagingProviderVerificationError(channel, `Couldn't find ${host}: check the host name.`);
  }
  if (addresses.some(isPrivateAddress)) {
    throw new MessagingProviderVerificationError(
      channel,
      `${host} is a private network address: enter the server's public host name.`,
    );
  }
}
