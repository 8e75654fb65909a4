// RFC 4180 CSV: comma-separated, fields optionally in double quotes, "" for a quote inside quotes, quoted
// fields may hold commas and line breaks, CRLF or LF line endings. A byte-order mark and a final line break
// are ignored; blank lines are skipped.

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`CSV line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
  }
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let line = 1;
  let position = text.startsWith("\uFEFF") ? 1 : 0;
  // Whether the current line holds anything yet: a blank line yields no row.
  let rowStarted = false;

  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    if (rowStarted) {
      endField();
      rows.push(row);
    }
    row = [];
    rowStarted = false;
  };

  while (position < text.length) {
    const char = text[position];
    if (char === '"' && field === "") {
      const closing = readQuoted(text, position, line);
      field = closing.value;
      line = closing.line;
      position = closing.end;
      rowStarted = true;
      const next = text[position];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r")
        throw new CsvSyntaxError("unexpected character after a closing quote", line);
      continue;
    }
    if (char === ",") {
      rowStarted = true;
      endField();
    } else if (char === "\n" || char === "\r") {
      endRow();
      if (char === "\r" && text[position + 1] === "\n") position++;
      line++;
    } else {
      if (char === '"') throw new CsvSyntaxError("quote inside an unquoted field", line);
      field += char;
      rowStarted = true;
    }
    position++;
  }
  endRow();
  return rows;
}

function readQuoted(
  text: string,
  start: number,
  startLine: number,
): { value: string; end: number; line: number } {
  let value = "";
  let line = startLine;
  let position = start + 1;
  while (position < text.length) {
    const char = text[position];
    if (char === '"') {
      if (text[position + 1] !== '"') return { value, end: position + 1, line };
      value += '"';
      position += 2;
      continue;
    }
    if (char === "\n") line++;
    value += char;
    position++;
  }
  throw new CsvSyntaxError("unterminated quoted field", startLine);
}

export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(formatField).join(",")).join("\n") + "\n";
}

function formatField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
