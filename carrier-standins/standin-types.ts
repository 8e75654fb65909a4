import type { IncomingHttpHeaders } from "node:http";
import type { CarrierCode } from "../app/services/carriers/carrier-adapter";
import type { HttpReply } from "../shopify-standin/http-reply";

export type { CarrierCode };

/** A request as a carrier's routes see it: the path is what follows `/<carrier>`. */
export interface StandinRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RouteResult {
  /** Counted in stats() as `<carrier>:<endpoint>`, e.g. "ups:token", "ups:track". */
  endpoint: string;
  reply: HttpReply;
}

/** One carrier's API: answers a request, or null when no route of this carrier matches. */
export interface CarrierApi {
  carrier: CarrierCode;
  route(request: StandinRequest): RouteResult | null;
  /** The carrier's own 429 answer (status and body), sent with a Retry-After. */
  rateLimited(retryAfterSeconds: number): HttpReply;
  /** A 200 whose body does not have the carrier's shape. */
  malformed(): HttpReply;
}
