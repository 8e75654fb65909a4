import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { consentInputSchema, toOrderGid } from "../models/notification-preferences.server";
import {
  authenticateExtension,
  jsonResponse,
  readJsonBody,
  savePreferencesResponse,
} from "../services/extension-request.server";

// The thank-you page opt-in (extensions/thank-you): POST { orderId, email, sms, phone, consentText, locale }
// with the checkout session token. The consent is stored with the server's time and the wording as shown.

// Only the CORS preflight (OPTIONS reaches the loader): authentication answers it with 204.
export async function loader({ request }: LoaderFunctionArgs) {
  const { cors } = await authenticateExtension(request, "checkout");
  return jsonResponse(cors, { error: "Use POST." }, 405);
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop, cors } = await authenticateExtension(request, "checkout");
  if (request.method !== "POST") return jsonResponse(cors, { error: "Method not allowed." }, 405);
  const body = await readJsonBody(request, consentInputSchema, cors);
  if (!body.ok) return body.response;
  const { orderId, ...input } = body.value;
  const orderGid = toOrderGid(orderId);
  if (!orderGid) return jsonResponse(cors, { error: "Invalid order id.", field: "orderId" }, 400);
  return savePreferencesResponse(cors, { shop, orderGid, input, source: "thank_you" });
}
