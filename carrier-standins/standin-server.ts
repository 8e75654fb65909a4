import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { CarrierCredentials } from "../app/services/carriers/carrier-adapter";
import { readRequestBody, sendReply, type HttpReply } from "../shopify-standin/http-reply";
import { sharedDir as defaultSharedDir } from "../shopify-standin/shared-dir";
import { createCanadaPostApi } from "./carriers/canada-post";
import { createDhlApi } from "./carriers/dhl";
import { createDhlExpressApi } from "./carriers/dhl-express";
import { createFedexApi } from "./carriers/fedex";
import { createUpsApi } from "./carriers/ups";
import { createUspsApi } from "./carriers/usps";
import { DEFAULT_STANDIN_CREDENTIALS } from "./credentials";
import { FailureInjector, type DueFailure, type FailNext } from "./failure-injection";
import { IssuedTokens } from "./oauth-tokens";
import { FixedWindowLimiter, type RateLimit } from "./rate-limit";
import { textReply } from "./replies";
import { RequestStats } from "./request-stats";
import { loadCarrierSamples } from "./shared-samples";
import type { CarrierApi, CarrierCode } from "./standin-types";
import type { CarrierApiDeps } from "./tracking-lookup";

export const STANDIN_CARRIERS: readonly CarrierCode[] = [
  "ups",
  "fedex",
  "usps",
  "dhl",
  "dhl_express",
  "canada_post",
];
const OAUTH_CARRIERS: ReadonlySet<CarrierCode> = new Set(["ups", "fedex", "usps"]);

export interface CarrierStandinOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** What "now" is for journeys and token expiry; default the real time. */
  clock?: () => Date;
  /** Journeys of generated numbers start up to four days before this; default clock() at start. */
  journeyEpoch?: Date;
  /** Default `<projectRoot>/../shared`; without it, sample numbers get generated journeys like any other. */
  sharedDir?: string;
  /** Accepted credentials per carrier; default DEFAULT_STANDIN_CREDENTIALS. */
  credentials?: Partial<Record<CarrierCode, CarrierCredentials>>;
  /** OAuth token lifetime; default 3600 s. */
  tokenLifetimeSeconds?: number;
  /** Per-carrier request budget; none by default. */
  rateLimits?: Partial<Record<CarrierCode, RateLimit>>;
  /** Numbers every carrier answers with its not-found error. */
  unknownNumbers?: Iterable<string>;
}

export interface CarrierStandin {
  /** "http://127.0.0.1:<port>" */
  url: string;
  /** What an adapter's `baseUrl` should be for this carrier, e.g. "<url>/ups". */
  baseUrlFor(carrier: CarrierCode): string;
  credentialsFor(carrier: CarrierCode): CarrierCredentials;
  failNext(failure: FailNext): void;
  /** Answer this number with the carrier's not-found error from now on. */
  markUnknown(trackingNumber: string): void;
  /** Every OAuth token issued so far stops working, so the next API call gets a 401. */
  revokeTokens(carrier?: CarrierCode): void;
  /** Requests per `<carrier>:<endpoint>` ("ups:token", "ups:track", …) since start or the last resetStats(). */
  stats(): Record<string, number>;
  resetStats(): void;
  close(): Promise<void>;
}

function carrierApis(deps: (carrier: CarrierCode) => CarrierApiDeps): Record<CarrierCode, CarrierApi> {
  return {
    ups: createUpsApi(deps("ups")),
    fedex: createFedexApi(deps("fedex")),
    usps: createUspsApi(deps("usps")),
    dhl: createDhlApi(deps("dhl")),
    dhl_express: createDhlExpressApi(deps("dhl_express")),
    canada_post: createCanadaPostApi(deps("canada_post")),
  };
}

function withRetryAfter(reply: HttpReply, seconds: number): HttpReply {
  return { ...reply, headers: { ...reply.headers, "Retry-After": String(seconds) } };
}

