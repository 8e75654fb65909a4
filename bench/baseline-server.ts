// Child-process entry for the baseline: a bare node:http server that answers every request with the body it
// read from stdin, already compressed with --content-encoding. It does the least work a server can do for the
// same bytes on the wire, so "app rps / baseline rps" isolates what the app itself costs. It runs in its own
// process so it never shares an event loop with autocannon. With --verify-hmac it also checks each request's
// X-Shopify-Hmac-Sha256 against the body with the secret in BASELINE_HMAC_SECRET, as any webhook endpoint must.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { text } from "node:stream/consumers";
import { parseArgs } from "node:util";
import { brotliCompressSync, constants, deflateSync, gzipSync } from "node:zlib";

const { values } = parseArgs({
  options: {
    "content-type": { type: "string", default: "text/plain; charset=utf-8" },
    "content-encoding": { type: "string", default: "identity" },
    "verify-hmac": { type: "boolean", default: false },
  },
});
const hmacSecret = values["verify-hmac"] ? process.env.BASELINE_HMAC_SECRET : undefined;
if (values["verify-hmac"] && !hmacSecret) throw new Error("--verify-hmac needs BASELINE_HMAC_SECRET");

// Same settings as the `compression` middleware in server.mjs, so the compressed size matches the app's.
const ENCODERS: Record<string, (body: Buffer) => Buffer> = {
  identity: (body) => body,
  gzip: (body) => gzipSync(body),
  deflate: (body) => deflateSync(body),
  br: (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
};

const contentEncoding = values["content-encoding"];
const encode = ENCODERS[contentEncoding];
if (encode === undefined) throw new Error(`unsupported --content-encoding ${contentEncoding}`);
const body = encode(Buffer.from(await text(process.stdin)));
const headers: http.OutgoingHttpHeaders = {
  "content-type": values["content-type"],
  "content-length": body.length,
  ...(contentEncoding === "identity" ? {} : { "content-encoding": contentEncoding }),
};

function signatureMatches(request: http.IncomingMessage, requestBody: Buffer, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(requestBody).digest();
  const received = Buffer.from(String(request.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
  return received.length === expected.length && timingSafeEqual(received, expected);
}

const server = http.createServer((request, response) => {
  // Reads the whole request body first, as the app must for POST scenarios.
  if (hmacSecret === undefined) {
    request.resume();
    request.once("end", () => response.writeHead(200, headers).end(body));
    return;
  }
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.once("end", () => {
    if (signatureMatches(request, Buffer.concat(chunks), hmacSecret))
      response.writeHead(200, headers).end(body);
    else response.writeHead(401).end();
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  console.log(`baseline listening on http://127.0.0.1:${port}`);
});
// Started with an IPC channel: if the bench process dies without cleaning up, the channel closes and so do we.
process.once("disconnect", () => process.exit(0));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
