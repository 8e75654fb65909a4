import { GraphQLClient } from "graphql-request";
import { SHOPIFY_API_VERSION } from "../shopify-api-version";

// What model functions receive to talk to the Admin API: the same shape inside a request (Shopify's
// authenticated client) and outside one (jobs, the demo), so models never depend on a request.
export interface AdminGraphql {
  request<TData>(document: string, variables?: Record<string, unknown>): Promise<TData>;
}

export class AdminGraphqlError extends Error {
  constructor(
    message: string,
    readonly errors: unknown,
  ) {
    super(message);
  }
}

type RemixAdminGraphql = (
  query: string,
  options?: { variables?: Record<string, unknown> },
) => Promise<Response>;

export function adminGraphqlFromRemix(graphql: RemixAdminGraphql): AdminGraphql {
  return {
    async request<TData>(document: string, variables?: Record<string, unknown>) {
      const response = await graphql(document, variables ? { variables } : undefined);
      const body = (await response.json()) as { data?: TData; errors?: unknown };
      if (body.errors || !body.data) throw new AdminGraphqlError("Admin API returned errors", body.errors);
      return body.data;
    },
  };
}

export function adminGraphqlForShop({
  shop,
  accessToken,
  origin,
}: {
  shop: string;
  accessToken: string;
  origin?: string;
}): AdminGraphql {
  const base = origin ?? `https://${shop}`;
  const client = new GraphQLClient(`${base}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, {
    headers: { "X-Shopify-Access-Token": accessToken, "X-Shopify-Shop-Domain": shop },
  });
  return {
    async request<TData>(document: string, variables?: Record<string, unknown>) {
      try {
        return await client.request<TData>(document, variables);
      } catch (error) {
        throw new AdminGraphqlError(
          error instanceof Error ? error.message : "Admin API request failed",
          error,
        );
      }
    },
  };
}
