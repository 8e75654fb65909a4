import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseExtensionToml } from "./extension-toml";

/**
 * Shopify Flow triggers as Shopify knows them from the app's deployed `flow_trigger` extensions, and
 * `flowTriggerReceive(handle:, payload:)` checked against them. The rules are the Shopify CLI's (what a
 * trigger extension may declare) and Flow's (what a payload must carry):
 * - reference fields (`type = "order_reference"`, …) are sent as `<object>_id` with the numeric ID;
 * - custom fields are sent under their `key`; Flow requires every declared field in every payload;
 * - the payload must stay under 50,000 bytes;
 * - errors come back as one userError on `["body"]`, "Errors validating schema:" then one line per problem.
 */

/** Reference field types a trigger may declare (Shopify CLI, flow_trigger). */
export const FLOW_TRIGGER_REFERENCE_TYPES = [
  "customer_reference",
  "order_reference",
  "product_reference",
  "company_reference",
  "company_contact_reference",
] as const;

/** Custom field types a trigger may declare (Shopify CLI, flow_trigger); `schema.<type>` fields are not supported here. */
export const FLOW_TRIGGER_FIELD_TYPES = [
  "boolean",
  "email",
  "single_line_text_field",
  "url",
  "number_decimal",
] as const;

export type FlowTriggerReferenceType = (typeof FLOW_TRIGGER_REFERENCE_TYPES)[number];
export type FlowTriggerFieldType = (typeof FLOW_TRIGGER_FIELD_TYPES)[number];

export type FlowTriggerField =
  | { type: FlowTriggerReferenceType; payloadKey: string; description: string | null }
  | { type: FlowTriggerFieldType; payloadKey: string; description: string | null };

export interface FlowTriggerDefinition {
  handle: string;
  name: string;
  description: string | null;
  /** In the order of the TOML file, which is the order Flow shows them. */
  fields: FlowTriggerField[];
  /** Where it was read from, for error messages. */
  source: string;
}

/** A trigger Flow accepted: what a workflow starting with it would receive. */
export interface StandinFlowTriggerRun {
  handle: string;
  payload: Record<string, unknown>;
  receivedAt: string;
}

export interface FlowTriggerUserError {
  field: string[];
  message: string;
}

export const FLOW_TRIGGER_PAYLOAD_LIMIT_BYTES = 50_000;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const handleSchema = z
  .string()
  .trim()
  .min(1, "Handle can't be empty")
  .max(30, "Handle can't exceed 30 characters")
  .regex(/^[a-zA-Z0-9-]*$/, "Handle can only contain alphanumeric characters and hyphens")
  .refine(
    (handle) => !handle.startsWith("-") && !handle.endsWith("-"),
    "Handle can't start or end with a hyphen",
  );

const fieldSchema = z
  .object({
    type: z.string(),
    key: z.string().optional(),
    description: z.string().optional(),
  })
  .strict();

const triggerSchema = z.object({
  type: z.literal("flow_trigger"),
  name: z.string().min(1),
  handle: handleSchema,
  description: z.string().optional(),
});

const triggerFileSchema = z.object({
  extensions: z.array(z.unknown()).length(1),
  settings: z.object({ fields: z.array(z.unknown()).optional() }).optional(),
});

/** One `flow_trigger` extension's TOML, validated the way `shopify app deploy` does. */
export function flowTriggerDefinitionFromToml(text: string, source: string): FlowTriggerDefinition {
  const fail = (message: string): never => {
    throw new Error(`${source}: ${message}`);
  };
  const file = triggerFileSchema.safeParse(parseExtensionToml(text, source));
  if (!file.success) return fail(file.error.issues.map((issue) => issue.message).join("; "));
  const extension = triggerSchema.safeParse(file.data.extensions[0]);
  if (!extension.success) {
    return fail(
      extension.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
    );
  }
  const fields = (file.data.settings?.fields ?? []).map((raw, index): FlowTriggerField => {
    const field = fieldSchema.safeParse(raw);
    if (!field.success)
      return fail(`settings.fields[${index}]: ${field.error.issues[0]?.message ?? "invalid"}`);
    const { type, key, description = null } = field.data;
    if (isOneOf(FLOW_TRIGGER_REFERENCE_TYPES, type)) {
      return { type, payloadKey: `${type.replace(/_reference$/, "")}_id`, description };
    }
    if (type.endsWith("_reference"))
      return fail(`Commerce object ${type} is not supported for Flow Triggers`);
    if (key === undefined)
      return fail(`key property must be specified for non-commerce object fields (${type})`);
    if (!/^[a-zA-Z\s]*$/.test(key))
      return fail(`${key}: String must contain only alphabetic characters and spaces`);
    if (!isOneOf(FLOW_TRIGGER_FIELD_TYPES, type))
      return fail(`Field type ${type} is not supported on Flow Triggers`);
    return { type, payloadKey: key, description };
  });
  const keys = fields.map((field) => field.payloadKey);
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate !== undefined) fail(`field ${duplicate} is declared twice`);
  return {
    handle: extension.data.handle,
    name: extension.data.name,
    description: extension.data.description ?? null,
    fields,
    source,
  };
}

