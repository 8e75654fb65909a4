import { composeMessage } from "./content";
import { renderEmail } from "./email";
import { renderSms } from "./sms";
import type { RenderedEmail, RenderedSms, TemplateInput } from "./types";

export { smsSegments } from "./sms-segments";
export type { RenderedEmail, RenderedSms, SmsEncoding, TemplateInput } from "./types";

export function renderNotification(input: TemplateInput & { channel: "email" }): RenderedEmail;
export function renderNotification(input: TemplateInput & { channel: "sms" }): RenderedSms;
export function renderNotification(input: TemplateInput): RenderedEmail | RenderedSms;
export function renderNotification(input: TemplateInput): RenderedEmail | RenderedSms {
  const content = composeMessage(input);
  return input.channel === "email" ? renderEmail(content, input) : renderSms(content, input);
}
