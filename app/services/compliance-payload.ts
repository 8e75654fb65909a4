import { z } from "zod";
import type { CustomerReference } from "../models/privacy.server";

// Shopify's customers/redact and customers/data_request bodies; IDs arrive as JSON numbers that may exceed
// 2^53, so order IDs are turned into admin_graphql_api_id form from the raw text, not from parsed numbers.
const customerPayloadSchema = z.object({
  shop_domain: z.string(),
  customer: z.object({ id: z.unknown(), email: z.string().nullish(), phone: z.string().nullish() }),
});

export function parseCustomerPayload(
  rawBody: string,
  orderListField: "orders_to_redact" | "orders_requested",
) {
  const payload = customerPayloadSchema.parse(JSON.parse(rawBody));
  const listMatch = new RegExp(`"${orderListField}"\\s*:\\s*\\[([^\\]]*)\\]`).exec(rawBody);
  const orderIds = (listMatch?.[1] ?? "")
    .split(",")
    .map((id) => id.trim().replace(/"/g, ""))
    .filter((id) => /^\d+$/.test(id))
    .map((id) => `gid://shopify/Order/${id}`);
  const customer: CustomerReference = {
    email: payload.customer.email ?? null,
    phone: payload.customer.phone ?? null,
    orderIds,
  };
  return { shop: payload.shop_domain, customer };
}
