import { escapeHtml } from "../../../lib/html";
import { accentColor, type Accent } from "./accent-color";
import { fill, fillHtml, type Catalog } from "./catalog";
import type { MessageContent } from "./content";
import { buttonHtml, emailLayout, linkHtml, MUTED } from "./email-layout";
import type { RenderedEmail, TemplateInput } from "./types";

export function renderEmail(content: MessageContent, input: TemplateInput): RenderedEmail {
  const accent = accentColor(input.shop.accentColor);
  const preheader = [content.happened, content.timing ?? content.next].join(" · ");
  return {
    channel: "email",
    subject: content.subject,
    preheader,
    html: emailLayout({
      lang: content.language,
      title: content.subject,
      preheader,
      shopName: input.shop.name,
      logoUrl: input.shop.logoUrl,
      accent,
      contentHtml: contentHtml(content, input, accent),
      footerHtml: footerHtml(content.copy, input),
    }),
    text: plainText(content, input),
  };
}

function details(copy: Catalog, input: TemplateInput): Array<{ label: string; value: string }> {
  const rows: Array<{ label: string; value: string }> = [];
  if (input.carrierName) rows.push({ label: copy.carrier, value: input.carrierName });
  if (input.trackingNumber) rows.push({ label: copy.trackingNumber, value: input.trackingNumber });
  return rows;
}

function contentHtml(content: MessageContent, input: TemplateInput, accent: Accent): string {
  const { copy } = content;
  const labelled = (label: string, value: string) =>
    fillHtml(copy.labelled, { label: escapeHtml(label), value: escapeHtml(value) }, escapeHtml);
  const paragraph = (html: string) => `<p style="margin:0 0 16px 0;">${html}</p>`;
  const section = (heading: string, text: string) =>
    paragraph(`<strong>${escapeHtml(heading)}</strong><br>${escapeHtml(text)}`);
  const timing = content.timing ? `<br>${escapeHtml(content.timing)}` : "";
  const detailsHtml = details(copy, input).map((row) => labelled(row.label, row.value));

  return [
    paragraph(escapeHtml(content.greeting)),
    `<p style="margin:0 0 4px 0;font-size:13px;line-height:20px;font-weight:bold;letter-spacing:0.5px;text-transform:uppercase;color:${MUTED};">${escapeHtml(content.orderHeading)}</p>`,
    `<h1 style="margin:0 0 16px 0;font-size:24px;line-height:32px;font-weight:bold;color:#111827;">${escapeHtml(content.headline)}</h1>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;">
<tr><td style="padding:12px 16px;border-left:4px solid ${accent.background};background-color:#f9fafb;"><strong>${escapeHtml(content.happened)}</strong>${timing}</td></tr>
</table>`,
    section(copy.nextHeading, content.next),
    content.action ? section(copy.actionHeading, content.action) : "",
    content.items.length > 0
      ? paragraph(
          `<strong>${escapeHtml(copy.itemsHeading)}</strong><br>${content.items.map(escapeHtml).join("<br>")}`,
        )
      : "",
    detailsHtml.length > 0 ? paragraph(detailsHtml.join("<br>")) : "",
    buttonHtml(input.trackingUrl, copy.trackButton, accent),
    `<p style="margin:0;font-size:13px;line-height:20px;color:${MUTED};">${escapeHtml(copy.linkFallback)} ${linkHtml(input.trackingUrl, input.trackingUrl, accent.link)}</p>`,
  ]
    .filter(Boolean)
    .join("\n");
}

function footerHtml(copy: Catalog, input: TemplateInput): string {
  const { supportEmail } = input.shop;
  const lines = [
    `<strong>${escapeHtml(input.shop.name)}</strong>`,
    escapeHtml(fill(copy.footerReason, { shop: input.shop.name })),
    supportEmail
      ? fillHtml(
          copy.footerSupport,
          { email: linkHtml(`mailto:${supportEmail}`, supportEmail, MUTED) },
          escapeHtml,
        )
      : "",
    input.unsubscribeUrl ? linkHtml(input.unsubscribeUrl, copy.unsubscribe, MUTED) : "",
  ];
  return lines.filter(Boolean).join("<br>\n");
}

function plainText(content: MessageContent, input: TemplateInput): string {
  const { copy } = content;
  const labelled = (label: string, value: string) => fill(copy.labelled, { label, value });
  const blocks = [
    content.greeting,
    `${content.orderHeading}\n${content.headline}`,
    [content.happened, content.timing].filter(Boolean).join("\n"),
    [
      labelled(copy.nextHeading, content.next),
      content.action ? labelled(copy.actionHeading, content.action) : "",
    ]
      .filter(Boolean)
      .join("\n"),
    content.items.length > 0
      ? [copy.itemsHeading, ...content.items.map((item) => `- ${item}`)].join("\n")
      : "",
    details(copy, input)
      .map((row) => labelled(row.label, row.value))
      .join("\n"),
    labelled(copy.trackButton, input.trackingUrl),
    [
      "--",
      input.shop.name,
      fill(copy.footerReason, { shop: input.shop.name }),
      input.shop.supportEmail ? fill(copy.footerSupport, { email: input.shop.supportEmail }) : "",
      input.unsubscribeUrl ? labelled(copy.unsubscribe, input.unsubscribeUrl) : "",
    ]
      .filter(Boolean)
      .join("\n"),
  ];
  return `${blocks.filter(Boolean).join("\n\n")}\n`;
}
