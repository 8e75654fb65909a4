// autocannon ships no types; these cover the part of its API the bench uses (autocannon 8 README, "API").
declare module "autocannon" {
  export type RequestContext = Record<string, unknown>;

  export type Request = {
    method?: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    // Returning a falsy value makes the connection start over from the first request.
    setupRequest?: (request: Request, context: RequestContext) => Request | false | null | undefined;
    onResponse?: (
      status: number,
      body: string,
      context: RequestContext,
      headers: Record<string, string>,
    ) => void;
  };

  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    // A fixed number of requests instead of a duration, split over the connections.
    amount?: number;
    timeout?: number;
    requests?: Request[];
  };

  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total?: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  };

  export type Result = {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { total: number; sent: number };
    throughput: Histogram & { total: number };
  };

  export type Instance = PromiseLike<Result> & {
    stop: () => void;
    on: (event: "response", listener: (client: unknown, statusCode: number) => void) => Instance;
  };

  export default function autocannon(options: Options): Instance;
}
