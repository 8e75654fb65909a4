import { ClientError, GraphQLClient } from "graphql-request";
import { z } from "zod";
import { SHOPIFY_API_VERSION } from "../shopify-api-version";

// What model functions receive to talk to the Admin API: the same shape inside a request (Shopify's
// authenticated client) and outside one (jobs, backfill, the demo), so models never depend on a request.
export interface AdminGraphql {
  request<TData>(document: string, variables?: Record<string, unknown>): Promise<TData>;
}

export class AdminGraphqlError extends Error {
  constructor(
    message: string,
    readonly errors: unknown,
    readonly kind: "graphql" | "throttled" | "unavailable" | "unauthorized" = "graphql",
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
      let body: { data?: TData; errors?: unknown };
      try {
        const response = await graphql(document, variables ? { variables } : undefined);
        body = (await response.json()) as typeof body;
      } catch (error) {
        // The library throws a Response to send the merchant through re-authentication: that must go on.
        if (error instanceof Response) throw error;
        // Anything else (network down, a 5xx page, a timeout) is Shopify being unreachable, which pages show
        // as a message instead of a crash.
        const reason = error instanceof Error ? error.message : String(error);
        throw new AdminGraphqlError(`Admin API unreachable: ${reason}`, null, "unavailable");
      }
      if (body.errors || !body.data) throw new AdminGraphqlError("Admin API returned errors", body.errors);
      return body.data;
    },
  };
}

const throttleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});
const costSchema = z
  .object({ requestedQueryCost: z.number().nullish(), throttleStatus: throttleStatusSchema })
  .partial({ requestedQueryCost: true });
const errorListSchema = z.array(
  z.object({ message: z.string(), extensions: z.record(z.unknown()).optional() }),
);

export type RetryPolicy = {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  timeoutMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

// Full jitter: spread retries so many workers recovering from the same outage do not stampede together.
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs" | "random">,
) {
  return Math.round(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

// Outside a request: an offline token against the shop's Admin API (or the local stand-in). Shopify limits by
// calculated query cost: a THROTTLED answer waits exactly as long as the bucket needs to refill; 5xx, 429 and
// timeouts retry with exponential backoff and jitter.
export function adminGraphqlForShop({
  shop,
  accessToken,
  origin,
  retry = {},
}: {
  shop: string;
  accessToken: string;
  origin?: string;
  retry?: Partial<RetryPolicy>;
}): AdminGraphql {
  const policy = { ...DEFAULT_RETRY_POLICY, ...retry };
  const client = new GraphQLClient(
    `${origin ?? `https://${shop}`}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
    {
      headers: { "X-Shopify-Access-Token": accessToken },
    },
  );
  return {
    async request<TData>(document: string, variables?: Record<string, unknown>): Promise<TData> {
      let lastError: AdminGraphqlError | undefined;
      for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
        try {
          const { data } = await client.rawRequest<TData>({
            query: document,
            variables,
            signal: AbortSignal.timeout(policy.timeoutMs),
          });
          return data;
        } catch (error) {
          const failure = classify(error);
          lastError = failure.error;
          if (!failure.retryAfterMs) throw failure.error;
          if (attempt === policy.maxAttempts) break;
          await policy.sleep(
            failure.retryAfterMs === "backoff" ? backoffDelay(attempt, policy) : failure.retryAfterMs,
          );
        }
      }
      throw lastError ?? new AdminGraphqlError("Admin API request failed", null, "unavailable");
    },
  };
}

type Failure = { error: AdminGraphqlError; retryAfterMs: number | "backoff" | null };

function classify(error: unknown): Failure {
  if (!(error instanceof ClientError)) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      error: new AdminGraphqlError(`Admin API unreachable: ${message}`, null, "unavailable"),
      retryAfterMs: "backoff",
    };
  }
  const { status, errors, extensions } = error.response;
  if (status === 401 || status === 403) {
    return {
      error: new AdminGraphqlError(`Admin API refused the token (${status})`, errors, "unauthorized"),
      retryAfterMs: null,
    };
  }
  if (status === 429) {
    const seconds = Number(error.response.headers?.get("retry-after"));
    return {
      error: new AdminGraphqlError("Admin API rate limited", errors, "throttled"),
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : "backoff",
    };
  }
  if (status >= 500) {
    return {
      error: new AdminGraphqlError(`Admin API unavailable (${status})`, errors, "unavailable"),
      retryAfterMs: "backoff",
    };
  }
  const parsedErrors = errorListSchema.safeParse(errors);
  const throttled =
    parsedErrors.success && parsedErrors.data.some((entry) => entry.extensions?.code === "THROTTLED");
  if (throttled) {
    const cost = costSchema.safeParse((extensions as { cost?: unknown } | undefined)?.cost);
    return {
      error: new AdminGraphqlError("Admin API throttled", errors, "throttled"),
      retryAfterMs: throttleWait(cost.success ? cost.data : null),
    };
  }
  const message = parsedErrors.success
    ? parsedErrors.data.map((entry) => entry.message).join("; ")
    : error.message;
  return {
    error: new AdminGraphqlError(`Admin API returned errors: ${message}`, errors),
    retryAfterMs: null,
  };
}

function throttleWait(cost: z.infer<typeof costSchema> | null): number | "backoff" {
  if (!cost || cost.throttleStatus.restoreRate <= 0) return "backoff";
  const needed =
    (cost.requestedQueryCost ?? cost.throttleStatus.maximumAvailable / 10) -
    cost.throttleStatus.currentlyAvailable;
  return Math.max(100, Math.ceil((Math.max(needed, 0) / cost.throttleStatus.restoreRate) * 1000));
}
