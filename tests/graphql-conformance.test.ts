import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Kind, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { checkAdminDocument } from "../shopify-standin/admin-document-validation";
import { loadAdminSchemas } from "../shopify-standin/admin-schema";
import { sharedDir } from "../shopify-standin/shared-dir";

interface GraphqlTemplate {
  /** `file:line` of the template's first line. */
  location: string;
  line: number;
  text: string;
}

// A `#graphql` template literal: backtick, the magic comment, then anything up to the closing backtick.
const GRAPHQL_TEMPLATE = /`(#graphql\b(?:[^`\\]|\\.)*)`/g;

function findGraphqlTemplates(source: string, file: string): GraphqlTemplate[] {
  return [...source.matchAll(GRAPHQL_TEMPLATE)].map((match) => {
    const line = source.slice(0, match.index).split("\n").length;
    return { location: `${file}:${line}`, line, text: match[1] ?? "" };
  });
}

function findAppGraphqlTemplates(appDir: string): GraphqlTemplate[] {
  return readdirSync(appDir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".d.ts"))
    .sort()
    .flatMap((file) =>
      findGraphqlTemplates(readFileSync(path.join(appDir, file), "utf8"), path.join("app", file)),
    );
}

/** Problems that would make Shopify (or codegen) reject the document, each prefixed with its `file:line`. */
function conformanceProblems(
  template: GraphqlTemplate,
  schemas: NonNullable<ReturnType<typeof loadAdminSchemas>>,
) {
  if (template.text.includes("${")) {
    return [`${template.location}: interpolation in a #graphql document cannot be checked or code-generated`];
  }
  const check = checkAdminDocument(schemas, template.text);
  if (!check.valid) {
    return check.errors.map((error) => {
      const line = template.line + (error.locations?.[0]?.line ?? 1) - 1;
      const schema = typeof error.extensions.schema === "string" ? ` [${error.extensions.schema}]` : "";
      return `${template.location.replace(/:\d+$/, `:${line}`)}: ${error.message}${schema}`;
    });
  }
  return check.document.definitions
    .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION && !definition.name)
    .map(
      () => `${template.location}: every operation must be named (codegen types and logs key on the name)`,
    );
}

describe("#graphql document scanning", () => {
  it("finds each #graphql template literal with its line, and nothing else", () => {
    const fixture = [
      'const NOT_GRAPHQL = `plain ${"template"}`;',
      "const SHOP = `#graphql",
      "  query ShopName { shop { name } }",
      "`;",
      "const ORDER = `#graphql\n  query OrderName($id: ID!) { order(id: $id) { name } }`;",
    ].join("\n");
    const templates = findGraphqlTemplates(fixture, "fixture.ts");
    expect(templates.map(({ location }) => location)).toEqual(["fixture.ts:2", "fixture.ts:5"]);
    expect(templates.map(({ text }) => parse(text).definitions.length)).toEqual([1, 1]);
  });
});

const schemas = loadAdminSchemas();
const skipReason = `skipped: ${sharedDir()} not found, so the Admin schemas are unavailable`;
if (!schemas) console.warn(`GraphQL conformance ${skipReason}`);

describe.skipIf(!schemas)(
  `app #graphql documents conform to Admin 2025-01 and unstable${schemas ? "" : ` (${skipReason})`}`,
  () => {
    const templates = findAppGraphqlTemplates(path.resolve(import.meta.dirname, "../app"));
    console.info(`GraphQL conformance: ${templates.length} #graphql document(s) found under app/`);

    it("scans app/ without error", () => {
      expect(templates.every(({ text }) => text.startsWith("#graphql"))).toBe(true);
    });

    it("flags unnamed, interpolated and invalid documents", () => {
      const fixture = [
        "const UNNAMED = `#graphql\n  { shop { name } }`;",
        "const INTERPOLATED = `#graphql\n  query Q { ${FIELDS} }`;",
        'const NEWER = `#graphql\n  query Newer {\n    order(id: "gid://shopify/Order/1") { number }\n  }`;',
      ].join("\n");
      const problems = findGraphqlTemplates(fixture, "fixture.ts").flatMap((template) =>
        conformanceProblems(template, schemas ?? expect.unreachable()),
      );
      expect(problems).toEqual([
        "fixture.ts:1: every operation must be named (codegen types and logs key on the name)",
        "fixture.ts:3: interpolation in a #graphql document cannot be checked or code-generated",
        "fixture.ts:7: Field 'number' doesn't exist on type 'Order' [Admin 2025-01]",
      ]);
    });

    it.skipIf(templates.length === 0).each(templates)(
      "$location is named and valid in both schemas",
      (template) => {
        expect(conformanceProblems(template, schemas ?? expect.unreachable())).toEqual([]);
      },
    );
  },
);
