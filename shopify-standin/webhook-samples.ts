import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sharedDir, sharedFile } from "./shared-dir";

/**
 * Shopify's own sample body for a topic such as "fulfillments/create", as raw text: parsing it with JSON.parse
 * would round IDs above 2^53. Null when the shared directory or that sample is absent.
 */
export function readWebhookSample(topic: string, dir: string = sharedDir()): string | null {
  if (!/^[a-z_]+\/[a-z_]+$/.test(topic)) throw new Error(`Not a webhook topic: ${topic}`);
  const samplePath = path.join(sharedFile("webhookSamples", dir), `${topic.replace("/", "__")}.json`);
  return existsSync(samplePath) ? readFileSync(samplePath, "utf8") : null;
}
