import { describe, expect, it } from "vitest";
import { maskPhone, normalizePhoneE164 } from "../../app/lib/phone";

describe("normalizePhoneE164", () => {
  it.each([
    ["+1 (415) 555-0134", "+14155550134"],
    ["+44 7700 900123", "+447700900123"],
    ["0049 151 23456789", "+4915123456789"],
    [" +33.6.12.34.56.78 ", "+33612345678"],
  ])("normalizes %s", (input, expected) => {
    expect(normalizePhoneE164(input)).toBe(expected);
  });

  it.each([
    "415 555 0134",
    "12345",
    "+0 415 555 0134",
    "+1 415 555 0134 ext 2",
    "+1234567",
    "",
    "+1234567890123456",
  ])("refuses %j", (input) => {
    expect(normalizePhoneE164(input)).toBeNull();
  });

  it("masks all but the last four digits", () => {
    expect(maskPhone("+14155550134")).toBe("•••• 0134");
  });
});
