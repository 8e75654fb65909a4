import { createHash } from "node:crypto";
import type { AdminContext } from "./admin-context";
import { gidType } from "./gid";
import { notImplemented } from "./resolver-errors";
import { shopifyDateTime } from "./shopify-time";
import type { StandinAppInstallation, StandinMetafield, StandinShop } from "./standin-store";

/**
 * `metafieldsSet` for app-data metafields (owner: the app's own installation, `currentAppInstallation.id`),
 * checked like Shopify checks them (https://shopify.dev/docs/apps/build/custom-data/metafields/metafield-limits,
 * the MetafieldsSetInput docs): at most 25 inputs, atomic (one bad input and nothing is written), a key of 2–64
 * and a namespace of 3–255 letters, digits, `-` and `_` (`$app` and `$app:<name>` name the app's reserved
 * namespace, as does an omitted namespace), a type the first time, a value valid for its type and within its
 * size limit. The codes are Shopify's (MetafieldsSetUserErrorCode); the messages follow its validation wording.
 */

/** The app's numeric ID, as in its reserved namespace `app--<id>`; one app, the same on every shop. */
export const STANDIN_APP_ID = "1000001";

const MAX_INPUTS = 25;
const NAME_CHARACTERS = /^[A-Za-z0-9_-]+$/;
const KB = 1024;

/** Every metafield type Shopify knows (single values; `list.<type>` for most). */
const METAFIELD_TYPES = new Set([
  "boolean",
  "color",
  "date",
  "date_time",
  "dimension",
  "id",
  "json",
  "link",
  "money",
  "multi_line_text_field",
  "number_decimal",
  "number_integer",
  "rating",
  "rich_text_field",
  "single_line_text_field",
  "url",
  "volume",
  "weight",
  "collection_reference",
  "company_reference",
  "customer_reference",
  "file_reference",
  "metaobject_reference",
  "mixed_reference",
  "page_reference",
  "product_reference",
  "product_taxonomy_value_reference",
  "variant_reference",
]);

/** What the stand-in checks a value against; other valid types are refused as not implemented, loudly. */
const VALUE_CHECKS: Record<string, (value: string) => string | null> = {
  json: (value) => {
    try {
      JSON.parse(value);
      return null;
    } catch (error) {
      return `Value is invalid JSON: ${error instanceof Error ? error.message : String(error)}.`;
    }
  },
  single_line_text_field: (value) => (/[\r\n]/.test(value) ? "Value must be a single line of text." : null),
  multi_line_text_field: () => null,
  number_integer: (value) =>
    /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? null : "Value must be an integer.",
  number_decimal: (value) => (/^-?\d+(\.\d+)?$/.test(value) ? null : "Value must be a decimal."),
  boolean: (value) => (value === "true" || value === "false" ? null : "Value must be true or false."),
  color: (value) =>
    /^#[0-9A-Fa-f]{6}$/.test(value) ? null : "Value must be a hexadecimal color code, like #1a5fb4.",
  url: (value) => {
    try {
      return ["http:", "https:", "mailto:", "sms:", "tel:"].includes(new URL(value).protocol)
        ? null
        : "Value must be a URL with an allowed scheme (http, https, mailto, sms or tel).";
    } catch {
      return "Value must be a URL.";
    }
  },
};

/** Shopify's size limits per type, in bytes: JSON 2 MB (128 KB from API 2026-04), URL 2 KB, others 64 KB. */
export function metafieldValueLimit(type: string, apiVersion: string): number {
  if (type === "json") return apiVersion !== "unstable" && apiVersion < "2026-04" ? 2 * KB * KB : 128 * KB;
  if (type === "url" || type === "id") return 2 * KB;
  return 64 * KB;
}

export interface MetafieldsSetInput {
  ownerId: string;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
  compareDigest?: string | null;
}

export interface MetafieldsSetUserError {
  field: string[] | null;
  message: string;
  code: string;
  elementIndex: number | null;
}

let metafieldNumber = 0;

export function metafieldsSet(
  _root: unknown,
  { metafields: inputs }: { metafields: MetafieldsSetInput[] },
  { shop, apiVersion }: AdminContext,
): { metafields: StandinMetafield[]; userErrors: MetafieldsSetUserError[] } {
  if (inputs.length > MAX_INPUTS) {
    return {
      metafields: [],
      userErrors: [
        error(
          ["metafields"],
          `Exceeded the maximum metafields input limit of ${MAX_INPUTS}.`,
          "LESS_THAN_OR_EQUAL_TO",
        ),
      ],
    };
  }
  const planned = inputs.map((input, index) => planMetafield(shop, input, index, apiVersion));
  const userErrors = planned.flatMap((plan) => plan.errors);
  // Atomic, as on Shopify: one refused input and nothing is written.
  if (userErrors.length) return { metafields: [], userErrors };

  const now = shopifyDateTime(Date.now());
  const written = planned.map(({ installation, namespace, input, existing, type }) => {
    const digest = compareDigestOf(input.value);
    if (existing) {
      Object.assign(existing, { value: input.value, compareDigest: digest, updatedAt: now });
      return existing;
    }
    metafieldNumber += 1;
    const created: StandinMetafield = {
      id: `gid://shopify/Metafield/${90_000_000 + metafieldNumber}`,
      namespace,
      key: input.key,
      type,
      value: input.value,
      compareDigest: digest,
      createdAt: now,
      updatedAt: now,
    };
    installation.metafields.push(created);
    return created;
  });
  return { metafields: written, userErrors: [] };
}

