// The Admin GraphQL documents order sync sends. One order shape for backfill and reconciliation, so both
// feed the same snapshot mapper (app/services/shopify-snapshots.ts).

export const ORDERS_UPDATED_SINCE_QUERY = `#graphql
  query OrdersUpdatedSince($first: Int!, $after: String, $query: String!) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        createdAt
        processedAt
        updatedAt
        cancelledAt
        displayFulfillmentStatus
        email
        phone
        customerLocale
        shippingAddress {
          countryCodeV2
          provinceCode
          zip
        }
        fulfillments(first: 20) {
          id
          status
          createdAt
          updatedAt
          estimatedDeliveryAt
          trackingInfo(first: 10) {
            number
            company
            url
          }
          events(first: 50) {
            nodes {
              id
              status
              happenedAt
              message
              city
              province
              country
              zip
              estimatedDeliveryAt
            }
          }
        }
      }
    }
  }
`;

// The bulk query has no pagination arguments: Shopify streams every order as JSONL, with each fulfillment
// event on its own line pointing at its fulfillment through __parentId.
export const BACKFILL_BULK_QUERY = `#graphql
  query BackfillOrders {
    orders(query: "__FILTER__") {
      edges {
        node {
          id
          name
          createdAt
          processedAt
          updatedAt
          cancelledAt
          displayFulfillmentStatus
          email
          phone
          customerLocale
          shippingAddress {
            countryCodeV2
            provinceCode
            zip
          }
          fulfillments {
            id
            status
            createdAt
            updatedAt
            estimatedDeliveryAt
            trackingInfo {
              number
              company
              url
            }
            events {
              edges {
                node {
                  id
                  status
                  happenedAt
                  message
                  city
                  province
                  country
                  zip
                  estimatedDeliveryAt
                }
              }
            }
          }
        }
      }
    }
  }
`;

export const BULK_OPERATION_RUN_QUERY = `#graphql
  mutation BackfillStart($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const BULK_OPERATION_STATUS_QUERY = `#graphql
  query BulkOperationStatus($id: ID!) {
    node(id: $id) {
      ... on BulkOperation {
        id
        status
        errorCode
        objectCount
        url
        partialDataUrl
      }
    }
  }
`;

export const FULFILLMENT_EVENT_CREATE_MUTATION = `#graphql
  mutation FulfillmentEventWriteBack($fulfillmentEvent: FulfillmentEventInput!) {
    fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
      fulfillmentEvent {
        id
        status
        happenedAt
      }
      userErrors {
        field
        message
      }
    }
  }
`;
