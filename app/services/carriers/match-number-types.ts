// Which number types a normalized tracking number is valid for: its pattern matches, its check digit (if the
// type has one) verifies, and every lookup the type requires (the S10 issuing country) finds an entry. This
// follows the reference implementation's `valid?` exactly; ranking the survivors is someone else's job.
import type { LookupEntry } from "./courier-file-schema";
import type { NumberType, Partner } from "./number-type";

export interface NumberMatch {
  type: NumberType;
  /** Named regex groups that took part in the match. */
  groups: Readonly<Record<string, string>>;
  checksumVerified: boolean;
  /** Lookup name ("Service Type", "Courier", …) → the entry the number's group value selected. */
  lookups: ReadonlyMap<string, LookupEntry>;
  /** Partners whose conditions this number meets (e.g. a USPS number shipped with FedEx SmartPost). */
  partners: readonly Partner[];
}

function participatingGroups(match: RegExpExecArray): Record<string, string> {
  return Object.fromEntries(
    Object.entries(match.groups ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function verifiesChecksum(type: NumberType, groups: Readonly<Record<string, string>>): boolean {
  if (!type.checksum) return true;
  const serial = groups.SerialNumber;
  const checkDigit = groups.CheckDigit;
  if (serial === undefined || checkDigit === undefined) return false;
  const prepend = type.prependToSerial;
  const fullSerial = prepend?.test(serial) ? `${prepend.content}${serial}` : serial;
  return type.checksum.test(fullSerial, checkDigit);
}

function matchingLookups(
  type: NumberType,
  groups: Readonly<Record<string, string>>,
): Map<string, LookupEntry> {
  const found = new Map<string, LookupEntry>();
  for (const lookup of type.lookups) {
    const value = groups[lookup.groupName];
    if (value === undefined) continue;
    const hit = lookup.entries.find(({ test }) => test(value));
    if (hit) found.set(lookup.name, hit.entry);
  }
  return found;
}

function applicablePartners(type: NumberType, groups: Readonly<Record<string, string>>): Partner[] {
  return type.partners.filter((partner) =>
    partner.conditions.every(({ groupName, test }) => {
      const value = groups[groupName];
      return value !== undefined && test(value);
    }),
  );
}

export function matchNumberType(type: NumberType, normalized: string): NumberMatch | null {
  const match = type.pattern.exec(normalized);
  if (!match) return null;
  const groups = participatingGroups(match);
  if (!verifiesChecksum(type, groups)) return null;
  const lookups = matchingLookups(type, groups);
  if (!type.requiredLookups.every((name) => lookups.has(name))) return null;
  return {
    type,
    groups,
    checksumVerified: type.checksum !== null,
    lookups,
    partners: applicablePartners(type, groups),
  };
}

/** Every type the number is valid for, in data order; never stops at the first. */
export function matchNumberTypes(normalized: string, types: readonly NumberType[]): NumberMatch[] {
  return types.flatMap((type) => matchNumberType(type, normalized) ?? []);
}
