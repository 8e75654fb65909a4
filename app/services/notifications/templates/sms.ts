import { sentence, type MessageContent } from "./content";
import { isGsmText, toGsmLookalikes } from "./gsm";
import { smsSegments } from "./sms-segments";
import type { RenderedSms, TemplateInput } from "./types";

type SmsParts = {
  prefix: string;
  happened: string;
  url: string;
  action?: string;
  timing?: string;
  stop?: string;
};

/**
 * One segment wherever possible. The shop's name, what happened (at its shortest, without the order name)
 * and the link always go in, whole. The rest joins in priority order only while the message stays within the
 * segments the essentials need: what to do, then when, then which order, then the opt-out reminder. Which
 * order it is ranks below the action and the date because the link already leads to the right order.
 */
export function renderSms(content: MessageContent, input: TemplateInput): RenderedSms {
  // The shop's and order's names are the merchant's words and stay as written; our own copy switches to GSM
  // lookalikes, unless those names force UCS-2 anyway.
  const polish = isGsmText(input.shop.name + input.orderName) ? toGsmLookalikes : (text: string) => text;
  const shopName = input.shop.name.trim().replace(/\s+/g, " ");
  const essentials: SmsParts = {
    prefix: shopName ? `${shopName}: ` : "",
    happened: polish(content.smsHappened.short),
    url: input.trackingUrl.trim(),
  };
  const upgrades: Array<[keyof SmsParts, string | null]> = [
    ["action", content.smsAction && polish(sentence(content.smsAction))],
    ["timing", content.timing && polish(sentence(content.timing))],
    ["happened", polish(content.smsHappened.full)],
    ["stop", polish(content.copy.smsStop)],
  ];

  const allowedSegments = Math.max(1, smsSegments(assemble(essentials)).segments);
  let chosen = essentials;
  for (const [part, text] of upgrades) {
    if (!text) continue;
    const candidate = { ...chosen, [part]: text };
    if (smsSegments(assemble(candidate)).segments <= allowedSegments) chosen = candidate;
  }

  const body = assemble(chosen);
  return { channel: "sms", body, ...smsSegments(body) };
}

// Reading order differs from priority: the news, when, what to do, then the link. The link stands alone
// between spaces so no phone folds a full stop into it.
function assemble(parts: SmsParts): string {
  const message = [parts.happened, parts.timing, parts.action].filter(Boolean).join(" ");
  return [`${parts.prefix}${message}`, parts.url, parts.stop].filter(Boolean).join(" ");
}
