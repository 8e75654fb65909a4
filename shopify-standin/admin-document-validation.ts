import {
  ExecutableDefinitionsRule,
  FieldsOnCorrectTypeRule,
  GraphQLError,
  KnownArgumentNamesRule,
  KnownDirectivesRule,
  KnownFragmentNamesRule,
  KnownTypeNamesRule,
  LoneAnonymousOperationRule,
  NoFragmentCyclesRule,
  NoUndefinedVariablesRule,
  NoUnusedFragmentsRule,
  NoUnusedVariablesRule,
  OverlappingFieldsCanBeMergedRule,
  PossibleFragmentSpreadsRule,
  ProvidedRequiredArgumentsRule,
  ScalarLeafsRule,
  UniqueArgumentNamesRule,
  UniqueDirectivesPerLocationRule,
  UniqueFragmentNamesRule,
  UniqueOperationNamesRule,
  UniqueVariableNamesRule,
  ValuesOfCorrectTypeRule,
  VariablesAreInputTypesRule,
  VariablesInAllowedPositionRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { adminSchemaLabels, type AdminSchemas } from "./admin-schema";
import type { ShopifyGraphQLError } from "./shopify-errors";

export type AdminDocumentCheck =
  { valid: true; document: DocumentNode } | { valid: false; errors: ShopifyGraphQLError[] };

// Shopify runs graphql-ruby, whose static-validation error codes differ from graphql-js rule names.
const graphqlRubyCodes = new Map<ValidationRule, string>([
  [ExecutableDefinitionsRule, "queryContainsSchemaDefinitions"],
  [FieldsOnCorrectTypeRule, "undefinedField"],
  [KnownArgumentNamesRule, "argumentNotAccepted"],
  [KnownDirectivesRule, "undefinedDirective"],
  [KnownFragmentNamesRule, "useAndDefineFragment"],
  [KnownTypeNamesRule, "undefinedType"],
  [LoneAnonymousOperationRule, "uniquelyNamedOperations"],
  [NoFragmentCyclesRule, "infiniteLoop"],
  [NoUndefinedVariablesRule, "variableNotDefined"],
  [NoUnusedFragmentsRule, "useAndDefineFragment"],
  [NoUnusedVariablesRule, "variableNotUsed"],
  [OverlappingFieldsCanBeMergedRule, "fieldConflict"],
  [PossibleFragmentSpreadsRule, "cannotSpreadFragment"],
  [ProvidedRequiredArgumentsRule, "missingRequiredArguments"],
  [ScalarLeafsRule, "selectionMismatch"],
  [UniqueArgumentNamesRule, "argumentNotUnique"],
  [UniqueDirectivesPerLocationRule, "directiveNotUniqueForLocation"],
  [UniqueFragmentNamesRule, "fragmentNotUnique"],
  [UniqueOperationNamesRule, "uniquelyNamedOperations"],
  [UniqueVariableNamesRule, "variableNotUnique"],
  [ValuesOfCorrectTypeRule, "argumentLiteralsIncompatible"],
  [VariablesAreInputTypesRule, "variableRequiresValidType"],
  [VariablesInAllowedPositionRule, "variableMismatch"],
]);

const CHECK_CACHE_LIMIT = 1000;
// Apps send the same few documents over and over; validating each against two large schemas is the hot path.
const checksBySchemas = new WeakMap<AdminSchemas, Map<string, AdminDocumentCheck>>();

/** Parses `source` and validates it against both Admin schemas, answering errors in Shopify's shape. */
export function checkAdminDocument(schemas: AdminSchemas, source: string): AdminDocumentCheck {
  let checks = checksBySchemas.get(schemas);
  if (!checks) checksBySchemas.set(schemas, (checks = new Map()));
  const cached = checks.get(source);
  if (cached) return cached;
  if (checks.size >= CHECK_CACHE_LIMIT) checks.clear();
  const check = parseAndValidate(schemas, source);
  checks.set(source, check);
  return check;
}

function parseAndValidate(schemas: AdminSchemas, source: string): AdminDocumentCheck {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { valid: false, errors: [shopifyValidationError(error, "parseError")] };
  }
  const errors = mergeSchemaErrors(
    (Object.keys(adminSchemaLabels) as (keyof AdminSchemas)[]).map((key) => ({
      label: adminSchemaLabels[key],
      errors: validateWithCodes(schemas[key], document),
    })),
  );
  return errors.length ? { valid: false, errors } : { valid: true, document };
}

function validateWithCodes(schema: GraphQLSchema, document: DocumentNode): ShopifyGraphQLError[] {
  if (validate(schema, document).length === 0) return [];
  // Only failing documents pay for one pass per rule, which is what tells us each error's code.
  return specifiedRules.flatMap((rule) =>
    validate(schema, document, [rule]).map((error) => shopifyValidationError(error, codeFor(rule))),
  );
}

function codeFor(rule: ValidationRule): string {
  const known = graphqlRubyCodes.get(rule);
  if (known) return known;
  const bareName = rule.name.replace(/Rule$/, "");
  return bareName.charAt(0).toLowerCase() + bareName.slice(1);
}

function shopifyValidationError(error: GraphQLError, code: string): ShopifyGraphQLError {
  const locations = (error.locations ?? []).map(({ line, column }) => ({ line, column }));
  const undefinedField = /^Cannot query field "(.+?)" on type "(.+?)"\./.exec(error.message);
  if (undefinedField) {
    const [, fieldName, typeName] = undefinedField;
    return {
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      locations,
      extensions: { code, typeName, fieldName },
    };
  }
  return { message: error.message, locations, extensions: { code } };
}

/** Errors both schemas raise appear once; an error only one schema raises says which schema. */
function mergeSchemaErrors(
  perSchema: { label: string; errors: ShopifyGraphQLError[] }[],
): ShopifyGraphQLError[] {
  const merged = new Map<string, { error: ShopifyGraphQLError; labels: string[] }>();
  for (const { label, errors } of perSchema) {
    for (const error of errors) {
      const key = JSON.stringify([error.message, error.locations]);
      const entry = merged.get(key);
      if (!entry) merged.set(key, { error, labels: [label] });
      else if (!entry.labels.includes(label)) entry.labels.push(label);
    }
  }
  return [...merged.values()].map(({ error, labels }) =>
    labels.length === perSchema.length
      ? error
      : { ...error, extensions: { ...error.extensions, schema: labels.join(", ") } },
  );
}
