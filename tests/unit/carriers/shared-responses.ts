import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** The carriers' real responses, read from `<project>/../shared` (never copied into the project). */
export const sharedResponsesDir = path.resolve(projectRoot, "../shared/data/carriers/responses");
export const sharedResponsesAvailable = existsSync(sharedResponsesDir);

export function warnIfSharedMissing(suite: string): void {
  if (!sharedResponsesAvailable) console.warn(`skipping ${suite}: ${sharedResponsesDir} not found`);
}

export function sharedResponsePath(file: string): string {
  return path.join(sharedResponsesDir, file);
}

export function readSharedResponse(file: string): string {
  return readFileSync(sharedResponsePath(file), "utf8");
}
