// Turns a courier file's regex into one anchored RegExp over normalized numbers. Input is normalized by
// removing whitespace and hyphens, so the pattern is normalized the same way: `\s*` always matches nothing
// and a literal hyphen (LaserShip's "…-1" suffix) would never match, so both are dropped.

/** The regex source with unescaped `-`, `\-` and `\s*` removed outside character classes. */
export function normalizePatternSource(source: string): string {
  let result = "";
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const character = source.charAt(index);
    if (character === "\\") {
      const escaped = source.slice(index, index + 2);
      index++;
      if (inClass) result += escaped;
      else if (escaped === "\\s" && source.charAt(index + 1) === "*") index++;
      else if (escaped !== "\\-") result += escaped;
      continue;
    }
    if (inClass) {
      if (character === "]") inClass = false;
    } else if (character === "[") {
      inClass = true;
    } else if (character === "-") {
      continue;
    }
    result += character;
  }
  return result;
}

export function compileNumberPattern(regex: string | readonly string[]): RegExp {
  const source = typeof regex === "string" ? regex : regex.join("");
  return new RegExp(`^(?:${normalizePatternSource(source)})$`);
}
