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
  const verifiedAt = new Date().toISOString();
  const data = {
    emailProvider: JSON.stringify({
      type: "smtp",
      host: "127.0.0.1",
      port: smtpPort,
      secure: false,
      username: null,
      sealedPassword: null,
      passwordHint: null,
      fromAddress: "shipping@parcelwise-demo.example",
      fromName: "Parcelwise Demo Store",
      replyTo: null,
      verifiedAt,
    }),
    smsProvider: JSON.stringify({
      type: "twilio",
      baseUrl: smsUrl,
      accountSid: DEMO_SMS_ACCOUNT.accountSid,
      sealedAuthToken: sealSecret(DEMO_SMS_ACCOUNT.authToken, DEMO_CREDENTIALS_KEY),
      authTokenHint: "••••oken",
      fromNumber: "+15005550006",
      accountName: DEMO_SMS_ACCOUNT.friendlyName,
      verifiedAt,
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
