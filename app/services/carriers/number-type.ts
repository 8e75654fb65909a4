// A courier file's number types compiled once into what detection runs per number: an anchored pattern,
// a bound checksum, value matchers for the lookups, and the Parcelwise carrier code.
import { luhn, mod10, mod37_36, mod7, s10, sumProductWithWeightingsAndModulo } from "./checksums";
import { parcelwiseCarrierCode } from "./carrier-codes";
import type {
  ChecksumDefinition,
  CourierFile,
  LookupEntry,
  NumberTypeDefinition,
  PartnerDefinition,
} from "./courier-file-schema";
import { compileNumberPattern } from "./number-pattern";

type ValueTest = (value: string) => boolean;
type ChecksumTest = (serial: string, checkDigit: string) => boolean;

export interface Lookup {
  name: string;
  groupName: string;
  entries: ReadonlyArray<{ entry: LookupEntry; test: ValueTest }>;
}

export interface Partner {
  kind: PartnerDefinition["partner_type"];
  typeId: string;
  description: string | null;
  conditions: ReadonlyArray<{ groupName: string; test: ValueTest }>;
}

export interface NumberType {
  /** Parcelwise carrier code (`canada_post`, `dhl_express`, `postal`, …). */
  carrier: string;
  /** The data's courier_code: one per courier file, so DHL Express and DHL eCommerce share `dhl`. */
  courierCode: string;
  courierName: string;
  typeId: string;
  typeName: string;
  sourceFile: string;
  pattern: RegExp;
  checksum: { name: ChecksumDefinition["name"]; test: ChecksumTest } | null;
  prependToSerial: { test: ValueTest; content: string } | null;
  requiredLookups: readonly string[];
  lookups: readonly Lookup[];
  partners: readonly Partner[];
  trackingUrl: string | null;
  testNumbers: { valid: readonly string[]; invalid: readonly string[] };
}

export class CourierDataError extends Error {
  override name = "CourierDataError";
}

function checksumTest(definition: ChecksumDefinition): ChecksumTest {
  switch (definition.name) {
    case "mod10": {
      const options = {
        evensMultiplier: definition.evens_multiplier,
        oddsMultiplier: definition.odds_multiplier,
        reverse: definition.reverse,
      };
      return (serial, checkDigit) => mod10(serial, checkDigit, options);
    }
    case "mod7":
      return mod7;
    case "s10":
      return (serial, checkDigit) => s10(serial, checkDigit, definition.weightings);
    case "sum_product_with_weightings_and_modulo":
      return (serial, checkDigit) => sumProductWithWeightingsAndModulo(serial, checkDigit, definition);
    case "luhn":
      return luhn;
    case "mod_37_36":
      return (serial, checkDigit) => mod37_36(serial, checkDigit, definition.alphabet);
  }
}

// Lookup regexes are unanchored, as in the reference implementation (`value =~ Regexp.new(...)`).
function valueTest(matcher: { matches?: string; matches_regex?: string }): ValueTest {
  if (matcher.matches !== undefined) {
    const expected = matcher.matches;
    return (value) => value === expected;
  }
  const pattern = new RegExp(matcher.matches_regex ?? "");
  return (value) => pattern.test(value);
}

/** The type's id, or one derived from its name for the few types the data leaves without one. */
function numberTypeId(definition: Pick<NumberTypeDefinition, "id" | "name">): string {
  return (
    definition.id ??
    definition.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "")
  );
}

function compileNumberType(
  courier: CourierFile,
  definition: NumberTypeDefinition,
  sourceFile: string,
): NumberType {
  const typeId = numberTypeId(definition);
  const prependIf = definition.validation.serial_number_format?.prepend_if;
  return {
    carrier: parcelwiseCarrierCode(courier.courier_code, typeId),
    courierCode: courier.courier_code,
    courierName: courier.name,
    typeId,
    typeName: definition.name,
    sourceFile,
    pattern: compileNumberPattern(definition.regex),
    checksum: definition.validation.checksum
      ? { name: definition.validation.checksum.name, test: checksumTest(definition.validation.checksum) }
      : null,
    prependToSerial: prependIf
      ? { test: valueTest({ matches_regex: prependIf.matches_regex }), content: prependIf.content }
      : null,
    requiredLookups: definition.validation.additional?.exists ?? [],
    lookups: definition.additional.map((additional) => ({
      name: additional.name,
      groupName: additional.regex_group_name,
      entries: additional.lookup.map((entry) => ({ entry, test: valueTest(entry) })),
    })),
    partners: definition.partners.map((partner) => ({
      kind: partner.partner_type,
      typeId: partner.partner_id,
      description: partner.description ?? null,
      conditions: (partner.validation?.matches_all ?? []).map((condition) => ({
        groupName: condition.regex_group_name,
        test: valueTest(condition),
      })),
    })),
    trackingUrl: definition.tracking_url ?? null,
    testNumbers: definition.test_numbers,
  };
}

/** Every number type in one validated courier file; a regex JavaScript cannot compile names the file and type. */
export function compileCourierFile(courier: CourierFile, sourceFile: string): NumberType[] {
  return courier.tracking_numbers.map((definition, index) => {
    try {
      return compileNumberType(courier, definition, sourceFile);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CourierDataError(
        `${sourceFile}: tracking_numbers.${index} ("${definition.name}"): ${reason}`,
      );
    }
  });
}
