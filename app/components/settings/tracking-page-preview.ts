import { escapeHtml } from "../../lib/html";
import { trackingPageLogo, trackingPageLookWrapper } from "../../lib/tracking-page-look";
import type { TrackingPageLook } from "../../models/settings-options";
import type { TrackingPagePreviewParts } from "../../models/settings-preview.server";

// The tracking block's wrapper as its Liquid writes it (extensions/tracking-page/blocks/tracking-page.liquid),
// around the server-rendered form and sample answer: a whole document for the preview iframe's srcdoc.
export function trackingPagePreviewDocument(parts: TrackingPagePreviewParts, look: TrackingPageLook): string {
  const wrapper = trackingPageLookWrapper(look);
  const heading = look.heading.trim() || parts.defaults.heading;
  const intro = look.intro.trim() || parts.defaults.intro;
  const logo = trackingPageLogo(look.logoUrl);
  const note = look.lateMessage.trim()
    ? `<aside class="pw-track__note"><h3>${escapeHtml(parts.defaults.lateNoteHeading)}</h3><p>${escapeHtml(look.lateMessage.trim())}</p></aside>`
    : "";
  return `<!doctype html><html lang="${escapeHtml(parts.lang)}" dir="${parts.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><style>body{margin:0;font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}${parts.css}</style></head><body>
<div class="pw-track ${wrapper.className}" style="${wrapper.style}" data-pw-block>${logo}
<h2 class="pw-track__heading">${escapeHtml(heading)}</h2><p class="pw-track__intro">${escapeHtml(intro)}</p>
${parts.lookupForm}<div class="pw-track__results">${parts.sampleAnswer}</div>${note}</div></body></html>`;
}
