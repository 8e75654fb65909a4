// Shopify's REST-shaped webhook bodies carry numeric IDs above 2^53 (e.g. order_id 820982911946154508), which
// JSON.parse silently rounds. This parses integers that do not fit a double exactly as strings instead; every
// other value parses as usual.
const UNSAFE_INTEGER = /^-?\d{16,}$/;

export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteLargeIntegers(text));
}

function quoteLargeIntegers(text: string): string {
  let result = "";
  let index = 0;
  let inString = false;
  while (index < text.length) {
    const character = text[index] as string;
    if (inString) {
      result += character;
      if (character === "\\") {
        result += text[index + 1] ?? "";
        index += 2;
        continue;
      }
      if (character === '"') inString = false;
      index += 1;
      continue;
    }
    if (character === '"') {
      inString = true;
      result += character;
      index += 1;
      continue;
    }
    if (character === "-" || (character >= "0" && character <= "9")) {
      let end = index + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end] as string)) end += 1;
      const literal = text.slice(index, end);
      result +=
        UNSAFE_INTEGER.test(literal) && !Number.isSafeInteger(Number(literal)) ? `"${literal}"` : literal;
      index = end;
      continue;
    }
    result += character;
    index += 1;
  }
  return result;
}
