// REST-shaped webhook bodies as Shopify sends them, written as raw JSON text so IDs above 2^53 stay exact.
export const BIG_ORDER_ID = "9007199254741993"; // above 2^53: JSON.parse would round it
export const FULFILLMENT_ID = "5550000000001";

type OrderBody = {
  updatedAt: string;
  cancelledAt?: string | null;
  email?: string;
  zip?: string;
  quantity?: number;
};

export function orderBody({
  updatedAt,
  cancelledAt = null,
  email = "ana@example.com",
  zip = "94107",
  quantity = 2,
}: OrderBody) {
  return `{"id":${BIG_ORDER_ID},"admin_graphql_api_id":"gid://shopify/Order/${BIG_ORDER_ID}","name":"#4242","email":"${email}","created_at":"2026-11-01T10:00:00-05:00","processed_at":"2026-11-01T10:00:00-05:00","updated_at":"${updatedAt}","cancelled_at":${cancelledAt ? `"${cancelledAt}"` : "null"},"fulfillment_status":null,"customer_locale":"fr","phone":null,"shipping_address":{"country_code":"US","province_code":"CA","zip":"${zip}"},"line_items":[{"id":1,"quantity":${quantity}}],"fulfillments":[]}`;
}

type FulfillmentBody = { updatedAt: string; numbers: string[]; company?: string; status?: string };

export function fulfillmentBody({
  updatedAt,
  numbers,
  company = "UPS",
  status = "success",
}: FulfillmentBody) {
  const urls = numbers.map((number) => `"https://www.ups.com/track?tracknum=${number}"`).join(",");
  return `{"id":${FULFILLMENT_ID},"admin_graphql_api_id":"gid://shopify/Fulfillment/${FULFILLMENT_ID}","order_id":${BIG_ORDER_ID},"name":"#4242.1","status":"${status}","created_at":"2026-11-02T09:00:00-05:00","updated_at":"${updatedAt}","service":"manual","tracking_company":"${company}","shipment_status":null,"tracking_number":${numbers[0] ? `"${numbers[0]}"` : "null"},"tracking_numbers":[${numbers.map((n) => `"${n}"`).join(",")}],"tracking_url":null,"tracking_urls":[${urls}],"email":"ana@example.com","destination":null,"line_items":[]}`;
}

export function fulfillmentEventBody({
  id,
  status,
  happenedAt,
  city = "Oakland",
}: {
  id: number;
  status: string;
  happenedAt: string;
  city?: string;
}) {
  return `{"id":${id},"admin_graphql_api_id":"gid://shopify/FulfillmentEvent/${id}","fulfillment_id":${FULFILLMENT_ID},"order_id":${BIG_ORDER_ID},"status":"${status}","message":"${status.replace(/_/g, " ")}","happened_at":"${happenedAt}","city":"${city}","province":"CA","country":"US","zip":null,"estimated_delivery_at":null,"created_at":"${happenedAt}","updated_at":"${happenedAt}"}`;
}
