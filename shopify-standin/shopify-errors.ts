import type { GraphQLError } from "graphql";

/** One entry of Shopify's `errors` array. */
export interface ShopifyGraphQLError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: { code: string } & Record<string, unknown>;
}

export const INVALID_TOKEN_BODY = {
  errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
} as const;

export const MISSING_QUERY_BODY = { errors: { query: "Required parameter missing or invalid" } } as const;

export const THROTTLED_ERROR: ShopifyGraphQLError = {
  message: "Throttled",
  extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
};

export function maxCostExceededError(cost: number, maxCost: number): ShopifyGraphQLError {
  return {
    message: `Query cost is ${cost}, which exceeds the single query max cost limit (${maxCost}).`,
    extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost },
  };
}

/** Shopify's shape for an error graphql-js raised while executing (resolver, variable or operation errors). */
export function toShopifyError(
  error: GraphQLError,
  fallbackCode = "INTERNAL_SERVER_ERROR",
): ShopifyGraphQLError {
  const { code, ...rest } = error.extensions;
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations.map(({ line, column }) => ({ line, column })) } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { code: typeof code === "string" ? code : fallbackCode, ...rest },
  };
}
