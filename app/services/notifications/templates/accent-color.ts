const DEFAULT_ACCENT = "#1f5f8b";
const LIGHT_TEXT = "#ffffff";
const DARK_TEXT = "#111827";

export type Accent = {
  background: string;
  text: string; // on the accent background
  link: string; // accent-coloured text on white, when the accent is dark enough to read there
};

/**
 * The shop's brand colour for buttons and accents. Anything but a real #rrggbb (a name, a CSS expression,
 * an injection attempt) falls back to the default, and the button text is whichever of white or near-black
 * reads better on it, so a pale brand colour still gives a legible button.
 */
export function accentColor(value: string | null): Accent {
  const background =
    value && /^#[0-9a-f]{6}$/i.test(value.trim()) ? value.trim().toLowerCase() : DEFAULT_ACCENT;
  const text = contrast(background, LIGHT_TEXT) >= contrast(background, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
  const link = contrast(background, LIGHT_TEXT) >= 4.5 ? background : DARK_TEXT;
  return { background, text, link };
}

// WCAG 2 relative luminance and contrast ratio.
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((offset) => parseInt(hex.slice(offset, offset + 2), 16) / 255);
  const [red = 0, green = 0, blue = 0] = channels.map((channel) =>
    channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

function contrast(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
}
