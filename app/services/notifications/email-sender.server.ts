import { createHash } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

// One pooled SMTP connection set per shop and provider setting: a dispatch round sends many messages over a
// few open connections instead of a TLS handshake and AUTH each.

export type OutgoingEmail = {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  // Stable per notification: a resend after an interrupted attempt carries the same Message-ID, which
  // receiving systems use to drop the copy.
  messageId: string;
  headers: Record<string, string>;
};

export class EmailSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const pools = new Map<
  string,
  { fingerprint: string; transporter: Transporter<SMTPTransport.SentMessageInfo> }
>();

export function emailTransportFor(shop: string, options: SMTPTransport.Options) {
  const fingerprint = createHash("sha256").update(JSON.stringify(options)).digest("hex");
  const pooled = pools.get(shop);
  if (pooled?.fingerprint === fingerprint) return pooled.transporter;
  pooled?.transporter.close();
  const transporter = nodemailer.createTransport({
    ...options,
    pool: true,
    maxConnections: Number(process.env.SMTP_MAX_CONNECTIONS ?? 5),
    maxMessages: Infinity,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as SMTPTransport.Options);
  pools.set(shop, { fingerprint, transporter });
  return transporter;
}

export async function sendEmail(
  transporter: Transporter<SMTPTransport.SentMessageInfo>,
  email: OutgoingEmail,
): Promise<{ messageId: string }> {
  try {
    const info = await transporter.sendMail(email);
    if (info.rejected.length > 0) throw new EmailSendError(`recipient rejected: ${info.response}`, false);
    return { messageId: info.messageId };
  } catch (error) {
    if (error instanceof EmailSendError) throw error;
    throw classifySmtpError(error);
  }
}

// 4xx and connection trouble pass (greylisting, a provider's bad minute); 5xx is a definite "no" for this
// message (unknown mailbox, policy) and retrying it would only repeat the bounce.
export function classifySmtpError(error: unknown): EmailSendError {
  const details = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const responseCode = details.responseCode;
  const message = details.response ?? details.message ?? String(error);
  if (responseCode && responseCode >= 500 && details.code !== "EAUTH")
    return new EmailSendError(`SMTP ${responseCode}: ${message}`, false);
  return new EmailSendError(
    responseCode ? `SMTP ${responseCode}: ${message}` : `${details.code ?? "SMTP"}: ${message}`,
    true,
  );
}

export function closeEmailTransports() {
  for (const { transporter } of pools.values()) transporter.close();
  pools.clear();
}
