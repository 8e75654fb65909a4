import { escapeHtml } from "../../lib/html";
import type { TrackingPageLook } from "../../models/settings-options";
import type { TrackingPagePreviewParts } from "../../models/settings-preview.server";

// The tracking block's wrapper as its Liquid writes it (extensions/tracking-page/blocks/tracking-page.liquid),
// around the server-rendered form and sample answer: a whole document for the preview iframe's srcdoc.
export function trackingPagePreviewDocument(parts: TrackingPagePreviewParts, look: TrackingPageLook): string {
  const accent = /^#[0-9a-fA-F]{6}$/.test(look.accentColor) ? look.accentColor : "#1a5fb4";
  const radius = Math.min(24, Math.max(0, Math.round(look.cornerRadius) || 0));
  const heading = look.heading.trim() || parts.defaults.heading;
  const intro = look.intro.trim() || parts.defaults.intro;
  const logo = look.logoUrl?.startsWith("https://")
    ? `<img class="pw-track__logo" src="${escapeHtml(look.logoUrl)}" alt="">`
    : "";
  const note = look.lateMessage.trim()
    ? `<aside class="pw-track__note"><h3>${escapeHtml(parts.defaults.lateNoteHeading)}</h3><p>${escapeHtml(look.lateMessage.trim())}</p></aside>`
    : "";
  const style = `--pw-accent: ${accent}; --pw-on-accent: ${textOn(accent)}; --pw-radius: ${radius}px;`;
  return `<!doctype html><html lang="${escapeHtml(parts.lang)}" dir="${parts.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><style>body{margin:0;font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}${parts.css}</style></head><body>
<div class="pw-track pw-track--${look.buttonStyle === "outline" ? "outline" : "filled"}" style="${style}" data-pw-block>${logo}
<h2 class="pw-track__heading">${escapeHtml(heading)}</h2><p class="pw-track__intro">${escapeHtml(intro)}</p>
${parts.lookupForm}<div class="pw-track__results">${parts.sampleAnswer}</div>${note}</div></body></html>`;
}

// Shopify's color_brightness filter, and the block's rule: black text on light accents, white on dark ones.
function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)) as [
    number,
    number,
    number,
  ];
  const brightness = (r * 299 + g * 587 + b * 114) / 1000;
  return brightness > 150 ? "#000000" : "#ffffff";
}
