import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, buildSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { sharedDir, sharedFile } from "./shared-dir";

export interface AdminSchemas {
  /** Admin API 2025-01, built from Shopify's introspection result. */
  jan2025: GraphQLSchema;
  /** Admin API unstable as of 2025-10-09, built from Shopify's SDL; the stand-in executes against this one. */
  unstable: GraphQLSchema;
}

export const adminSchemaLabels: Record<keyof AdminSchemas, string> = {
  jan2025: "Admin 2025-01",
  unstable: "Admin unstable 2025-10-09",
};

// The SDL is 3 MB: build each schema once per process and shared directory.
const schemasBySharedDir = new Map<string, AdminSchemas | null>();

/** Both Admin schemas from the shared directory, or null when it (or a schema file) is absent. */
export function loadAdminSchemas(dir: string = sharedDir()): AdminSchemas | null {
  if (!schemasBySharedDir.has(dir)) schemasBySharedDir.set(dir, readAdminSchemas(dir));
  return schemasBySharedDir.get(dir) ?? null;
}

function readAdminSchemas(dir: string): AdminSchemas | null {
  const introspectionPath = sharedFile("adminSchemaJan2025", dir);
  const sdlPath = sharedFile("adminSchemaUnstable", dir);
  if (!existsSync(introspectionPath) || !existsSync(sdlPath)) return null;
  return {
    jan2025: buildClientSchema(readIntrospection(introspectionPath)),
    unstable: buildSchema(readFileSync(sdlPath, "utf8")),
  };
}

function readIntrospection(gzipPath: string): IntrospectionQuery {
  const json = JSON.parse(gunzipSync(readFileSync(gzipPath)).toString("utf8")) as
    IntrospectionQuery | { data: IntrospectionQuery };
  return "data" in json ? json.data : json;
}
