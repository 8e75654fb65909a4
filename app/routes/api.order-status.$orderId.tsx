import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getOrderStatus, preferenceInputSchema, toOrderGid } from "../models/notification-preferences.server";
import {
  authenticateExtension,
  jsonResponse,
  readJsonBody,
  savePreferencesResponse,
} from "../services/extension-request.server";

// The order status page block (extensions/order-status): GET the order's shipments as a timeline and the
// shopper's notification preferences; POST new preferences. :orderId is the order's GID or numeric ID, looked
// up only within the shop the customer account session token was issued for, and only for its customer.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop, customerGid, cors } = await authenticateExtension(request, "customerAccount");
  const orderGid = toOrderGid(params.orderId ?? "");
  if (!orderGid) return jsonResponse(cors, { error: "Invalid order id." }, 400);
  const view = await getOrderStatus({ shop, orderGid, customerGid });
  if (!view) return jsonResponse(cors, { error: "Order not found." }, 404);
  return jsonResponse(cors, view);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, customerGid, cors } = await authenticateExtension(request, "customerAccount");
  if (request.method !== "POST") return jsonResponse(cors, { error: "Method not allowed." }, 405);
  const orderGid = toOrderGid(params.orderId ?? "");
  if (!orderGid) return jsonResponse(cors, { error: "Invalid order id." }, 400);
  const body = await readJsonBody(request, preferenceInputSchema, cors);
  if (!body.ok) return body.response;
  return savePreferencesResponse(cors, {
    shop,
    orderGid,
    input: body.value,
    source: "order_status",
    customerGid,
  });
}
