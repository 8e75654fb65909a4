import type { IncomingMessage, ServerResponse } from "node:http";

/** What a route answers, kept apart from `node:http` so routes stay plain functions. */
export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

export function jsonReply(status: number, value: unknown): HttpReply {
  return {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8" },
    body: JSON.stringify(value),
  };
}

export function textReply(status: number, text: string): HttpReply {
  return { status, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: text };
}

export async function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendReply(response: ServerResponse, reply: HttpReply): void {
  response.writeHead(reply.status, reply.headers);
  response.end(reply.body);
}
