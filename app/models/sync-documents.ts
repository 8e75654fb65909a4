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
        fulfillments(first: 3) {
          id
          status
          displayStatus
          createdAt
          updatedAt
          deliveredAt
          estimatedDeliveryAt
          trackingInfo(first: 3) {
            number
            company
            url
          }
          events(first: 10) {
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

// The bulk query has no pagination arguments: Shopify streams every order as one JSONL line. Fulfillments are
// a list, and Shopify refuses connections inside lists in bulk queries, so backfill takes each fulfillment's
// state (displayStatus, deliveredAt) rather than its event history; carrier scans fill the timeline later.
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
            displayStatus
            createdAt
            updatedAt
            deliveredAt
            estimatedDeliveryAt
            trackingInfo {
              number
              company
              url
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
