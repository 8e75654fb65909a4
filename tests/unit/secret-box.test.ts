import { describe, expect, it } from "vitest";
import { maskSecret, openSecret, sealSecret, SecretBoxError } from "../../app/services/secret-box.server";

const key = "k".repeat(40);

describe("secret box", () => {
  it("round-trips, and the stored form reveals nothing of the secret", () => {
    const sealed = sealSecret('{"clientSecret":"s3cr3t-value"}', key);
    expect(sealed).not.toContain("s3cr3t");
    expect(openSecret(sealed, key)).toBe('{"clientSecret":"s3cr3t-value"}');
    expect(sealSecret("same", key)).not.toBe(sealSecret("same", key));
  });

  it("refuses a wrong key or a tampered box", () => {
    const sealed = sealSecret("value", key);
    expect(() => openSecret(sealed, "x".repeat(40))).toThrow(SecretBoxError);
    const [version, iv, tag, body] = sealed.split(".");
    const flipped = `${body?.[0] === "A" ? "B" : "A"}${body?.slice(1)}`;
    expect(() => openSecret([version, iv, tag, flipped].join("."), key)).toThrow(SecretBoxError);
    expect(() => openSecret("plain text", key)).toThrow(SecretBoxError);
  });

  it("masks all but the last four characters", () => {
    expect(maskSecret("abcdefgh1234")).toBe("••••1234");
    expect(maskSecret("abc")).toBe("••••");
  });
});
