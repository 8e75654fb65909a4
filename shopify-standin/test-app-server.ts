import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readRequestBody } from "./http-reply";

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type TestAppHandler = (
  request: RecordedRequest,
  raw: { request: IncomingMessage; response: ServerResponse },
) => void | Promise<void>;

export interface TestAppServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A throwaway app on an ephemeral port that records every request and lets the test answer it. */
export async function startTestApp(handler: TestAppHandler): Promise<TestAppServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const recorded: RecordedRequest = {
        method: request.method ?? "GET",
        url: new URL(request.url ?? "/", "http://app.invalid"),
        headers: request.headers,
        body: await readRequestBody(request),
      };
      requests.push(recorded);
      await handler(recorded, { request, response });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
