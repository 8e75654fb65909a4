import type { LoaderFunctionArgs } from "@remix-run/node";
import { escapeHtml } from "../lib/html";
import { formatDay } from "../lib/format";
import { statusLabel } from "../models/shipment-status";
import { findOrderForShopper } from "../models/tracking-lookup.server";
import { authenticate } from "../shopify.server";

// Storefront /apps/track (through Shopify's app proxy). A first server-rendered answer; the shopper
// surfaces issue turns this into the branded theme page.
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.public.appProxy(request);
  const url = new URL(request.url);
  const shop = session?.shop ?? url.searchParams.get("shop") ?? "";
  const orderName = url.searchParams.get("order")?.slice(0, 32) ?? "";
  const email = url.searchParams.get("email")?.slice(0, 254) ?? "";
  const order = orderName && email ? await findOrderForShopper({ shop, orderName, email }) : null;
  const body = orderName && email ? (order ? renderOrder(order) : NOT_FOUND) : "";
  return new Response(page(body), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

const NOT_FOUND = `<p role="status">We couldn't find an order with that number and email. Check both and try again.</p>`;

type FoundOrder = NonNullable<Awaited<ReturnType<typeof findOrderForShopper>>>;

function renderOrder(order: FoundOrder): string {
  const shipments = order.shipments.map((shipment) => {
    const events = shipment.events
      .map(
        (event) =>
          `<li><time datetime="${event.occurredAt.toISOString()}">${formatDay(event.occurredAt)}</time> ${escapeHtml(
            event.rawText ?? statusLabel(event.status),
          )} — ${escapeHtml([event.city, event.country].filter(Boolean).join(", "))}</li>`,
      )
      .join("");
    const carrier = shipment.trackingUrl
      ? `<a href="${escapeHtml(shipment.trackingUrl)}" rel="noopener">${escapeHtml(shipment.trackingCompany)} ${escapeHtml(shipment.trackingNumber)}</a>`
      : `${escapeHtml(shipment.trackingCompany)} ${escapeHtml(shipment.trackingNumber)}`;
    const window =
      shipment.windowStart && shipment.windowEnd && !shipment.deliveredAt
        ? `<p>Expected ${formatDay(shipment.windowStart)} – ${formatDay(shipment.windowEnd)}</p>`
        : "";
    return `<section><h2>${escapeHtml(statusLabel(shipment.status))}</h2>${window}<p>${carrier}</p><ol>${events}</ol></section>`;
  });
  const content = shipments.length ? shipments.join("") : "<p>Your order is being prepared.</p>";
  return `<h2>Order ${escapeHtml(order.name)}</h2>${content}`;
}

function page(result: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Track your order</title></head>
<body><main><h1>Track your order</h1>
<form method="get"><label>Order number <input name="order" required autocomplete="off"></label>
<label>Email <input name="email" type="email" required autocomplete="email"></label>
<button type="submit">Track</button></form>
<div aria-live="polite">${result}</div></main></body></html>`;
}
