/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.d.ts';

export type FlowTriggerReceiveMutationVariables = AdminTypes.Exact<{
  handle: AdminTypes.Scalars['String']['input'];
  payload: AdminTypes.Scalars['JSON']['input'];
}>;


export type FlowTriggerReceiveMutation = { flowTriggerReceive?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type ShopBasicsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopBasicsQuery = { shop: Pick<AdminTypes.Shop, 'name' | 'myshopifyDomain' | 'ianaTimezone' | 'currencyCode'> };

export type CurrentAppInstallationQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type CurrentAppInstallationQuery = { currentAppInstallation: Pick<AdminTypes.AppInstallation, 'id'> };

export type TrackingPageLookSetMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type TrackingPageLookSetMutation = { metafieldsSet?: AdminTypes.Maybe<{ metafields?: AdminTypes.Maybe<Array<Pick<AdminTypes.Metafield, 'namespace' | 'key' | 'value'>>>, userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code'>> }> };

export type OrdersUpdatedSinceQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query: AdminTypes.Scalars['String']['input'];
}>;


export type OrdersUpdatedSinceQuery = { orders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'processedAt' | 'updatedAt' | 'cancelledAt' | 'displayFulfillmentStatus' | 'email' | 'phone' | 'customerLocale'>
      & { shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2' | 'provinceCode' | 'zip'>>, fulfillments: Array<(
        Pick<AdminTypes.Fulfillment, 'id' | 'status' | 'displayStatus' | 'createdAt' | 'updatedAt' | 'deliveredAt' | 'estimatedDeliveryAt'>
        & { trackingInfo: Array<Pick<AdminTypes.FulfillmentTrackingInfo, 'number' | 'company' | 'url'>>, events: { nodes: Array<Pick<AdminTypes.FulfillmentEvent, 'id' | 'status' | 'happenedAt' | 'message' | 'city' | 'province' | 'country' | 'zip' | 'estimatedDeliveryAt'>> } }
      )> }
    )> } };

export type BackfillOrdersQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BackfillOrdersQuery = { orders: { edges: Array<{ node: (
        Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'processedAt' | 'updatedAt' | 'cancelledAt' | 'displayFulfillmentStatus' | 'email' | 'phone' | 'customerLocale'>
        & { shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2' | 'provinceCode' | 'zip'>>, fulfillments: Array<(
          Pick<AdminTypes.Fulfillment, 'id' | 'status' | 'displayStatus' | 'createdAt' | 'updatedAt' | 'deliveredAt' | 'estimatedDeliveryAt'>
          & { trackingInfo: Array<Pick<AdminTypes.FulfillmentTrackingInfo, 'number' | 'company' | 'url'>> }
        )> }
      ) }> } };

export type BackfillStartMutationVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type BackfillStartMutation = { bulkOperationRunQuery?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkOperationUserError, 'field' | 'message'>> }> };

export type BulkOperationStatusQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type BulkOperationStatusQuery = { node?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'url' | 'partialDataUrl'>> };

export type FulfillmentEventWriteBackMutationVariables = AdminTypes.Exact<{
  fulfillmentEvent: AdminTypes.FulfillmentEventInput;
}>;


export type FulfillmentEventWriteBackMutation = { fulfillmentEventCreate?: AdminTypes.Maybe<{ fulfillmentEvent?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentEvent, 'id' | 'status' | 'happenedAt'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type NotificationOrderContactsQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type NotificationOrderContactsQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'email' | 'customerLocale'>
    & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'firstName'>>, lineItems: { nodes: Array<Pick<AdminTypes.LineItem, 'title' | 'quantity'>> } }
  )>> };

export type NotificationShopProfileQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type NotificationShopProfileQuery = { shop: (
    Pick<AdminTypes.Shop, 'name' | 'contactEmail' | 'ianaTimezone'>
    & { primaryDomain: Pick<AdminTypes.Domain, 'url'> }
  ) };

