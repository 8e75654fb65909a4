import { createPrismaClient } from "../../prisma/client";
import { parseDatabaseUrl } from "../../prisma/database-url";
import { sealSecret } from "../../app/services/secret-box.server";
import { DEFAULT_NOTIFICATION_RULES } from "../../app/models/notification-rules";

// The demo shop's email and SMS providers, already set up and pointing at the local SMTP server and SMS
// stand-in, so previews, test messages and real notifications work from the first click. Stored exactly as
// Settings stores them (app/models/messaging-providers.server.ts).

export const DEMO_CREDENTIALS_KEY = "parcelwise-demo-credentials-key-0123456789";
export const DEMO_SMS_ACCOUNT = {
  accountSid: `AC${"d".repeat(32)}`,
  authToken: "parcelwise-demo-sms-token",
  friendlyName: "Parcelwise demo SMS",
};

// ShopSettings.emailProvider for a local SMTP server (no TLS, no login), as Settings stores a verified one.
export function storedLocalSmtpProvider({
  port,
  fromAddress,
  fromName = null,
}: {
  port: number;
  fromAddress: string;
  fromName?: string | null;
}): string {
  return JSON.stringify({
    type: "smtp",
    host: "127.0.0.1",
    port,
    secure: false,
    username: null,
    sealedPassword: null,
    passwordHint: null,
    fromAddress,
    fromName,
    replyTo: null,
    verifiedAt: new Date().toISOString(),
  });
}

// ShopSettings.smsProvider for a Twilio-compatible API, its token sealed with `credentialsKey`.
export function storedSmsProvider({
  baseUrl,
  account,
  credentialsKey,
  fromNumber = "+15005550006",
}: {
  baseUrl: string;
  account: { accountSid: string; authToken: string; friendlyName: string };
  credentialsKey: string;
  fromNumber?: string;
}): string {
  return JSON.stringify({
    type: "twilio",
    baseUrl,
    accountSid: account.accountSid,
    sealedAuthToken: sealSecret(account.authToken, credentialsKey),
    authTokenHint: `••••${account.authToken.slice(-4)}`,
    fromNumber,
    accountName: account.friendlyName,
    verifiedAt: new Date().toISOString(),
  });
}

export async function seedDemoMessaging({
  databaseUrl,
  shop,
  smtpPort,
  smsUrl,
}: {
  databaseUrl: string;
  shop: string;
  smtpPort: number;
  smsUrl: string;
}) {
  const db = await createPrismaClient(parseDatabaseUrl(databaseUrl));
  const data = {
    emailProvider: storedLocalSmtpProvider({
      port: smtpPort,
      fromAddress: "shipping@parcelwise-demo.example",
      fromName: "Parcelwise Demo Store",
    }),
    smsProvider: storedSmsProvider({
      baseUrl: smsUrl,
      account: DEMO_SMS_ACCOUNT,
      credentialsKey: DEMO_CREDENTIALS_KEY,
    }),
  };
  try {
    await db.shopSettings.upsert({
      where: { shop },
      create: { shop, notificationRules: JSON.stringify(DEFAULT_NOTIFICATION_RULES), ...data },
      update: data,
    });
  } finally {
    await db.$disconnect();
  }
}
