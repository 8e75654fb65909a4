import type { ShopifyStandin } from "./standin-server";

export interface AdminGraphqlBody<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: { message: string; locations?: unknown; path?: unknown; extensions: Record<string, unknown> }[];
  extensions?: {
    cost: {
      requestedQueryCost: number;
      actualQueryCost: number | null;
      throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
    };
  };
}

/** What an app's Admin client does: POST one GraphQL document for a shop, with its token. */
export async function adminGraphql<Data = Record<string, unknown>>(
  standin: ShopifyStandin,
  { shop, token }: { shop: string; token: string },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<AdminGraphqlBody<Data>> {
  const response = await fetch(standin.adminGraphqlUrl(shop), {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status !== 200) throw new Error(`Admin GraphQL answered ${response.status}`);
  return (await response.json()) as AdminGraphqlBody<Data>;
}

export interface BulkOperationStatus {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string;
  url: string | null;
  partialDataUrl: string | null;
}

const BULK_OPERATION_STATUS = `query BulkOperationStatus($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode objectCount url partialDataUrl } }
}`;

/** One `node(id:)` look at a bulk operation, as an app polls it. */
export async function bulkOperationStatus(
  standin: ShopifyStandin,
  shop: { shop: string; token: string },
  id: string,
): Promise<BulkOperationStatus> {
  const body = await adminGraphql<{ node: BulkOperationStatus | null }>(
    standin,
    shop,
    BULK_OPERATION_STATUS,
    { id },
  );
  const operation = body.data?.node;
  if (!operation) throw new Error(`no bulk operation ${id}: ${JSON.stringify(body)}`);
  return operation;
}

/** Polls until the operation has ended; every answer seen, the final one last. */
export async function pollBulkOperation(
  standin: ShopifyStandin,
  shop: { shop: string; token: string },
  id: string,
  { intervalMs = 10, timeoutMs = 20_000 } = {},
): Promise<BulkOperationStatus[]> {
  const seen: BulkOperationStatus[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const operation = await bulkOperationStatus(standin, shop, id);
    seen.push(operation);
    if (!["CREATED", "RUNNING"].includes(operation.status)) return seen;
    if (Date.now() > deadline) throw new Error(`bulk operation ${id} still ${operation.status}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
