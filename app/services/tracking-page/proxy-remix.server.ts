import { answerProxyRequest, MAX_PROXY_BODY_BYTES } from "./proxy-handler.server";

// The Remix routes' side of the proxy handler: a Fetch Request in, a Response out.
export async function answerProxyFetchRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const body = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
  if (Buffer.byteLength(body) > MAX_PROXY_BODY_BYTES) return new Response("", { status: 413 });
  const reply = await answerProxyRequest({
    method: request.method,
    pathname: url.pathname,
    query: url.searchParams,
    header: (name) => request.headers.get(name),
    body,
    remoteAddress: null,
  });
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
