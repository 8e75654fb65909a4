import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Shared reference material lives next to the project, never inside it: `<projectRoot>/../shared`. */
export function sharedDir(root: string = projectRoot): string {
  return path.resolve(root, "../shared");
}

export function sharedDirExists(dir: string = sharedDir()): boolean {
  return existsSync(dir);
}

export const sharedFiles = {
  adminSchemaJan2025: "data/shopify/admin-schema/admin_schema_2025-01.json.gz",
  adminSchemaUnstable: "data/shopify/admin-schema/admin_schema_unstable_2025-10-09.graphql",
  appProxyTestVectors: "data/shopify/app-proxy-test-vectors.json",
  webhookSamples: "data/shopify/webhooks",
} as const;

export function sharedFile(file: keyof typeof sharedFiles, dir: string = sharedDir()): string {
  return path.join(dir, sharedFiles[file]);
}
