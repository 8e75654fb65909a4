// The base confidence of a match, before anything about the shop is known: how unlikely it is that an
// unrelated number would be valid for this type by chance. A verified check digit rules out 9 in 10 (or
// more) random numbers; each character the format fixes (the "1Z" of UPS, the "420…92" of USPS)
// rules out most of the rest; longer formats collide less; a lookup that recognises a field (a known S10
// country, a known service code) is one more thing that had to line up.
import type { NumberMatch } from "./match-number-types";

export const SPECIFICITY = {
  patternOnly: 0.3,
  checksum: 0.3,
  perFixedCharacter: 0.04,
  maxFixedCharacters: 5,
  perCharacterBeyond10: 0.005,
  maxLengthBonus: 0.1,
  recognisedField: 0.05,
} as const;

const DIGITS = "0123456789";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// Two substitutions per character, within its class so the length and shape of the number stay the same.
function substitutes(character: string): string[] {
  for (const alphabet of [DIGITS, LETTERS]) {
    const index = alphabet.indexOf(character);
    if (index >= 0) {
      const near = alphabet.charAt((index + 1) % alphabet.length);
      const far = alphabet.charAt((index + Math.floor(alphabet.length / 2)) % alphabet.length);
      return [near, far];
    }
  }
  return [];
}

/**
 * How many characters of the number the format pins down: a position counts when changing it (to another
 * digit, or another letter) can make the pattern stop matching. Measured on the number rather than read off
 * the regex, so optional prefixes, alternations and lookaheads need no special cases.
 */
export function fixedCharacterCount(pattern: RegExp, normalized: string): number {
  let fixed = 0;
  for (let index = 0; index < normalized.length; index++) {
    const variants = substitutes(normalized.charAt(index));
    const before = normalized.slice(0, index);
    const after = normalized.slice(index + 1);
    if (variants.some((variant) => !pattern.test(before + variant + after))) fixed++;
  }
  return fixed;
}

export interface Specificity {
  confidence: number;
  fixedCharacters: number;
}

export function specificity(match: NumberMatch, normalized: string): Specificity {
  const fixedCharacters = fixedCharacterCount(match.type.pattern, normalized);
  const confidence =
    SPECIFICITY.patternOnly +
    (match.checksumVerified ? SPECIFICITY.checksum : 0) +
    Math.min(fixedCharacters, SPECIFICITY.maxFixedCharacters) * SPECIFICITY.perFixedCharacter +
    Math.min(
      Math.max(normalized.length - 10, 0) * SPECIFICITY.perCharacterBeyond10,
      SPECIFICITY.maxLengthBonus,
    ) +
    (match.lookups.size > 0 ? SPECIFICITY.recognisedField : 0);
  return { confidence, fixedCharacters };
}
