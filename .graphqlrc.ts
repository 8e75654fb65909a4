import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import type { IGraphQLConfig, IGraphQLProject } from "graphql-config";
import { SHOPIFY_API_VERSION } from "./app/shopify-api-version";
import { sharedFile } from "./shopify-standin/shared-dir";

// The preset fetches the Admin schema from shopify.dev, which is unreachable here; the SDL in ../shared is the
// newest Admin schema available offline (scripts/codegen.mjs skips codegen when ../shared is absent).
const offlineAdminSchema = sharedFile("adminSchemaUnstable");

function withOfflineSchema(project: IGraphQLProject): IGraphQLProject {
  const generates: Record<string, { schema?: unknown; plugins?: string[] }> =
    project.extensions?.codegen.generates;
  const offlineGenerates = Object.fromEntries(
    Object.entries(generates)
      // The preset's first output only caches the downloaded schema as introspection JSON.
      .filter(([, output]) => !output.plugins?.includes("introspection"))
      .map(([file, output]) => [file, { ...output, schema: offlineAdminSchema }]),
  );
  return {
    ...project,
    schema: offlineAdminSchema,
    extensions: {
      ...project.extensions,
      // With no #graphql document yet, still write admin.types.d.ts instead of failing.
      codegen: { ...project.extensions?.codegen, ignoreNoDocuments: true, generates: offlineGenerates },
    },
  };
}

const config: IGraphQLConfig = {
  projects: {
    default: withOfflineSchema(
      shopifyApiProject({
        apiType: ApiType.Admin,
        apiVersion: SHOPIFY_API_VERSION,
        documents: ["./app/**/*.{js,ts,jsx,tsx}"],
        outputDir: "./app/types",
      }),
    ),
  },
};

export default config;
