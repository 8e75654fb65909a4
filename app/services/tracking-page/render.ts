import blockCss from "../../../extensions/tracking-page/assets/tracking-page.css?raw";
import { escapeHtml, webUrlOrNull } from "../../lib/html";
import { trackingPageLogo, trackingPageLookWrapper } from "../../lib/tracking-page-look";
import type { TrackingPageLook } from "../../models/settings-options";
import { HELP_REASONS } from "../../models/shopper-help.server";
import type { ShownWindow } from "../../models/delivery-windows/shown-window";
import type { OrderShipBy } from "../../models/ship-by.server";
import type { TrackedEvent, TrackedOrder, TrackedShipment } from "../../models/tracking-lookup.server";
import { MILESTONES, shipmentProgress } from "./progress";
import { hasTranslation, type ShopperLocale, type Translate } from "./translations";

// Most strings need no escaping; skipping the replace for those is a measurable share of a lookup.
const NEEDS_ESCAPING = /[&<>"']/;
const e = (value: unknown) =>
  typeof value === "string" && !NEEDS_ESCAPING.test(value) ? value : escapeHtml(value);

// Server-rendered answers of the storefront tracking page: complete without any script. The theme block's
// script puts the same fragments into its live region; without it, the form posts and gets a whole page.

export type RenderContext = {
  t: Translate;
  locale: ShopperLocale;
  now: Date;
  // Storefront path of the proxy ("/apps/track"), for the forms' actions.
  proxyPath: string;
};

export type HelpFormContext = { token: string; contactEmail: string };

export function renderOrder(order: TrackedOrder, context: RenderContext, help: HelpFormContext): string {
  const { t } = context;
  const count = order.shipments.length;
  const shipments = order.shipments.map((shipment, index) =>
    renderShipment(
      shipment,
      context,
      count > 1 ? t("result.shipment_heading", { index: index + 1, count }) : null,
    ),
  );
  const body = count
    ? shipments.join("") + renderShipBy(order.shipBy, context)
    : `<article class="pw-shipment"><p class="pw-status">${e(t("result.status.pending.label"))}</p>${renderSteps(0, false, context)}${renderShipBy(order.shipBy, context)}<p>${e(t("result.not_shipped"))}</p></article>`;
  return `<section class="pw-result" data-pw-outcome="found" aria-labelledby="pw-order-heading">
<h2 id="pw-order-heading" tabindex="-1">${e(t("result.order_heading", { name: order.name }))}</h2>
<p class="pw-muted">${e(t("result.ordered_on", { date: formatDay(order.orderedAt, context) }))}${count > 1 ? ` · ${e(t("result.split_note", { count }))}` : ""}</p>
${body}${renderHelpForm(order, context, help)}${renderAgain(context)}</section>`;
}

export function renderParcel(shipment: TrackedShipment, context: RenderContext): string {
  const { t } = context;
  return `<section class="pw-result" data-pw-outcome="found" aria-labelledby="pw-parcel-heading">
<h2 id="pw-parcel-heading" tabindex="-1">${e(t("result.parcel_heading", { number: shipment.trackingNumber ?? "" }))}</h2>
${renderShipment(shipment, context, null)}<p class="pw-muted">${e(t("result.help_tracking_only"))}</p>${renderAgain(context)}</section>`;
}

export function renderMessage(text: string, outcome: string): string {
  return `<section class="pw-result" data-pw-outcome="${e(outcome)}"><p class="pw-message" role="status" tabindex="-1">${e(text)}</p></section>`;
}

function renderShipment(shipment: TrackedShipment, context: RenderContext, heading: string | null): string {
  const { t } = context;
  const progress = shipmentProgress(shipment, context.now);
  const statusKey = `result.status.${shipment.status}`;
  const headline =
    shipment.substatus && hasTranslation(`result.sub.${shipment.substatus}`)
      ? t(`result.sub.${shipment.substatus}`)
      : t(`${statusKey}.label`);
  const action = hasTranslation(`${statusKey}.action`) ? t(`${statusKey}.action`) : null;
  const trouble = progress.problem || progress.late;
  return `<article class="pw-shipment${trouble ? " pw-shipment--problem" : ""}"${progress.late ? " data-pw-late" : ""}>
${heading ? `<h3>${e(heading)}</h3>` : ""}<p class="pw-status">${e(headline)}</p>
${renderSteps(progress.reached, trouble, context, headline)}${renderWhen(progress.window, context)}${renderCarrier(shipment, context)}
<h4>${e(t("result.next_heading"))}</h4><p>${e(t(`${statusKey}.next`))}</p>
${action ? `<h4>${e(t("result.action_heading"))}</h4><p>${e(action)}</p>` : ""}${
    progress.late
      ? `<div class="pw-late-help"><h4>${e(t("result.late_heading"))}</h4><p>${e(t("result.late_help"))}</p></div>`
      : ""
  }
<h4>${e(t("result.events_heading"))}</h4>${renderEvents(shipment.events, context)}</article>`;
}

function renderSteps(
  reached: number,
  trouble: boolean,
  context: RenderContext,
  problemLabel?: string,
): string {
  const { t } = context;
  const steps = MILESTONES.map((milestone, index) => {
    const done = index < reached || (index === reached && milestone === "delivered");
    const current = index === reached;
    const state = current && trouble ? "problem" : done ? "done" : current ? "current" : "todo";
    const note = current
      ? ` <span class="pw-vh">(${e(t("result.step_current"))}${trouble && problemLabel ? `: ${e(problemLabel)}` : ""})</span>`
      : done
        ? ` <span class="pw-vh">(${e(t("result.step_done"))})</span>`
        : "";
    return `<li class="pw-step pw-step--${state}"${current ? ' aria-current="step"' : ""}>${e(t(`result.step_${milestone}`))}${note}</li>`;
  });
  return `<ol class="pw-steps" aria-label="${e(t("result.progress_label"))}">${steps.join("")}</ol>`;
}

function renderWhen(window: ShownWindow, context: RenderContext): string {
  const { t } = context;
  const day = (value: Date) => formatDay(value, context);
  switch (window.kind) {
    case "delivered":
      return `<p class="pw-window">${e(t("result.delivered_on", { date: day(window.deliveredAt) }))}</p>`;
    case "window": {
      const [start, end] = [day(window.start), day(window.end)];
      const likely = window.likely ? day(window.likely) : null;
      const text =
        start === end
          ? t("result.window_day", { date: start })
          : likely
            ? t("result.window_likely", { start, end, likely })
            : t("result.window", { start, end });
      return `<p class="pw-window">${e(text)}</p>`;
    }
    case "late": {
      const promised = t("result.late", { date: day(window.promisedBy) });
      const revised = window.newWindow ? ` ${revisedWindow(window.newWindow, context)}` : "";
      return `<p class="pw-window pw-window--late">${e(promised + revised)}</p>`;
    }
    case "carrier_estimate":
      return `<p class="pw-window">${e(t("result.window_day", { date: day(window.estimatedAt) }))}</p>`;
    case "none":
      return "";
  }
}

// Past the promised day the wording stays calm: the shopper learns it is behind, not that something broke.
function renderShipBy(shipBy: OrderShipBy | null, context: RenderContext): string {
  if (!shipBy) return "";
  const key =
    shipBy.part === "rest"
      ? shipBy.overdue
        ? "result.rest_ship_by_passed"
        : "result.rest_ships_by"
      : shipBy.overdue
        ? "result.ship_by_passed"
        : "result.ships_by";
  const date = formatDay(new Date(`${shipBy.day}T00:00:00Z`), context);
  return `<p class="pw-window">${e(context.t(key, { date }))}</p>`;
}

function revisedWindow(window: { start: Date; end: Date }, context: RenderContext): string {
  const [start, end] = [formatDay(window.start, context), formatDay(window.end, context)];
  return start === end
    ? context.t("result.late_window_day", { date: end })
    : context.t("result.late_window", { start, end });
}

function renderCarrier(shipment: TrackedShipment, context: RenderContext): string {
  const { t } = context;
  const name = shipment.trackingCompany ?? shipment.carrier?.toUpperCase().replace("_", " ");
  const number = shipment.trackingNumber;
  if (!name && !number) return "";
  const link = webUrlOrNull(shipment.trackingUrl);
  const numberHtml = number
    ? link
      ? `<a href="${e(link)}" rel="noopener noreferrer">${e(number)}<span class="pw-vh"> (${e(t("result.carrier_link"))})</span></a>`
      : e(number)
    : "";
  return `<dl class="pw-facts">${name ? `<div><dt>${e(t("result.carrier"))}</dt><dd>${e(name)}</dd></div>` : ""}${
    number ? `<div><dt>${e(t("result.tracking_number"))}</dt><dd>${numberHtml}</dd></div>` : ""
  }</dl>`;
}

const SHOWN_EVENTS = 6;

function renderEvents(events: TrackedEvent[], context: RenderContext): string {
  const { t } = context;
  if (events.length === 0) return `<p class="pw-muted">${e(t("result.no_events"))}</p>`;
  const items = events.slice(0, SHOWN_EVENTS).map((event) => {
    const label =
      event.substatus && hasTranslation(`result.sub.${event.substatus}`)
        ? t(`result.sub.${event.substatus}`)
        : hasTranslation(`result.status.${event.status}.label`)
          ? t(`result.status.${event.status}.label`)
          : (event.rawText ?? "");
    const place = [event.city, event.region, event.country].filter(Boolean).join(", ");
    return `<li><time datetime="${event.occurredAt.toISOString()}">${e(formatLocalTime(event, context))}</time> <span>${e(label)}</span>${
      place ? ` <span class="pw-muted">${e(place)}</span>` : ""
    }</li>`;
  });
  return `<ol class="pw-events">${items.join("")}</ol>`;
}

function renderHelpForm(order: TrackedOrder, context: RenderContext, help: HelpFormContext): string {
  const { t } = context;
  const reasons = HELP_REASONS.map(
    (reason, index) =>
      `<label class="pw-choice"><input type="radio" name="reason" value="${reason}"${index === 0 ? " required" : ""}> ${e(t(`result.help_${reason}`))}</label>`,
  ).join("");
  const shipmentChoice =
    order.shipments.length > 1
      ? `<div class="pw-track__field"><label for="pw-help-shipment">${e(t("result.help_shipment"))}</label><select id="pw-help-shipment" name="shipment">${order.shipments
          .map(
            (shipment, index) =>
              `<option value="${e(shipment.id)}">${e(t("result.shipment_heading", { index: index + 1, count: order.shipments.length }))}${shipment.trackingNumber ? ` (${e(shipment.trackingNumber)})` : ""}</option>`,
          )
          .join("")}</select></div>`
      : "";
  return `<section class="pw-help" aria-labelledby="pw-help-heading">
<h3 id="pw-help-heading">${e(t("result.help_heading"))}</h3><p>${e(t("result.help_intro"))}</p>
<form class="pw-track__form" method="post" action="${e(context.proxyPath)}/help" data-pw-track>
<input type="hidden" name="token" value="${e(help.token)}"><input type="hidden" name="locale" value="${e(context.locale.tag)}">
<fieldset class="pw-track__group"><legend class="pw-track__legend">${e(t("result.help_reason"))}</legend>${reasons}</fieldset>
${shipmentChoice}<div class="pw-track__field"><label for="pw-help-message">${e(t("result.help_message"))}</label><textarea id="pw-help-message" name="message" rows="3" maxlength="1000"></textarea></div>
<div class="pw-track__field"><label for="pw-help-email">${e(t("result.help_email"))}</label><input id="pw-help-email" name="contact_email" type="email" required autocomplete="email" value="${e(help.contactEmail)}"></div>
<button class="pw-track__submit" type="submit">${e(t("result.help_submit"))}</button></form></section>`;
}

function renderAgain(context: RenderContext): string {
  return `<p><a class="pw-again" href="${e(context.proxyPath)}">${e(context.t("result.back"))}</a></p>`;
}

export function renderLookupForm(context: RenderContext): string {
  const { t } = context;
  return `<form class="pw-track__form" method="post" action="${e(context.proxyPath)}" data-pw-track>
<input type="hidden" name="locale" value="${e(context.locale.tag)}">
<fieldset class="pw-track__group"><legend class="pw-track__legend">${e(t("tracking.order_legend"))}</legend><div class="pw-track__row">
<div class="pw-track__field"><label for="pw-order">${e(t("tracking.order_label"))}</label><input id="pw-order" name="order" type="text" autocomplete="off" spellcheck="false"></div>
<div class="pw-track__field"><label for="pw-contact">${e(t("tracking.contact_label"))}</label><input id="pw-contact" name="contact" type="text" autocomplete="email" spellcheck="false"></div>
</div></fieldset>
<fieldset class="pw-track__group"><legend class="pw-track__legend">${e(t("tracking.tracking_legend"))}</legend>
<div class="pw-track__field"><label for="pw-tracking">${e(t("tracking.tracking_label"))}</label><input id="pw-tracking" name="tracking" type="text" autocomplete="off" spellcheck="false"></div></fieldset>
<button class="pw-track__submit" type="submit">${e(t("tracking.submit"))}</button></form>`;
}

// The whole page Shopify shows when the form posts without the block's script, in the look saved in Settings
// (the one the block reads from the app's metafield), so both ways to the answer look the same.
export function renderPage({
  context,
  result,
  look = null,
}: {
  context: RenderContext;
  result: string;
  look?: TrackingPageLook | null;
}): string {
  const { t, locale } = context;
  const heading = look?.heading.trim() || t("tracking.heading");
  const intro = look?.intro.trim() || t("tracking.intro");
  const lateMessage = look?.lateMessage.trim();
  const wrapper = look ? trackingPageLookWrapper(look) : null;
  const attributes = wrapper
    ? `class="pw-track ${wrapper.className}" style="${wrapper.style}"`
    : `class="pw-track"`;
  const note = lateMessage
    ? `<aside class="pw-track__note"><h3>${e(t("tracking.late_note_heading"))}</h3><p>${e(lateMessage)}</p></aside>`
    : "";
  return `<!doctype html><html lang="${e(locale.tag)}" dir="${locale.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${e(heading)}</title><style>body{margin:0;font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}${blockCss}</style></head>
<body><main ${attributes}>${trackingPageLogo(look?.logoUrl ?? null)}<h1 class="pw-track__heading">${e(heading)}</h1>${result ? "" : `<p class="pw-track__intro">${e(intro)}</p>${renderLookupForm(context)}`}
<div class="pw-track__results" aria-live="polite">${result}</div>${note}</main></body></html>`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(
  cache: Map<string, Intl.DateTimeFormat>,
  tag: string,
  options: Intl.DateTimeFormatOptions,
) {
  let format = cache.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(Intl.DateTimeFormat.supportedLocalesOf(tag)[0] ?? "en", options);
    cache.set(tag, format);
  }
  return format;
}

// Delivery windows are calendar days; formatted in UTC, like the rest of the app, so they never shift a day.
function formatDay(value: Date, context: RenderContext): string {
  return cachedFormat(dayFormats, context.locale.tag, {
    weekday: "short",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(value);
}

// A scan's time where it happened (its UTC offset), which is what the carrier's own page shows.
function formatLocalTime(event: TrackedEvent, context: RenderContext): string {
  const shifted = new Date(event.occurredAt.getTime() + (event.utcOffset ?? 0) * 60_000);
  const text = cachedFormat(timeFormats, context.locale.tag, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  }).format(shifted);
  return event.utcOffset === null ? `${text} UTC` : text;
}