type MetafieldPlan = {
  errors: MetafieldsSetUserError[];
  installation: StandinAppInstallation;
  namespace: string;
  input: MetafieldsSetInput;
  existing: StandinMetafield | undefined;
  type: string;
};

function planMetafield(
  shop: StandinShop,
  input: MetafieldsSetInput,
  index: number,
  apiVersion: string,
): MetafieldPlan {
  const at = (field: string) => ["metafields", String(index), field];
  const errors: MetafieldsSetUserError[] = [];
  const installation = shop.appInstallation;
  const ownerType = gidType(input.ownerId);
  if (ownerType !== undefined && ownerType !== "AppInstallation") {
    throw notImplemented(`metafieldsSet on ${ownerType} owners (only app-data metafields)`);
  }
  if (input.ownerId !== installation.id) {
    errors.push(error(at("ownerId"), "Owner does not exist.", "INVALID"));
  }

  const namespace = resolveNamespace(input.namespace);
  errors.push(...nameErrors("Namespace", namespace, 3, 255, at("namespace")));
  errors.push(...nameErrors("Key", input.key, 2, 64, at("key")));

  const existing = installation.metafields.find(
    (metafield) => metafield.namespace === namespace && metafield.key === input.key,
  );
  const type = input.type ?? existing?.type ?? null;
  if (type === null || type === "") {
    errors.push(error(at("type"), "Type can't be blank.", "BLANK"));
  } else if (!METAFIELD_TYPES.has(type.replace(/^list\./, ""))) {
    errors.push(error(at("type"), `Type '${type}' is not a valid metafield type.`, "INVALID_TYPE"));
  } else if (existing && existing.type !== type) {
    throw notImplemented(`changing a metafield's type (${existing.type} to ${type})`);
  } else {
    const check = VALUE_CHECKS[type];
    if (!check) throw notImplemented(`metafield values of type ${type}`);
    const limit = metafieldValueLimit(type, apiVersion);
    if (input.value.trim() === "") {
      errors.push(error(at("value"), "Value can't be blank.", "BLANK"));
    } else if (Buffer.byteLength(input.value, "utf8") > limit) {
      errors.push(error(at("value"), `Value is too long (maximum is ${limit} bytes).`, "TOO_LONG"));
    } else {
      const invalid = check(input.value);
      if (invalid) errors.push(error(at("value"), invalid, "INVALID_VALUE"));
    }
  }

  // compare-and-set: an explicit null means "only if it does not exist yet".
  if (input.compareDigest !== undefined && input.compareDigest !== (existing?.compareDigest ?? null)) {
    errors.push(
      error(
        at("compareDigest"),
        "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.",
        "STALE_OBJECT",
      ),
    );
  }
  return { errors, installation, namespace, input, existing, type: type ?? "" };
}

// An omitted namespace and `$app` are the app's reserved namespace; `$app:<name>` is a named one inside it.
function resolveNamespace(namespace: string | null | undefined): string {
  if (namespace == null || namespace === "$app") return `app--${STANDIN_APP_ID}`;
  const named = /^\$app:(.+)$/.exec(namespace)?.[1];
  return named === undefined ? namespace : `app--${STANDIN_APP_ID}--${named}`;
}

function nameErrors(
  label: string,
  value: string,
  min: number,
  max: number,
  field: string[],
): MetafieldsSetUserError[] {
  if (value === "") return [error(field, `${label} can't be blank.`, "BLANK")];
  if (value.length < min)
    return [error(field, `${label} is too short (minimum is ${min} characters).`, "TOO_SHORT")];
  if (value.length > max)
    return [error(field, `${label} is too long (maximum is ${max} characters).`, "TOO_LONG")];
  return NAME_CHARACTERS.test(value)
    ? []
    : [error(field, `${label} contains one or more invalid characters.`, "INVALID")];
}

function error(field: string[] | null, message: string, code: string): MetafieldsSetUserError {
  return { field, message, code, elementIndex: null };
}

function compareDigestOf(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** `AppInstallation.metafield(namespace:, key:)`: an omitted namespace is the app's reserved one. */
export function installationMetafield(
  installation: StandinAppInstallation,
  { namespace, key }: { namespace?: string | null; key: string },
): StandinMetafield | null {
  const resolved = resolveNamespace(namespace);
  return (
    installation.metafields.find((metafield) => metafield.namespace === resolved && metafield.key === key) ??
    null
  );
}

/** `AppInstallation.metafields(namespace:, keys:)`; keys are written `namespace.key`. */
export function installationMetafields(
  installation: StandinAppInstallation,
  { namespace, keys }: { namespace?: string | null; keys?: string[] | null },
): StandinMetafield[] {
  return installation.metafields.filter(
    (metafield) =>
      (namespace == null || metafield.namespace === resolveNamespace(namespace)) &&
      (keys == null || keys.includes(`${metafield.namespace}.${metafield.key}`)),
  );
}

/** The metafield's owner for `Metafield.owner`, and `node(id:)` for app-data metafields. */
export function findAppMetafield(
  { shop }: Pick<AdminContext, "shop">,
  id: string,
): StandinMetafield | undefined {
  return shop.appInstallation.metafields.find((metafield) => metafield.id === id);
}
