import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getAdminOrder } from "../models/admin-order.server";
import { toOrderGid } from "../models/notification-preferences.server";
import { requireAdminContext } from "../services/admin-context.server";
import { jsonResponse } from "../services/extension-request.server";

// The order details block in Shopify admin (extensions/admin-order-block). Its `fetch("/api/admin-order/…")`
// goes to the app's URL with Shopify's ID token added as `Authorization: Bearer` by the admin itself; the same
// requireAdminContext as every admin page verifies it (Shopify's authenticate.admin: signature with the app's
// secret, audience, expiry, and the shop's offline session), so the shop is the token's and nothing else.
// :orderId is the order's GID or numeric ID, looked up only within that shop.
//
// The block runs on Shopify's extension origin: every answer carries CORS headers (the library's own refusals
// already do), and the browser's preflight is answered before any authentication, as Shopify's library does
// for admin requests.

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Max-Age": "7200",
} as const;

function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}

async function authenticateBlock(request: Request): Promise<string> {
  try {
    const { shop } = await requireAdminContext(request);
    return shop;
  } catch (error) {
    if (error instanceof Response) {
      // Redirects are for documents; a fetch from the block that is not authenticated is a plain 401.
      if (error.status >= 300 && error.status < 400)
        throw withCors(Response.json({ error: "Unauthorized" }, { status: 401 }));
      throw withCors(new Response(error.body, error));
    }
    throw error;
  }
}

// Remix hands OPTIONS (the browser's preflight) to the loader: it is not a mutation.
const preflight = () => withCors(new Response(null, { status: 204 }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return preflight();
  const shop = await authenticateBlock(request);
  const orderGid = toOrderGid(params.orderId ?? "");
  if (!orderGid) return jsonResponse(withCors, { error: "Invalid order id." }, 400);
  return jsonResponse(withCors, await getAdminOrder({ shop, orderGid }));
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method === "OPTIONS") return preflight();
  await authenticateBlock(request);
  return jsonResponse(withCors, { error: "Method not allowed." }, 405);
}
