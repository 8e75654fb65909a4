import { escapeHtml } from "../../../lib/html";
import type { Accent } from "./accent-color";

// Table layout with inline styles only: Gmail strips <style> in some views and Outlook renders with Word, so
// nothing here relies on CSS selectors, flexbox or background images.
export const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const PAGE_BACKGROUND = "#f4f4f5";
const TEXT = "#1f2937";
export const MUTED = "#6b7280";

export type EmailShell = {
  lang: string;
  title: string;
  preheader: string;
  shopName: string;
  logoUrl: string | null;
  accent: Accent;
  contentHtml: string;
  footerHtml: string;
};

export function emailLayout(shell: EmailShell): string {
  const accent = shell.accent.background;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(shell.lang)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${escapeHtml(shell.title)}</title>
</head>
<body style="margin:0;padding:0;background-color:${PAGE_BACKGROUND};">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:${PAGE_BACKGROUND};opacity:0;">${escapeHtml(shell.preheader)}${"&#8203;&nbsp;".repeat(40)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${PAGE_BACKGROUND};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border-top:4px solid ${accent};border-radius:8px;">
<tr><td style="padding:24px 32px 0 32px;font-family:${FONT};">${brandHtml(shell.shopName, shell.logoUrl)}</td></tr>
<tr><td style="padding:24px 32px 32px 32px;font-family:${FONT};font-size:16px;line-height:24px;color:${TEXT};">
${shell.contentHtml}
</td></tr>
</table>
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;">
<tr><td style="padding:16px 32px;font-family:${FONT};font-size:13px;line-height:20px;color:${MUTED};text-align:center;">
${shell.footerHtml}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}

function brandHtml(shopName: string, logoUrl: string | null): string {
  const name = escapeHtml(shopName);
  if (logoUrl && /^https?:\/\//i.test(logoUrl.trim())) {
    return `<img src="${escapeHtml(logoUrl.trim())}" alt="${name}" height="48" style="display:block;height:48px;width:auto;max-width:240px;border:0;outline:none;text-decoration:none;">`;
  }
  return `<span style="font-size:20px;line-height:28px;font-weight:bold;color:${TEXT};">${name}</span>`;
}

// A "bulletproof" button: the coloured cell carries the background, so Outlook (which ignores padding and
// background on <a>) still shows a solid button.
export function buttonHtml(href: string, label: string, accent: Accent): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0;">
<tr><td align="center" bgcolor="${accent.background}" style="border-radius:6px;background-color:${accent.background};">
<a href="${escapeHtml(href)}" target="_blank" style="display:inline-block;padding:12px 24px;font-family:${FONT};font-size:16px;line-height:24px;font-weight:bold;color:${accent.text};text-decoration:none;border-radius:6px;">${escapeHtml(label)}</a>
</td></tr>
</table>`;
}

export function linkHtml(href: string, text: string, color: string): string {
  return `<a href="${escapeHtml(href)}" target="_blank" style="color:${color};text-decoration:underline;word-break:break-all;">${escapeHtml(text)}</a>`;
}
