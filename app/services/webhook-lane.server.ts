import type { IncomingMessage, ServerResponse } from "node:http";
import { config } from "../config.server";
import { acceptVerifiedWebhook } from "./sync-webhook.server";
import { INBOX_TOPICS } from "./sync-topics.server";
import { verifyWebhook } from "./webhook-signature";

// The production server (server.mjs) answers the queued sync topics here, before Express and Remix: the same
// checks, in the same order and with the same answers, as the routes' `authenticate.webhook`, then the same
// acceptVerifiedWebhook. Through Remix a delivery cost ~1.3 ms of CPU before any database work (the library's
// validate alone ~0.47 ms: it imports the key into WebCrypto on every call) and capped intake far below the
// 1,000 deliveries/s a busy shop's burst needs. webhook-signature.ts holds its verdicts to Shopify's
// library's; every other webhook (app/uninstalled, scopes, bulk operations) still goes through Remix.

const MAX_BODY_BYTES = 5 * 1024 * 1024;

// The inbox topic a path serves (/webhooks/fulfillment_events/create → fulfillment_events/create), if any.
export function inboxTopicForPath(url: string | undefined): string | null {
  if (!url?.startsWith("/webhooks/")) return null;
  const topic = url.slice("/webhooks/".length).split("?")[0] ?? "";
  return Object.hasOwn(INBOX_TOPICS, topic) ? topic : null;
}

// Returns false for a request it does not serve, which then goes on to Express.
export function webhookLane(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "POST") return false;
  const topic = inboxTopicForPath(request.url);
  if (!topic) return false;
  void answer(request, response, topic).catch((error: unknown) => {
    console.error(`webhook ${topic}:`, error instanceof Error ? error.message : error);
    if (!response.headersSent) send(response, 500, { error: "could not store the delivery" });
  });
  return true;
}

async function answer(request: IncomingMessage, response: ServerResponse, topic: string) {
  const rawBody = await readBody(request);
  if (rawBody === null) return send(response, 413, { error: "payload too large" });
  const verdict = verifyWebhook(request.headers, rawBody, config().SHOPIFY_API_SECRET);
  if (!verdict.valid) return send(response, verdict.status, null);
  const { status, body } = await acceptVerifiedWebhook({
    delivery: verdict,
    topic,
    rawBody: rawBody.toString("utf8"),
  });
  send(response, status, body);
}

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks, size)));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: Record<string, unknown> | null) {
  const text = body === null ? "" : JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}