/** Every `flow_trigger` extension under `<projectRoot>/extensions`, as the deployed app would have them. */
export function readFlowTriggerDefinitions(
  extensionsDir: string = path.join(projectRoot, "extensions"),
): FlowTriggerDefinition[] {
  if (!existsSync(extensionsDir)) return [];
  const definitions = readdirSync(extensionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(extensionsDir, entry.name, "shopify.extension.toml"))
    .filter((file) => existsSync(file))
    .sort()
    .map((file) => ({ file, text: readFileSync(file, "utf8") }))
    // Other extension types are none of Flow's business (and may use TOML this reader does not cover).
    .filter(({ text }) => /^\s*type\s*=\s*"flow_trigger"\s*(#.*)?$/m.test(text))
    .map(({ file, text }) => flowTriggerDefinitionFromToml(text, path.relative(projectRoot, file)));
  const handles = definitions.map((definition) => definition.handle);
  const duplicate = handles.find((handle, index) => handles.indexOf(handle) !== index);
  if (duplicate !== undefined) throw new Error(`two flow_trigger extensions use the handle ${duplicate}`);
  return definitions;
}

/** The app's triggers, and every run Flow accepted, per shop. */
export class FlowTriggerRegistry {
  private readonly definitions: ReadonlyMap<string, FlowTriggerDefinition>;
  private readonly runs = new Map<string, StandinFlowTriggerRun[]>();

  constructor(definitions: readonly FlowTriggerDefinition[]) {
    this.definitions = new Map(definitions.map((definition) => [definition.handle, definition]));
  }

  handles(): string[] {
    return [...this.definitions.keys()];
  }

  /** What `flowTriggerReceive(handle:, payload:)` answers; an accepted trigger is recorded for the shop. */
  receive(shop: string, handle: string, payload: unknown, now: Date = new Date()): FlowTriggerUserError[] {
    const size = Buffer.byteLength(JSON.stringify(payload ?? null), "utf8");
    if (size > FLOW_TRIGGER_PAYLOAD_LIMIT_BYTES) {
      return schemaErrors([
        `Properties size exceeds the limit of ${FLOW_TRIGGER_PAYLOAD_LIMIT_BYTES} bytes.`,
      ]);
    }
    const definition = this.definitions.get(handle);
    if (!definition) return schemaErrors([`Invalid handle '${handle}'.`]);
    if (!isPlainObject(payload)) return schemaErrors(["Type error: payload is not an Object."]);
    const problems = payloadProblems(definition, payload);
    if (problems.length) return schemaErrors(problems);
    const runs = this.runs.get(shop) ?? [];
    runs.push({ handle, payload, receivedAt: now.toISOString() });
    this.runs.set(shop, runs);
    return [];
  }

  /** Accepted runs of a shop, oldest first. */
  received(shop: string): StandinFlowTriggerRun[] {
    return [...(this.runs.get(shop) ?? [])];
  }
}

function payloadProblems(definition: FlowTriggerDefinition, payload: Record<string, unknown>): string[] {
  const declared = new Set(definition.fields.map((field) => field.payloadKey));
  const unknown = Object.keys(payload)
    .filter((key) => !declared.has(key))
    .map((key) => `Invalid field: '${key}'.`);
  const invalid = definition.fields.flatMap((field) => {
    if (!Object.hasOwn(payload, field.payloadKey) || payload[field.payloadKey] === null) {
      return [`Required field missing: '${field.payloadKey}'.`];
    }
    const expected = typeError(field, payload[field.payloadKey]);
    return expected
      ? [
          `Type error for field '${field.payloadKey}': ${label(payload[field.payloadKey])} is not ${expected}.`,
        ]
      : [];
  });
  return [...unknown, ...invalid];
}

// What the value should have been, or null when it is fine.
function typeError(field: FlowTriggerField, value: unknown): string | null {
  switch (field.type) {
    case "single_line_text_field":
      return typeof value === "string" ? null : "a String";
    case "url":
      return typeof value === "string" && isAbsoluteUrl(value) ? null : "an absolute URL";
    case "email":
      return typeof value === "string" && /^[^\s@]+@[^\s@]+$/.test(value) ? null : "an Email";
    case "number_decimal":
      return typeof value === "number" && Number.isFinite(value) ? null : "a Number";
    case "boolean":
      return typeof value === "boolean" ? null : "a Boolean";
    default:
      // Reference IDs are the numeric ID; as a string of digits it survives IDs above 2^53.
      return (typeof value === "number" && Number.isSafeInteger(value) && value > 0) ||
        (typeof value === "string" && /^[1-9]\d*$/.test(value))
        ? null
        : "a numeric ID";
  }
}

function isAbsoluteUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}

function label(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function schemaErrors(problems: string[]): FlowTriggerUserError[] {
  return [{ field: ["body"], message: `Errors validating schema:\n  ${problems.join("\n  ")}\n` }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
