import type { TrackingPageLook } from "../models/settings-options";
import { escapeHtml } from "./html";

// What the block's Liquid (extensions/tracking-page/blocks/tracking-page.liquid) does with a look, for the two
// places the app draws the tracking page itself: the Settings preview and the app proxy's whole page (no
// script). One rule, so the storefront, the preview and the no-script page agree.

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const DEFAULT_ACCENT = "#1a5fb4";

// The wrapper's modifier class and custom properties. Text on the accent is black or white, whichever
// contrasts more (Shopify's color_brightness, the block's `> 150` rule).
export function trackingPageLookWrapper(
  look: Pick<TrackingPageLook, "accentColor" | "buttonStyle" | "cornerRadius">,
) {
  const accent = HEX_COLOUR.test(look.accentColor) ? look.accentColor : DEFAULT_ACCENT;
  const radius = Math.min(24, Math.max(0, Math.round(look.cornerRadius) || 0));
  return {
    className: `pw-track--${look.buttonStyle === "outline" ? "outline" : "filled"}`,
    style: `--pw-accent: ${accent}; --pw-on-accent: ${textOn(accent)}; --pw-radius: ${radius}px;`,
  };
}

// The logo from Settings is an https address of unknown size: the block's fixed-height logo.
export function trackingPageLogo(logoUrl: string | null): string {
  return logoUrl?.startsWith("https://")
    ? `<img class="pw-track__logo pw-track__logo--app" src="${escapeHtml(logoUrl)}" alt="" width="240" height="48">`
    : "";
}

function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)) as [
    number,
    number,
    number,
  ];
  const brightness = (r * 299 + g * 587 + b * 114) / 1000;
  return brightness > 150 ? "#000000" : "#ffffff";
}
