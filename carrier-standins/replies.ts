import type { HttpReply } from "../shopify-standin/http-reply";

export { jsonReply, textReply } from "../shopify-standin/http-reply";

export function xmlReply(
  status: number,
  xml: string,
  contentType = "application/xml; charset=utf-8",
): HttpReply {
  return { status, headers: { "Content-Type": contentType }, body: xml };
}

/** A body served exactly as the carrier sent it (a real sample). */
export function rawJsonReply(status: number, body: string): HttpReply {
  return { status, headers: { "Content-Type": "application/json; charset=utf-8" }, body };
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Form or JSON request bodies as flat string fields. */
export function requestFields(body: string, contentType: string | undefined): Record<string, string> {
  if (contentType?.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === "object") {
        return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
      }
    } catch {
      return {};
    }
    return {};
  }
  return Object.fromEntries(new URLSearchParams(body));
}
