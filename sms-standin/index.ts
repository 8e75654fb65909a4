export {
  startSmsStandin,
  type FailNext,
  type InboundSms,
  type SmsStandin,
  type SmsStandinAccount,
  type SmsStandinOptions,
} from "./standin-server";
export type { TwilioMessage } from "./message-store";
export { segmentCount, smsEncodingOf } from "./segments";
export { signTwilioWebhook } from "./webhook-signature";
