import { createHmac } from "node:crypto";

// X-Twilio-Signature as Twilio computes it: base64 HMAC-SHA1, keyed with the auth token, of the URL it posts to
// followed by each form parameter (sorted by name) as name + value. Written apart from the app's verifier on
// purpose, so each checks the other.
export function signTwilioWebhook(authToken: string, url: string, form: Record<string, string>): string {
  const names = Object.keys(form).sort();
  const payload = url + names.map((name) => `${name}${form[name]}`).join("");
  return createHmac("sha1", authToken).update(payload, "utf8").digest("base64");
}
