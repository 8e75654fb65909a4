// Bulk queries the stand-in's own tests use. ORDERS_WITH_NESTED_EVENTS puts the events connection inside the
// fulfillments list: Shopify refuses that shape, and the stand-in runs it only with
// allowConnectionsInsideLists, which makes the most lines (events on their own lines with __parentId).
export const ORDERS_WITH_NESTED_EVENTS = `query OrdersWithNestedEvents {
  orders(query: "__FILTER__") {
    edges {
      node {
        id
        name
        email
        fulfillments {
          id
          status
          estimatedDeliveryAt
          trackingInfo { number company url }
          events {
            edges {
              node { id status happenedAt message city province country zip estimatedDeliveryAt }
            }
          }
        }
      }
    }
  }
}`;