/** All six carriers' tracking APIs on one local port, each under `/<carrier code>` with the carrier's own paths. */
export async function createCarrierStandin(options: CarrierStandinOptions = {}): Promise<CarrierStandin> {
  const clock = options.clock ?? (() => new Date());
  const journeyEpoch = options.journeyEpoch ?? clock();
  const samples = loadCarrierSamples(options.sharedDir ?? defaultSharedDir());
  const unknownNumbers = new Set(
    [...(options.unknownNumbers ?? [])].map((number) => number.trim().toUpperCase()),
  );
  const credentials = (carrier: CarrierCode) =>
    options.credentials?.[carrier] ?? DEFAULT_STANDIN_CREDENTIALS[carrier];
  const tokens = new Map(
    STANDIN_CARRIERS.filter((carrier) => OAUTH_CARRIERS.has(carrier)).map((carrier) => [
      carrier,
      new IssuedTokens(options.tokenLifetimeSeconds ?? 3600, clock),
    ]),
  );
  const limiters = new Map(
    STANDIN_CARRIERS.flatMap((carrier) => {
      const limit = options.rateLimits?.[carrier];
      return limit ? [[carrier, new FixedWindowLimiter(limit)] as const] : [];
    }),
  );
  const apis = carrierApis((carrier) => ({
    samples: samples[carrier],
    credentials: credentials(carrier),
    tokens: tokens.get(carrier) ?? null,
    clock,
    journeyEpoch,
    unknownNumbers,
  }));
  const failures = new FailureInjector();
  const stats = new RequestStats();
  const sockets = new Set<Socket>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://standin.local");
    const [, prefix = "", ...rest] = url.pathname.split("/");
    const api = (STANDIN_CARRIERS as readonly string[]).includes(prefix)
      ? apis[prefix as CarrierCode]
      : undefined;
    const body = (await readRequestBody(request)).toString("utf8");
    const routed = api?.route({
      method: request.method ?? "GET",
      path: `/${rest.join("/")}`,
      query: url.searchParams,
      headers: request.headers,
      body,
    });
    if (!api || !routed) {
      stats.count("unmatched");
      sendReply(response, textReply(404, `No carrier stand-in route for ${request.method} ${url.pathname}`));
      return;
    }
    const key = `${api.carrier}:${routed.endpoint}`;
    stats.count(key);
    const retryAfter = limiters.get(api.carrier)?.take();
    if (retryAfter !== undefined && retryAfter !== null) {
      sendReply(response, withRetryAfter(api.rateLimited(retryAfter), retryAfter));
      return;
    }
    const failure = failures.take(api.carrier, routed.endpoint);
    if (failure) {
      injectFailure(response, api, failure);
      return;
    }
    sendReply(response, routed.reply);
  }

  function injectFailure(
    response: ServerResponse,
    api: CarrierApi,
    { failure, retryAfterSeconds }: DueFailure,
  ): void {
    if (failure === "hang") return;
    if (failure === "reset") {
      response.socket?.destroy();
      return;
    }
    if (failure === "malformed") return sendReply(response, api.malformed());
    if (failure === 429)
      return sendReply(response, withRetryAfter(api.rateLimited(retryAfterSeconds), retryAfterSeconds));
    sendReply(response, textReply(failure, `Injected ${failure}`));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendReply(response, textReply(500, `carrier stand-in error: ${String(error)}`));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;

  return {
    url,
    baseUrlFor: (carrier) => `${url}/${carrier}`,
    credentialsFor: (carrier) => ({ ...credentials(carrier) }),
    failNext: (failure) => failures.add(failure),
    markUnknown: (trackingNumber) => unknownNumbers.add(trackingNumber.trim().toUpperCase()),
    revokeTokens: (carrier) => {
      for (const [code, issued] of tokens) if (!carrier || carrier === code) issued.revokeAll();
    },
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    close: async () => {
      // Hanging requests (failNext "hang") would otherwise keep close() waiting forever.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