interface GeneratedQueryTypes {
  "#graphql\n  query ShopBasics {\n    shop {\n      name\n      myshopifyDomain\n      ianaTimezone\n      currencyCode\n    }\n  }\n": {return: ShopBasicsQuery, variables: ShopBasicsQueryVariables},
  "#graphql\n  query CurrentAppInstallation {\n    currentAppInstallation {\n      id\n    }\n  }\n": {return: CurrentAppInstallationQuery, variables: CurrentAppInstallationQueryVariables},
  "#graphql\n  query OrdersUpdatedSince($first: Int!, $after: String, $query: String!) {\n    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        createdAt\n        processedAt\n        updatedAt\n        cancelledAt\n        displayFulfillmentStatus\n        email\n        phone\n        customerLocale\n        shippingAddress {\n          countryCodeV2\n          provinceCode\n          zip\n        }\n        fulfillments(first: 3) {\n          id\n          status\n          displayStatus\n          createdAt\n          updatedAt\n          deliveredAt\n          estimatedDeliveryAt\n          trackingInfo(first: 3) {\n            number\n            company\n            url\n          }\n          events(first: 10) {\n            nodes {\n              id\n              status\n              happenedAt\n              message\n              city\n              province\n              country\n              zip\n              estimatedDeliveryAt\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OrdersUpdatedSinceQuery, variables: OrdersUpdatedSinceQueryVariables},
  "#graphql\n  query BackfillOrders {\n    orders(query: \"__FILTER__\") {\n      edges {\n        node {\n          id\n          name\n          createdAt\n          processedAt\n          updatedAt\n          cancelledAt\n          displayFulfillmentStatus\n          email\n          phone\n          customerLocale\n          shippingAddress {\n            countryCodeV2\n            provinceCode\n            zip\n          }\n          fulfillments {\n            id\n            status\n            displayStatus\n            createdAt\n            updatedAt\n            deliveredAt\n            estimatedDeliveryAt\n            trackingInfo {\n              number\n              company\n              url\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: BackfillOrdersQuery, variables: BackfillOrdersQueryVariables},
  "#graphql\n  query BulkOperationStatus($id: ID!) {\n    node(id: $id) {\n      ... on BulkOperation {\n        id\n        status\n        errorCode\n        objectCount\n        url\n        partialDataUrl\n      }\n    }\n  }\n": {return: BulkOperationStatusQuery, variables: BulkOperationStatusQueryVariables},
  "#graphql\n  query NotificationOrderContacts($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Order {\n        id\n        email\n        customerLocale\n        customer {\n          firstName\n        }\n        lineItems(first: 4) {\n          nodes {\n            title\n            quantity\n          }\n        }\n      }\n    }\n  }\n": {return: NotificationOrderContactsQuery, variables: NotificationOrderContactsQueryVariables},
  "#graphql\n  query NotificationShopProfile {\n    shop {\n      name\n      contactEmail\n      ianaTimezone\n      primaryDomain {\n        url\n      }\n    }\n  }\n": {return: NotificationShopProfileQuery, variables: NotificationShopProfileQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {\n    flowTriggerReceive(handle: $handle, payload: $payload) {\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: FlowTriggerReceiveMutation, variables: FlowTriggerReceiveMutationVariables},
  "#graphql\n  mutation TrackingPageLookSet($metafields: [MetafieldsSetInput!]!) {\n    metafieldsSet(metafields: $metafields) {\n      metafields {\n        namespace\n        key\n        value\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: TrackingPageLookSetMutation, variables: TrackingPageLookSetMutationVariables},
  "#graphql\n  mutation BackfillStart($query: String!) {\n    bulkOperationRunQuery(query: $query) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: BackfillStartMutation, variables: BackfillStartMutationVariables},
  "#graphql\n  mutation FulfillmentEventWriteBack($fulfillmentEvent: FulfillmentEventInput!) {\n    fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {\n      fulfillmentEvent {\n        id\n        status\n        happenedAt\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: FulfillmentEventWriteBackMutation, variables: FulfillmentEventWriteBackMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
