import { createReadStream, statSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { jsonReply, sendReply } from "./http-reply";

/** `GET /bulk/<n>.jsonl`: streams the file from disk, never reading it whole, as a storage bucket would serve it. */
export async function sendBulkResult(file: string | undefined, response: ServerResponse): Promise<void> {
  if (!file) return sendReply(response, jsonReply(404, { errors: "Not Found" }));
  response.writeHead(200, {
    "Content-Type": "application/jsonl",
    "Content-Length": String(statSync(file).size),
  });
  await pipeline(createReadStream(file), response);
}
