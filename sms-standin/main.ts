import { z } from "zod";
import { startSmsStandin } from "./index";

// `npm run sms-standin`: a local Twilio on a fixed port for the demo and manual testing. Point the shop's SMS
// settings at the printed URL with the demo account's SID and token.
const environment = z
  .object({
    SMS_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(3500),
    SMS_STANDIN_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-f]{32}$/, "must be AC followed by 32 lowercase hex characters")
      .default("AC0123456789abcdef0123456789abcdef"),
    SMS_STANDIN_AUTH_TOKEN: z.string().min(8).default("parcelwise-demo-sms-auth-token"),
    /** Where shoppers' replies (STOP, HELP…) are posted, e.g. http://localhost:3000/sms/inbound?shop=… */
    SMS_STANDIN_INBOUND_WEBHOOK_URL: z.string().url().optional(),
  })
  .safeParse(process.env);

if (!environment.success) {
  for (const issue of environment.error.issues)
    console.error(`sms-standin: ${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}

const env = environment.data;
const standin = await startSmsStandin({
  port: env.SMS_STANDIN_PORT,
  accounts: [
    {
      accountSid: env.SMS_STANDIN_ACCOUNT_SID,
      authToken: env.SMS_STANDIN_AUTH_TOKEN,
      friendlyName: "Parcelwise demo SMS account",
    },
  ],
  inboundWebhookUrl: env.SMS_STANDIN_INBOUND_WEBHOOK_URL,
});

// The first line is meant for scripts: `SMS_STANDIN_URL=<url>`.
console.log(`SMS_STANDIN_URL=${standin.url}`);
console.log(`account sid  ${env.SMS_STANDIN_ACCOUNT_SID}`);
console.log(`auth token   ${env.SMS_STANDIN_AUTH_TOKEN}`);
if (env.SMS_STANDIN_INBOUND_WEBHOOK_URL) console.log(`inbound      ${env.SMS_STANDIN_INBOUND_WEBHOOK_URL}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void standin.close().then(() => process.exit(0));
  });
}
