// A match described for people and for ranking: carrier, who issued it, the service it encodes, the base
// confidence and the reasons behind it.
import { POSTAL_CARRIER } from "./carrier-codes";
import type { NumberMatch } from "./match-number-types";
import type { NumberType } from "./number-type";
import { specificity } from "./number-specificity";

export interface Candidate {
  carrier: string;
  courierName: string;
  typeId: string;
  typeName: string;
  service: string | null;
  /** 0..1 */
  confidence: number;
  reasons: string[];
}

/** A candidate with the match it came from, which ranking and URLs need but callers do not. */
export interface RankableCandidate extends Candidate {
  match: NumberMatch;
}

const SERVICE_LOOKUP = "Service Type";

interface Issuer {
  courier: string;
  country: string | null;
}

function postalIssuer(match: NumberMatch): Issuer | null {
  for (const entry of match.lookups.values()) {
    if (entry.courier) return { courier: entry.courier, country: entry.country ?? null };
  }
  return null;
}

// The service the number itself encodes, with the issuing country for postal numbers, which say nothing
// else about who carries them.
function serviceName(match: NumberMatch, issuer: Issuer | null): string | null {
  const service = match.lookups.get(SERVICE_LOOKUP)?.name ?? null;
  if (!issuer?.country) return service;
  return service ? `${service} (${issuer.country})` : issuer.country;
}

// "Service Type: UPS United States Ground", "Country Code: Deutschland"; the issuer has its own reason.
function lookupReasons(match: NumberMatch): string[] {
  return [...match.lookups].flatMap(([lookupName, entry]) => {
    const value = entry.courier ? undefined : (entry.name ?? entry.country);
    return value ? [`${lookupName}: ${value}`] : [];
  });
}

function partnerReasons(match: NumberMatch, typesById: ReadonlyMap<string, NumberType>): string[] {
  return match.partners.map((partner) => {
    const partnerType = typesById.get(partner.typeId);
    const label = partnerType ? `${partnerType.courierName} (${partnerType.typeName})` : partner.typeId;
    return partner.kind === "carrier"
      ? `delivered by partner ${label}`
      : `may have been shipped with ${label}`;
  });
}

export function candidateFromMatch(
  match: NumberMatch,
  normalized: string,
  typesById: ReadonlyMap<string, NumberType>,
): RankableCandidate {
  const { type } = match;
  const issuer = type.carrier === POSTAL_CARRIER ? postalIssuer(match) : null;
  const { confidence, fixedCharacters } = specificity(match, normalized);
  const reasons = [
    `matches the "${type.typeName}" format`,
    match.checksumVerified ? `check digit verified (${type.checksum?.name})` : "format only: no check digit",
    ...(fixedCharacters > 0
      ? [`${fixedCharacters} of ${normalized.length} characters fixed by the format`]
      : []),
    ...(issuer ? [`issued by ${issuer.courier}${issuer.country ? ` (${issuer.country})` : ""}`] : []),
    ...lookupReasons(match),
    ...partnerReasons(match, typesById),
  ];
  return {
    carrier: type.carrier,
    courierName: issuer?.courier ?? type.courierName,
    typeId: type.typeId,
    typeName: type.typeName,
    service: serviceName(match, issuer),
    confidence,
    reasons,
    match,
  };
}
