import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z, type ZodTypeAny } from "zod";
import type { CarrierCode } from "../carrier-adapter";
import { MalformedResponseError } from "./carrier-errors";

function issueSummary(error: z.ZodError): string {
  const [first] = error.issues;
  if (!first) return "invalid";
  const path = first.path.length > 0 ? first.path.join(".") : "(root)";
  const more = error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : "";
  return `${path}: ${first.message}${more}`;
}

export function validate<Schema extends ZodTypeAny>(
  carrier: CarrierCode,
  schema: Schema,
  value: unknown,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new MalformedResponseError(
      carrier,
      `${carrier} response failed validation: ${issueSummary(result.error)}`,
    );
  }
  return result.data;
}

export function parseJson(carrier: CarrierCode, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new MalformedResponseError(carrier, `${carrier} response is not JSON (${body.length} bytes)`);
  }
}

// Values stay strings ("0174" is an event code, not 174); namespaces are dropped (req:TrackingResponse).
const xmlParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
});

export function parseXml(carrier: CarrierCode, body: string): unknown {
  const check = XMLValidator.validate(body);
  if (check !== true) {
    throw new MalformedResponseError(
      carrier,
      `${carrier} response is not XML (line ${check.err.line}: ${check.err.msg})`,
    );
  }
  return xmlParser.parse(body);
}

/** An XML element that may appear once or many times (or not at all) as a list. */
export function xmlList<Schema extends ZodTypeAny>(schema: Schema) {
  return z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(schema),
  );
}

/** Text content: empty elements and absent ones become null. */
export const optionalText = z.preprocess(
  (value) => (value === "" || value === undefined ? null : typeof value === "number" ? String(value) : value),
  z.string().nullable(),
);

/** A JSON list the carrier sometimes sends as a single object. */
export function oneOrMany<Schema extends ZodTypeAny>(schema: Schema) {
  return z.preprocess(
    (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]),
    z.array(schema),
  );
}
