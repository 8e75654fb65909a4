import { describe, expect, it } from "vitest";
import {
  luhn,
  mod10,
  mod37_36,
  mod7,
  s10,
  sumProductWithWeightingsAndModulo,
} from "../../app/services/carriers/checksums";

// Worked examples written for these tests (not taken from the courier data), each checked by hand or against
// an independent implementation of the published algorithm.

describe("mod10", () => {
  const ups = { evensMultiplier: 1, oddsMultiplier: 2 };

  it("folds letters to (ASCII − 3) mod 10 and weights odd positions", () => {
    // A→2, B→3, C→4; 2×1 + 3×2 + 4×1 = 12 → 10 − 2 = 8
    expect(mod10("ABC", "8", ups)).toBe(true);
    expect(mod10("ABC", "2", ups)).toBe(false);
  });

  it("validates a UPS-style serial with letters and digits", () => {
    expect(mod10("A1B2C3037654321", "3", ups)).toBe(true);
    expect(mod10("A1B2C3037654321", "4", ups)).toBe(false);
  });

  it("gives 0, not 10, when the weighted sum is a multiple of 10", () => {
    // 1×3 + 2 + 3×3 + 4 + 5×3 + 6 + 7×3 = 60
    expect(mod10("1234567", "0", { evensMultiplier: 3, oddsMultiplier: 1 })).toBe(true);
  });

  it("reverses the serial before weighting when asked", () => {
    const gs1 = { evensMultiplier: 3, oddsMultiplier: 1 };
    // forward: 1×3 + 2 = 5 → 5; reversed "21": 2×3 + 1 = 7 → 3
    expect(mod10("12", "5", gs1)).toBe(true);
    expect(mod10("12", "3", { ...gs1, reverse: true })).toBe(true);
    expect(mod10("12", "5", { ...gs1, reverse: true })).toBe(false);
  });
});

describe("mod7", () => {
  it("compares the serial modulo 7 with the check digit", () => {
    // 123456 = 7 × 17636 + 4
    expect(mod7("123456", "4")).toBe(true);
    expect(mod7("123456", "5")).toBe(false);
  });

  it("stays exact for serials beyond 2^53", () => {
    // 10^20 mod 7 = 2 (10 ≡ 3, 3^20 = (3^6)^3 × 3^2 ≡ 9 ≡ 2)
    expect(mod7(`1${"0".repeat(20)}`, "2")).toBe(true);
  });
});

describe("s10", () => {
  it("weights 8 6 4 2 3 5 9 7 and checks 11 − (sum mod 11)", () => {
    // 32 + 42 + 12 + 2 + 6 + 20 + 72 + 14 = 200; 200 mod 11 = 2 → 9
    expect(s10("47312482", "9")).toBe(true);
    expect(s10("47312482", "8")).toBe(false);
  });

  it("maps remainder 0 to 5 and remainder 1 to 0", () => {
    expect(s10("47312401", "5")).toBe(true); // sum 121 = 11 × 11
    expect(s10("47312409", "0")).toBe(true); // sum 177 = 11 × 16 + 1
  });
});

describe("sum_product_with_weightings_and_modulo", () => {
  const fedexExpress = { weightings: [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1], modulo1: 11, modulo2: 10 };

  it("sums digit × weight, then applies both moduli", () => {
    // 3 + 2 + 21 + 12 + 5 + 42 + 21 + 8 + 63 + 0 + 1 = 178; 178 mod 11 = 2; 2 mod 10 = 2
    expect(sumProductWithWeightingsAndModulo("12345678901", "2", fedexExpress)).toBe(true);
    expect(sumProductWithWeightingsAndModulo("12345678901", "3", fedexExpress)).toBe(false);
  });

  it("rejects a serial longer than its weightings", () => {
    expect(sumProductWithWeightingsAndModulo("123456789012", "2", fedexExpress)).toBe(false);
  });
});

describe("luhn", () => {
  it("doubles every other digit from the right of the serial", () => {
    expect(luhn("7992739871", "3")).toBe(true);
    expect(luhn("7992739871", "4")).toBe(false);
  });
});

describe("mod_37_36", () => {
  // Expected values from an independent ISO/IEC 7064 MOD 37,36 implementation.
  it("produces a digit or a letter check character", () => {
    expect(mod37_36("12345678901234", "E")).toBe(true);
    expect(mod37_36("0012345678901", "C")).toBe(true);
    expect(mod37_36("ABC123", "0")).toBe(true);
  });

  it("rejects any other check character", () => {
    expect(mod37_36("12345678901234", "F")).toBe(false);
    expect(mod37_36("ABC123", "O")).toBe(false);
  });
});
