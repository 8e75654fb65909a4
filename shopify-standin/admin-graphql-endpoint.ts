import { execute } from "graphql";
import { z } from "zod";
import { checkAdminDocument } from "./admin-document-validation";
import { adminFieldResolver, adminTypeResolver } from "./admin-resolvers";
import type { AdminSchemas } from "./admin-schema";
import type { BulkOperationRunner } from "./bulk-operations";
import type { FlowTriggerRegistry } from "./flow-triggers";
import { jsonReply, type HttpReply } from "./http-reply";
import { LeakyBucket, type BucketLimits, type ThrottleStatus } from "./leaky-bucket";
import { actualQueryCost, requestedQueryCost, type CostedOperation } from "./query-cost";
import {
  INVALID_TOKEN_BODY,
  MISSING_QUERY_BODY,
  THROTTLED_ERROR,
  maxCostExceededError,
  toShopifyError,
  type ShopifyGraphQLError,
} from "./shopify-errors";
import type { StandinShop } from "./standin-store";

export interface AdminApiLimits extends BucketLimits {
  /** Shopify refuses any single query whose requested cost is above this. */
  maxQueryCost: number;
}

export interface AdminGraphqlRequest {
  shop: StandinShop;
  /** The version in the request's path, e.g. "2025-10". */
  apiVersion: string;
  accessToken: string | undefined;
  contentType: string | undefined;
  body: Buffer;
}

interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

const graphqlRequestBody = z.object({
  query: z.string().min(1),
  variables: z.record(z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

type GraphqlRequestBody = z.infer<typeof graphqlRequestBody>;

/** `POST /admin/api/<version>/graphql.json` for one stand-in: token check, validation, cost, throttling, execution. */
export class AdminGraphqlEndpoint {
  private readonly buckets = new Map<string, LeakyBucket>();

  constructor(
    private readonly schemas: AdminSchemas,
    private readonly limits: AdminApiLimits,
    private readonly bulkOperations: BulkOperationRunner,
    private readonly flowTriggers: FlowTriggerRegistry,
  ) {}

  async handle({
    shop,
    apiVersion,
    accessToken,
    contentType,
    body,
  }: AdminGraphqlRequest): Promise<HttpReply> {
    if (accessToken !== shop.accessToken) return jsonReply(401, INVALID_TOKEN_BODY);
    const request = parseGraphqlRequest(contentType, body);
    if (!request) return jsonReply(400, MISSING_QUERY_BODY);
    const check = checkAdminDocument(this.schemas, request.query);
    if (!check.valid) return jsonReply(200, { errors: check.errors });

    const operation: CostedOperation = {
      schema: this.schemas.unstable,
      document: check.document,
      operationName: request.operationName,
      variables: request.variables,
    };
    const requested = requestedQueryCost(operation);
    const bucket = this.bucketFor(shop);
    if (requested > this.limits.maxQueryCost) {
      return refusal(maxCostExceededError(requested, this.limits.maxQueryCost), requested, bucket);
    }
    if (!bucket.tryTake(requested)) return refusal(THROTTLED_ERROR, requested, bucket);

    const result = await execute({
      schema: operation.schema,
      document: operation.document,
      operationName: operation.operationName,
      variableValues: operation.variables,
      contextValue: {
        shop,
        apiVersion,
        schemas: this.schemas,
        bulkOperations: this.bulkOperations,
        flowTriggers: this.flowTriggers,
      },
      fieldResolver: adminFieldResolver,
      typeResolver: adminTypeResolver,
    });
    const actual = result.data == null ? requested : actualQueryCost(operation, result.data);
    bucket.giveBack(requested - actual);
    return jsonReply(200, {
      ...(result.errors ? { errors: result.errors.map((error) => toShopifyError(error)) } : {}),
      ...("data" in result ? { data: result.data } : {}),
      extensions: { cost: costReport(requested, actual, bucket) },
    });
  }

  private bucketFor(shop: StandinShop): LeakyBucket {
    let bucket = this.buckets.get(shop.myshopifyDomain);
    if (!bucket) this.buckets.set(shop.myshopifyDomain, (bucket = new LeakyBucket(this.limits)));
    return bucket;
  }
}

function parseGraphqlRequest(contentType: string | undefined, body: Buffer): GraphqlRequestBody | null {
  const text = body.toString("utf8");
  if (contentType?.startsWith("application/graphql")) return text.trim() ? { query: text } : null;
  try {
    const parsed = graphqlRequestBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function refusal(error: ShopifyGraphQLError, requested: number, bucket: LeakyBucket): HttpReply {
  return jsonReply(200, { errors: [error], extensions: { cost: costReport(requested, null, bucket) } });
}

function costReport(requested: number, actual: number | null, bucket: LeakyBucket): QueryCost {
  return { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() };
}
