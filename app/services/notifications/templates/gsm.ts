// GSM 03.38 (3GPP TS 23.038) default alphabet, in code order without ESC (0x1B), which only introduces
// the extension table. Each basic character costs one septet; each extension character costs two.
const BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const EXTENSION = "\f^{}\\[~]|€";

const BASIC_SET = new Set(BASIC);
const EXTENSION_SET = new Set(EXTENSION);

/** Septets a character takes in GSM-7, or null when it needs UCS-2. */
export function gsmSeptets(character: string): 1 | 2 | null {
  if (BASIC_SET.has(character)) return 1;
  if (EXTENSION_SET.has(character)) return 2;
  return null;
}

export function isGsmText(text: string): boolean {
  return [...text].every((character) => gsmSeptets(character) !== null);
}

const LOOKALIKES: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201a": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u00ab": '"',
  "\u00bb": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2026": "...",
  "\u00a0": " ",
  "\u2007": " ",
  "\u2009": " ",
  "\u202f": " ",
  "\u00e7": "c", // GSM has only the capital Ç
  "\u0153": "oe",
  "\u0152": "OE",
  "\u00d7": "x",
};

/**
 * Our own copy in GSM-7 lookalikes (’ → ', – → -, ê → e), as Twilio's Smart Encoding does: one stray accent
 * would otherwise switch the whole SMS to UCS-2 and shrink a segment from 160 characters to 70.
 */
export function toGsmLookalikes(text: string): string {
  return [...text]
    .map((character) => {
      if (gsmSeptets(character) !== null) return character;
      const lookalike = LOOKALIKES[character];
      if (lookalike !== undefined) return lookalike;
      const withoutAccent = character.normalize("NFD").replace(/\p{M}/gu, "");
      return isGsmText(withoutAccent) ? withoutAccent : character;
    })
    .join("");
}
