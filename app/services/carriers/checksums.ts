// Check-digit algorithms named by tracking_number_data (CHECKSUM_ALGORITHMS.md), as pure functions of the
// serial number and the check digit the regex captured. Each follows the reference Ruby implementation
// (jkeen/tracking_number) exactly, including its quirks, so numbers validate the same way everywhere.

export const S10_WEIGHTINGS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
export const BASE36_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function digitValue(character: string): number {
  return /^[0-9]$/.test(character) ? Number(character) : 0;
}

function weightedDigitSum(serial: string, weightings: readonly number[]): number {
  return [...serial].reduce(
    (sum, character, index) => sum + digitValue(character) * (weightings[index] ?? 0),
    0,
  );
}

function sumOfDigitsCheck(total: number): number {
  const remainder = total % 10;
  return remainder === 0 ? 0 : 10 - remainder;
}

export interface Mod10Options {
  evensMultiplier?: number;
  oddsMultiplier?: number;
  reverse?: boolean;
}

// Letters count as (ASCII code − 3) mod 10, which is how UPS folds the letters of its numbers into digits.
function mod10Value(character: string): number {
  return /^[0-9]$/.test(character) ? Number(character) : (character.charCodeAt(0) - 3) % 10;
}

/** Weighted mod 10: positions 0, 2, 4… take the evens multiplier, 1, 3, 5… the odds one (default 1). */
export function mod10(serial: string, checkDigit: string, options: Mod10Options = {}): boolean {
  const characters = options.reverse ? [...serial].reverse() : [...serial];
  const total = characters.reduce((sum, character, index) => {
    const multiplier = index % 2 === 1 ? (options.oddsMultiplier ?? 1) : (options.evensMultiplier ?? 1);
    return sum + mod10Value(character) * multiplier;
  }, 0);
  return sumOfDigitsCheck(total) === digitValue(checkDigit);
}

/** The serial read as an integer (its leading digits, like Ruby's to_i), modulo 7 (DHL Express). */
export function mod7(serial: string, checkDigit: string): boolean {
  const leadingDigits = /^[0-9]*/.exec(serial)?.[0] ?? "";
  // Digit by digit, so serials longer than 15 digits stay exact.
  const remainder = [...leadingDigits].reduce(
    (accumulated, digit) => (accumulated * 10 + Number(digit)) % 7,
    0,
  );
  return remainder === digitValue(checkDigit);
}

/** UPU S10: weights 8 6 4 2 3 5 9 7, mod 11, where remainder 1 gives 0 and remainder 0 gives 5. */
export function s10(
  serial: string,
  checkDigit: string,
  weightings: readonly number[] = S10_WEIGHTINGS,
  modulo = 11,
): boolean {
  const remainder = weightedDigitSum(serial, weightings) % modulo;
  const check = remainder === 1 ? 0 : remainder === 0 ? 5 : modulo - remainder;
  return check === digitValue(checkDigit);
}

export interface SumProductOptions {
  weightings: readonly number[];
  modulo1: number;
  modulo2: number;
}

/** Σ digit × weight, then mod modulo1, then mod modulo2 (FedEx Express: mod 11 then mod 10). */
export function sumProductWithWeightingsAndModulo(
  serial: string,
  checkDigit: string,
  { weightings, modulo1, modulo2 }: SumProductOptions,
): boolean {
  // The reference raises when a serial is longer than its weightings; here that is simply not valid.
  if (serial.length > weightings.length) return false;
  return (weightedDigitSum(serial, weightings) % modulo1) % modulo2 === digitValue(checkDigit);
}

/**
 * Luhn over the serial: from its rightmost digit, every other digit doubled (minus 9 above 9). Named by the data
 * (Purolator, Old Dominion) but missing from CHECKSUM_ALGORITHMS.md; this follows the reference gem's
 * `validates_luhn?`.
 */
export function luhn(serial: string, checkDigit: string): boolean {
  const total = [...serial].reverse().reduce((sum, character, index) => {
    const doubled = index % 2 === 0 ? digitValue(character) * 2 : digitValue(character);
    return sum + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return sumOfDigitsCheck(total) === digitValue(checkDigit);
}

/** ISO 7064 MOD 37,36 hybrid (DPD): the check character is a digit or a letter of the 36-character alphabet. */
export function mod37_36(serial: string, checkDigit: string, alphabet: string = BASE36_ALPHABET): boolean {
  const modulo = 36;
  let carry = modulo;
  for (const character of serial) {
    const value = /^[A-Z]$/.test(character) ? alphabet.indexOf(character) : digitValue(character);
    carry += value;
    if (carry > modulo) carry -= modulo;
    carry *= 2;
    if (carry > modulo) carry -= modulo + 1;
  }
  const check = modulo + 1 - carry;
  return alphabet.charAt(check === modulo ? 0 : check) === checkDigit;
}
