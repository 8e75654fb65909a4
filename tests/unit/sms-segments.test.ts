import { describe, expect, it } from "vitest";
import { smsSegments } from "../../app/services/notifications/templates/render";

// Known answers from Twilio's segment rules: GSM-7 160 single / 153 per part, UCS-2 70 / 67.
describe("smsSegments", () => {
  it.each([
    ["160 GSM characters", "a".repeat(160), 1],
    ["161 GSM characters", "a".repeat(161), 2],
    ["two full parts (153 × 2)", "a".repeat(306), 2],
    ["one over two full parts", "a".repeat(307), 3],
    ["80 euro signs (two septets each)", "€".repeat(80), 1],
    ["81 euro signs", "€".repeat(81), 2],
    ["159 letters and one euro sign", `${"a".repeat(159)}€`, 2],
    ["153 letters and four brackets/braces", `${"a".repeat(153)}[]{}`, 2],
    ["152 letters and four brackets/braces", `${"a".repeat(152)}[]{}`, 1],
  ])("GSM-7: %s", (_, body, segments) => {
    expect(smsSegments(body)).toEqual({ segments, encoding: "GSM-7" });
  });

  it.each([
    ["70 UCS-2 characters", "ł".repeat(70), 1],
    ["71 UCS-2 characters", "ł".repeat(71), 2],
    ["two full parts (67 × 2)", "ł".repeat(134), 2],
    ["one over two full parts", "ł".repeat(135), 3],
    ["35 emoji (two code units each)", "🌲".repeat(35), 1],
    ["36 emoji", "🌲".repeat(36), 2],
  ])("UCS-2: %s", (_, body, segments) => {
    expect(smsSegments(body)).toEqual({ segments, encoding: "UCS-2" });
  });

  it("keeps the accented letters GSM 03.38 has in GSM-7", () => {
    expect(smsSegments("¡Envío en camino! Ärger? À bientôt").encoding).toBe("UCS-2"); // í and À are not GSM
    expect(smsSegments("¡Pedido enviado! Ärger? à café, ñu, Øre, Ç").encoding).toBe("GSM-7");
  });

  it("switches a whole message to UCS-2 for one character outside GSM 03.38", () => {
    expect(smsSegments(`${"a".repeat(100)}ł`)).toEqual({ segments: 2, encoding: "UCS-2" });
    expect(smsSegments(`${"a".repeat(100)}’`)).toEqual({ segments: 2, encoding: "UCS-2" });
  });

  it("never splits an extension character across two parts", () => {
    // 152 + 2 + 152 = 306 septets: a naive count says 2 parts, but the € cannot straddle parts 1 and 2.
    expect(smsSegments(`${"a".repeat(152)}€${"a".repeat(152)}`).segments).toBe(3);
  });

  it("never splits an emoji's surrogate pair across two parts", () => {
    // 66 + 2 + 66 = 134 code units: the emoji moves whole into part 2, leaving one unit for part 3.
    expect(smsSegments(`${"ł".repeat(66)}🌲${"ł".repeat(66)}`).segments).toBe(3);
  });
});
