import type { ActionFunctionArgs } from "@remix-run/node";
import { config } from "../config.server";
import { normalizePhoneE164 } from "../lib/phone";
import { optInPhone, optOutPhone } from "../models/messaging-opt-outs.server";
import { loadInboundSmsContext } from "../models/messaging-providers.server";
import { keywordReply, smsKeywordOf, twimlResponse } from "../services/messaging/sms-keywords";
import { isValidTwilioSignature, publicWebhookUrl } from "../services/messaging/twilio-signature";

// Twilio's "a message comes in" webhook for a shop's number, configured as
// <app>/sms/inbound?shop=<shop>.myshopify.com: STOP and START replies change what the shop may text, HELP
// gets the shop's help text. Twilio signs each request with the shop's auth token.

const MYSHOPIFY_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return loader();
  const shop = new URL(request.url).searchParams.get("shop") ?? "";
  const context = MYSHOPIFY_DOMAIN.test(shop) ? await loadInboundSmsContext({ shop }) : null;
  if (!context) return new Response("Unknown shop", { status: 404 });

  const params = new URLSearchParams(await request.text());
  const signed = isValidTwilioSignature({
    authToken: context.authToken,
    url: publicWebhookUrl(request, config().SHOPIFY_APP_URL),
    params,
    signature: request.headers.get("X-Twilio-Signature"),
  });
  if (!signed) return new Response("Invalid signature", { status: 403 });

  const from = normalizePhoneE164(params.get("From") ?? "");
  const keyword = smsKeywordOf(params.get("Body") ?? "");
  if (from && keyword === "opt_out") await optOutPhone({ shop, phone: from });
  if (from && keyword === "opt_in") await optInPhone({ shop, phone: from });

  const reply = from && keyword ? keywordReply(keyword, context.shopName) : null;
  return new Response(twimlResponse(reply), {
    status: 200,
    headers: { "Content-Type": "text/xml; charset=utf-8", "Cache-Control": "no-store" },
  });
}
