// Scopes, each for a feature (shopify.app.toml declares the same list for the Partner Dashboard):
//   read_orders                              orders, fulfillments, tracking numbers and fulfillment events
//   read_merchant_managed_fulfillment_orders "Packed" and on-hold states of orders the merchant ships
//   write_fulfillments                       optional write-back of carrier milestones (fulfillmentEventCreate)
// Not requested: read_customers (the order's own email is enough), read_assigned_fulfillment_orders
// (Parcelwise is not a fulfillment service).
export const APP_SCOPES = ["read_orders", "read_merchant_managed_fulfillment_orders", "write_fulfillments"];
