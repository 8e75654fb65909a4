import type { IncomingMessage, ServerResponse } from "node:http";
import { answerProxyRequest, MAX_PROXY_BODY_BYTES } from "./proxy-handler.server";

// The production server (server.mjs) answers the app proxy here, before Express and Remix, like the webhook
// lane: a lookup is a few microseconds of HMAC and two indexed reads, and Remix's request overhead alone would
// be several times that. The Remix routes (proxy.tsx, proxy.help.tsx) serve the same handler in
// development.
export function proxyLane(request: IncomingMessage, response: ServerResponse): boolean {
  const url = request.url ?? "";
  if (!(url === "/proxy" || url.startsWith("/proxy/") || url.startsWith("/proxy?"))) return false;
  void answer(request, response).catch((error: unknown) => {
    // Never the request itself: its query and body hold what the shopper typed.
    console.error("app proxy:", error instanceof Error ? error.name : "error");
    if (!response.headersSent) {
      response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end("");
    }
  });
  return true;
}

async function answer(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? "/", "http://app.invalid");
  const body = await readBody(request);
  if (body === null) {
    response.writeHead(413, { "content-type": "text/plain; charset=utf-8" });
    response.end("");
    return;
  }
  const reply = await answerProxyRequest({
    method: request.method ?? "GET",
    pathname: url.pathname,
    query: url.searchParams,
    header: (name) => {
      const value = request.headers[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
    body,
    remoteAddress: request.socket.remoteAddress ?? null,
  });
  response.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
  response.end(reply.body);
}

function readBody(request: IncomingMessage): Promise<string | null> {
  if (request.method === "GET" || request.method === "HEAD") {
    request.resume();
    return Promise.resolve("");
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PROXY_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () =>
      resolve(size > MAX_PROXY_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")),
    );
    request.on("error", reject);
  });
}
