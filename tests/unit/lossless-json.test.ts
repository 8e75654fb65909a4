import { describe, expect, it } from "vitest";
import { parseJsonLossless } from "../../app/lib/lossless-json";

describe("lossless JSON", () => {
  it("keeps integers above 2^53 exact as strings and leaves safe numbers as numbers", () => {
    const parsed = parseJsonLossless(
      '{"order_id":820982911946154508,"id":123456,"price":"89.99","grams":100,"ratio":-1.5e3,"neg":-9007199254740993}',
    ) as Record<string, unknown>;
    expect(parsed).toEqual({
      order_id: "820982911946154508",
      id: 123456,
      price: "89.99",
      grams: 100,
      ratio: -1500,
      neg: "-9007199254740993",
    });
  });

  it("does not touch digits inside strings, including escaped quotes", () => {
    const parsed = parseJsonLossless('{"note":"call 12345678901234567 \\"now\\"","list":[9007199254740993]}');
    expect(parsed).toEqual({ note: 'call 12345678901234567 "now"', list: ["9007199254740993"] });
  });

  it("rejects malformed JSON like JSON.parse", () => {
    expect(() => parseJsonLossless('{"id": 1,')).toThrow(SyntaxError);
  });
});
