import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { escapeHtml } from "../lib/html";
import { unsubscribeWithToken } from "../models/notification-unsubscribe.server";
import { verifyUnsubscribeToken } from "../models/notification-links.server";

// The unsubscribe link in every shipping email. GET asks (mail scanners follow links; they must not
// unsubscribe anyone); POST unsubscribes — the page's button and mail apps' one-click (RFC 8058) alike.

function page(status: number, title: string, body: string) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#202223}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#202223;color:#fff;cursor:pointer}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}

function params(request: Request) {
  const url = new URL(request.url);
  return { shop: url.searchParams.get("shop") ?? "", token: url.searchParams.get("token") ?? "" };
}

export function loader({ request }: LoaderFunctionArgs) {
  if (new URL(request.url).searchParams.get("preview") === "1")
    return page(
      200,
      "Unsubscribe",
      "<p>In a real message, this link lets your shopper stop shipping updates from your store in one click.</p>",
    );
  const { shop, token } = params(request);
  if (!verifyUnsubscribeToken({ shop, token }))
    return page(400, "This link is not valid", "<p>It may have been cut short when it was copied.</p>");
  return page(
    200,
    "Stop shipping updates?",
    `<p>You will no longer get shipping update emails from this store.</p><form method="post"><button type="submit">Unsubscribe</button></form>`,
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop, token } = params(request);
  const result = await unsubscribeWithToken({ shop, token });
  if (!result)
    return page(400, "This link is not valid", "<p>It may have been cut short when it was copied.</p>");
  return page(200, "You're unsubscribed", "<p>This store will not email you shipping updates any more.</p>");
}
