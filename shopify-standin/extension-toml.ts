/**
 * The part of TOML that `shopify.extension.toml` files use: `key = value` pairs (basic or literal strings,
 * booleans, integers), `[table]` and `[[array.of.tables]]` headers with dotted names, and comments. Anything
 * else throws with the file and line, so a file this reader cannot read is never half understood.
 */
export type TomlValue = string | number | boolean | TomlTable | TomlTable[];
export interface TomlTable {
  [key: string]: TomlValue;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

export function parseExtensionToml(text: string, file: string): TomlTable {
  const root: TomlTable = {};
  let current = root;
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const fail = (message: string): never => {
      throw new Error(`${file}:${index + 1}: ${message}`);
    };
    const line = withoutComment(rawLine, fail).trim();
    if (line === "") return;
    const header = /^(\[\[?)\s*([^[\]]+?)\s*(\]\]?)$/.exec(line);
    if (header) {
      const [, open = "", name = "", close = ""] = header;
      if (open.length !== close.length) fail(`malformed table header ${line}`);
      current =
        open === "[["
          ? appendTable(root, dottedKey(name, fail), fail)
          : openTable(root, dottedKey(name, fail), fail);
      return;
    }
    const assignment = /^("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(line);
    if (!assignment) return fail(`expected \`key = value\`, a [table] or an [[array]]: ${line}`);
    const [, rawKey = "", rawValue = ""] = assignment;
    const key = rawKey.startsWith('"') ? basicString(rawKey, fail) : rawKey;
    if (Object.hasOwn(current, key)) fail(`duplicate key ${key}`);
    current[key] = scalar(rawValue.trim(), fail);
  });
  return root;
}

function withoutComment(line: string, fail: (message: string) => never): string {
  let quote: string | null = null;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quote === '"' && char === "\\") index += 1;
    else if (quote && char === quote) quote = null;
    else if (!quote && (char === '"' || char === "'")) quote = char;
    else if (!quote && char === "#") return line.slice(0, index);
  }
  if (quote) fail("unterminated string");
  return line;
}

function dottedKey(name: string, fail: (message: string) => never): string[] {
  const parts = name.split(".").map((part) => part.trim());
  if (parts.some((part) => !BARE_KEY.test(part))) fail(`unsupported table name ${name}`);
  return parts;
}

// A dotted name walks through tables, and through the last table of an array of tables, as TOML does.
function walk(root: TomlTable, path: string[], fail: (message: string) => never): TomlTable {
  let table = root;
  for (const part of path) {
    const next: TomlValue = table[part] ?? (table[part] = {});
    if (Array.isArray(next)) {
      const last = next.at(-1);
      if (!last) return fail(`empty array of tables ${part}`);
      table = last;
    } else if (typeof next === "object") table = next;
    else return fail(`${part} is a value, not a table`);
  }
  return table;
}

function openTable(root: TomlTable, path: string[], fail: (message: string) => never): TomlTable {
  const parent = walk(root, path.slice(0, -1), fail);
  const name = path.at(-1) ?? "";
  if (Object.hasOwn(parent, name)) fail(`table [${path.join(".")}] defined twice`);
  const table: TomlTable = {};
  parent[name] = table;
  return table;
}

function appendTable(root: TomlTable, path: string[], fail: (message: string) => never): TomlTable {
  const parent = walk(root, path.slice(0, -1), fail);
  const name = path.at(-1) ?? "";
  const existing: TomlValue = parent[name] ?? (parent[name] = []);
  if (!Array.isArray(existing)) return fail(`[[${path.join(".")}]] is already a table`);
  const table: TomlTable = {};
  existing.push(table);
  return table;
}

function scalar(raw: string, fail: (message: string) => never): TomlValue {
  if (raw.startsWith('"')) return basicString(raw, fail);
  if (raw.startsWith("'")) {
    const literal = /^'([^']*)'$/.exec(raw);
    return literal ? (literal[1] ?? "") : fail(`malformed literal string ${raw}`);
  }
  if (raw === "true" || raw === "false") return raw === "true";
  if (/^[+-]?(0|[1-9](_?\d)*)$/.test(raw)) return Number(raw.replaceAll("_", ""));
  return fail(`unsupported value ${raw} (strings, booleans and integers only)`);
}

// TOML's basic-string escapes are JSON's, plus \UXXXXXXXX, which these files have no use for; JSON.parse also
// refuses the control characters TOML refuses.
function basicString(raw: string, fail: (message: string) => never): string {
  if (!/^"(?:[^"\\]|\\["\\bfnrt]|\\u[0-9A-Fa-f]{4})*"$/.test(raw)) return fail(`malformed string ${raw}`);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return fail(`malformed string ${raw}`);
  }
}
