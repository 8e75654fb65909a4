import http from "node:http";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "../../app/services/webhook-signature";
import { webhookHmac } from "../../shopify-standin";

const SECRET = "lane-test-secret";
const api = shopifyApi({
  apiKey: "lane-test-key",
  apiSecretKey: SECRET,
  apiVersion: ApiVersion.October25,
  isEmbeddedApp: true,
  hostName: "127.0.0.1",
  scopes: [],
  logger: { level: LogSeverity.Error },
});

const body = '{"id":9007199254740993,"status":"in_transit","message":"Départ — Memphis"}';
const shopifyHeaders = (rawBody: string, secret = SECRET): Record<string, string> => ({
  "content-type": "application/json",
  "x-shopify-hmac-sha256": webhookHmac(Buffer.from(rawBody), secret),
  "x-shopify-topic": "fulfillment_events/create",
  "x-shopify-shop-domain": "lane.myshopify.com",
  "x-shopify-api-version": "2025-10",
  "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
  "x-shopify-triggered-at": "2026-11-21T10:00:00.000Z",
});

function without(headers: Record<string, string>, name: string) {
  const { [name]: _removed, ...rest } = headers;
  return rest;
}

// Each case: the headers and body a server receives.
const cases: Array<[string, Record<string, string>, string]> = [
  ["signed by Shopify", shopifyHeaders(body), body],
  ["body changed after signing", shopifyHeaders(body), body.replace("in_transit", "delivered")],
  ["signed with another secret", shopifyHeaders(body, "someone-else"), body],
  ["signature not base64", { ...shopifyHeaders(body), "x-shopify-hmac-sha256": "%%%" }, body],
  ["signature truncated", { ...shopifyHeaders(body), "x-shopify-hmac-sha256": "abcd" }, body],
  ["no signature", without(shopifyHeaders(body), "x-shopify-hmac-sha256"), body],
  ["no shop domain", without(shopifyHeaders(body), "x-shopify-shop-domain"), body],
  ["no webhook id", without(shopifyHeaders(body), "x-shopify-webhook-id"), body],
  ["no API version", without(shopifyHeaders(body), "x-shopify-api-version"), body],
  ["no topic", without(shopifyHeaders(body), "x-shopify-topic"), body],
  ["empty body, signed", shopifyHeaders(""), ""],
];

async function libraryVerdict(headers: Record<string, string>, rawBody: string) {
  const request = new http.IncomingMessage(null as never);
  Object.assign(request, { headers, method: "POST", url: "/webhooks/fulfillment_events/create" });
  const check = await api.webhooks.validate({
    rawBody,
    rawRequest: request,
    rawResponse: new http.ServerResponse(request),
  });
  // authenticate.webhook answers 401 for a wrong HMAC and 400 for anything else invalid.
  if (!check.valid) return { valid: false, status: check.reason === "invalid_hmac" ? 401 : 400 };
  return { valid: true, shop: check.domain, webhookId: check.webhookId, topic: check.topic };
}

describe("the production webhook lane's signature check", () => {
  it.each(cases)("agrees with Shopify's library: %s", async (_name, headers, rawBody) => {
    const lane = verifyWebhook(headers, Buffer.from(rawBody), SECRET);
    const library = await libraryVerdict(headers, rawBody);
    if (lane.valid) {
      expect(library).toEqual({ valid: true, shop: lane.shop, webhookId: lane.webhookId, topic: lane.topic });
    } else {
      expect(library).toEqual({ valid: false, status: lane.status });
    }
  });

  it("accepts only what Shopify signed with the app's secret", () => {
    const verdicts = cases.map(([, headers, rawBody]) =>
      verifyWebhook(headers, Buffer.from(rawBody), SECRET),
    );
    expect(verdicts.map((verdict) => verdict.valid)).toEqual(
      cases.map(([name]) => name === "signed by Shopify"),
    );
  });
});
