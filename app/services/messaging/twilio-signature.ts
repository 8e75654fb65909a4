import { createHmac, timingSafeEqual } from "node:crypto";

// Twilio signs each webhook (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the account's auth token, of
// the full URL it requested followed by every POST parameter, sorted by name, as name + value with nothing
// between. Repeated names each contribute name + value, in value order (as Twilio's helper libraries do).
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const pairs = [...params].sort(([nameA, valueA], [nameB, valueB]) =>
    nameA === nameB ? compare(valueA, valueB) : compare(nameA, nameB),
  );
  const payload = url + pairs.map(([name, value]) => name + value).join("");
  return createHmac("sha1", authToken).update(payload, "utf8").digest("base64");
}

// Code-unit order, as Twilio sorts (not the locale's).
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isValidTwilioSignature({
  authToken,
  url,
  params,
  signature,
}: {
  authToken: string;
  url: string;
  params: URLSearchParams;
  signature: string | null;
}): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature, "utf8");
  // Twilio may sign the URL with or without the scheme's default port, so its libraries accept either.
  return urlVariants(url).some((variant) => {
    const expected = Buffer.from(twilioSignature(authToken, variant, params), "utf8");
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function urlVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/?#:]+)(?::(\d+))?(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme = "", host = "", port, rest = ""] = match;
  const defaultPort = scheme.toLowerCase() === "https" ? "443" : "80";
  if (port === undefined) return [url, `${scheme}://${host}:${defaultPort}${rest}`];
  return port === defaultPort ? [url, `${scheme}://${host}${rest}`] : [url];
}

// The app sits behind a proxy: the request it receives names an internal host, while Twilio signed the public
// URL it was configured with. That URL is the app's public origin plus the path and query as received.
export function publicWebhookUrl(request: Request, appUrl: string): string {
  const received = new URL(request.url);
  return `${new URL(appUrl).origin}${received.pathname}${received.search}`;
}
