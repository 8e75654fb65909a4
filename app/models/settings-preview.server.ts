import blockCss from "../../extensions/tracking-page/assets/tracking-page.css?raw";
import { renderLookupForm, renderOrder, type RenderContext } from "../services/tracking-page/render";
import { resolveLocale, translator } from "../services/tracking-page/translations";
import type { TrackedOrder } from "./tracking-lookup.server";

// The pieces of the Settings page's tracking page preview that do not depend on the merchant's look: the
// block's stylesheet, its lookup form and an answer for a sample order, rendered by the storefront's own
// code. The browser puts the merchant's heading, texts and colours around them as they type
// (components/settings/tracking-page-preview.ts), the way the block's Liquid does.

export type TrackingPagePreviewParts = {
  lang: string;
  dir: "ltr" | "rtl";
  css: string;
  lookupForm: string;
  sampleAnswer: string;
  defaults: { heading: string; intro: string; lateNoteHeading: string };
};

const DAY_MS = 86_400_000;

export function trackingPagePreviewParts({
  locale,
  now = new Date(),
}: {
  locale: string | null;
  now?: Date;
}): TrackingPagePreviewParts {
  const shopperLocale = resolveLocale(locale);
  const t = translator(shopperLocale.language);
  const context: RenderContext = { t, locale: shopperLocale, now, proxyPath: "/apps/track" };
  return {
    lang: shopperLocale.tag,
    dir: shopperLocale.dir,
    css: blockCss,
    lookupForm: renderLookupForm(context),
    sampleAnswer: renderOrder(sampleOrder(now), context, { token: "preview", contactEmail: "" }),
    defaults: {
      heading: t("tracking.heading"),
      intro: t("tracking.intro"),
      lateNoteHeading: t("tracking.late_note_heading"),
    },
  };
}

function sampleOrder(now: Date): TrackedOrder {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const scan = (days: number, status: string, city: string, region: string) => ({
    status,
    substatus: null,
    rawText: null,
    occurredAt: at(days),
    utcOffset: null,
    city,
    region,
    country: "US",
  });
  return {
    id: "preview-order",
    name: "#1001",
    orderedAt: at(-3),
    shipBy: null,
    shipments: [
      {
        id: "preview-shipment",
        status: "in_transit",
        substatus: null,
        trackingNumber: "1Z999AA10123456784",
        trackingCompany: "UPS",
        carrier: "ups",
        trackingUrl: null,
        shippedAt: at(-2),
        windowStart: at(1),
        windowEnd: at(2),
        likelyAt: at(1),
        promisedBy: at(2),
        carrierEstimatedAt: null,
        deliveredAt: null,
        attention: null,
        events: [
          scan(-0.5, "in_transit", "Louisville", "KY"),
          scan(-1.5, "in_transit", "Columbus", "OH"),
          scan(-2, "pre_transit", "Pittsburgh", "PA"),
        ],
      },
    ],
  };
}
