import { describe, expect, it } from "vitest";
import { CsvSyntaxError, formatCsv, parseCsv } from "../../app/models/delivery-windows/csv";
import { DeliveryCsvError, readDeliveryCsv } from "../../app/models/delivery-windows/delivery-csv";
import { splitByOrderTime } from "../../app/models/delivery-windows/time-split";

const HEADER =
  "order_id,ordered_at,shipped_at,delivered_at,promised_at,carrier,destination_region,destination_postal_prefix";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\nlines"\n')).toEqual([["a", "b,c", 'say "hi"', "two\nlines"]]);
  });

  it("keeps empty cells, also at the ends of a row and as empty quotes", () => {
    expect(parseCsv(',x,\n"",,\n')).toEqual([
      ["", "x", ""],
      ["", "", ""],
    ]);
  });

  it("accepts CRLF, a byte-order mark, a missing final line break, and skips blank lines", () => {
    expect(parseCsv("\uFEFFa,b\r\n\r\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseCsv("")).toEqual([]);
  });

  it("rejects an unterminated quote and stray quotes, naming the line", () => {
    expect(() => parseCsv('a,b\nc,"d\n')).toThrow(new CsvSyntaxError("unterminated quoted field", 2));
    expect(() => parseCsv('a,b"c\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('"a"b,c\n')).toThrow(/after a closing quote/);
  });

  it("writes what it reads", () => {
    const rows = [
      ["id", "note"],
      ["1", 'comma, "quote"\nand a line break'],
      ["2", ""],
    ];
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
  });
});

describe("readDeliveryCsv", () => {
  it("turns empty cells into missing values and timestamps into instants", () => {
    const { rows } = readDeliveryCsv(
      [HEADER, "o1,2017-09-06T01:19:00Z,,2017-09-14T18:00:00Z,,correios,,"].join("\n"),
    );
    expect(rows).toEqual([
      {
        order_id: "o1",
        ordered_at: new Date("2017-09-06T01:19:00Z"),
        shipped_at: undefined,
        delivered_at: new Date("2017-09-14T18:00:00Z"),
        promised_at: undefined,
        carrier: "correios",
        destination_region: undefined,
        destination_postal_prefix: undefined,
      },
    ]);
  });

  it("puts back the leading zero a spreadsheet took from a postal prefix, and ignores extra columns", () => {
    const { rows } = readDeliveryCsv(
      [`note,${HEADER}`, '"x, y",o1,2017-09-06T01:19:00Z,,,,correios,SP,1310', ",o2,,,,,,RJ,20040"].join(
        "\n",
      ),
    );
    expect(rows.map((row) => row.destination_postal_prefix)).toEqual(["01310", "20040"]);
    expect(rows[1]?.ordered_at).toBeUndefined();
  });

  it("refuses a missing column, a ragged row or a malformed timestamp", () => {
    expect(() => readDeliveryCsv("order_id,ordered_at\no1,\n", "a.csv")).toThrow(
      new DeliveryCsvError(
        "a.csv: missing column(s) shipped_at, delivered_at, promised_at, carrier, destination_region, destination_postal_prefix",
      ),
    );
    expect(() => readDeliveryCsv(`${HEADER}\no1,,\n`)).toThrow(/record 1: 3 cells, the header has 8/);
    expect(() => readDeliveryCsv(`${HEADER}\no1,yesterday,,,,,,\n`)).toThrow(/record 1, ordered_at/);
  });
});

describe("splitByOrderTime", () => {
  const csv = readDeliveryCsv(
    [
      HEADER,
      "late,2017-03-01T10:00:00Z,,2017-03-09T10:00:00Z,,correios,,",
      "early,2017-01-01T10:00:00Z,,2017-01-09T10:00:00Z,,correios,,",
      "undated,,,2017-01-09T10:00:00Z,,correios,,",
      "middle-a,2017-02-01T10:00:00Z,,2017-02-09T10:00:00Z,,correios,,",
      "middle-b,2017-02-01T10:00:00Z,,2017-02-10T10:00:00Z,,correios,,",
    ].join("\n"),
  );

  it("puts the latest orders in the test set and keeps orders placed at the same instant together", () => {
    const split = splitByOrderTime(csv, 0.5);
    expect(split.history.map((record) => record[0])).toEqual(["early"]);
    expect(split.test.map((record) => record[0])).toEqual(["middle-a", "middle-b", "late"]);
    expect(split.undated).toBe(1);
    expect(split.testFrom).toEqual(new Date("2017-02-01T10:00:00Z"));
  });

  it("refuses a share that leaves a side empty", () => {
    expect(() => splitByOrderTime(csv, 0.01)).toThrow(RangeError);
  });
});
