import { describe, expect, it } from "vitest";
import { hashCustomerEmail, hashesMatch } from "../../app/services/customer-identity.server";
import { parseCustomerPayload } from "../../app/services/compliance-payload";

const key = "k".repeat(32);

describe("customer email hash", () => {
  it("matches the same address however it is typed, and only in the same shop", () => {
    const stored = hashCustomerEmail({ shop: "a.myshopify.com", email: "Ana@Example.com ", key });
    expect(
      hashesMatch(stored, hashCustomerEmail({ shop: "a.myshopify.com", email: "ana@example.com", key })),
    ).toBe(true);
    expect(
      hashesMatch(stored, hashCustomerEmail({ shop: "b.myshopify.com", email: "ana@example.com", key })),
    ).toBe(false);
    expect(
      hashesMatch(stored, hashCustomerEmail({ shop: "a.myshopify.com", email: "ana@example.org", key })),
    ).toBe(false);
  });

  it("is useless without the key", () => {
    const a = hashCustomerEmail({ shop: "a.myshopify.com", email: "ana@example.com", key });
    const b = hashCustomerEmail({ shop: "a.myshopify.com", email: "ana@example.com", key: "x".repeat(32) });
    expect(a).not.toBe(b);
    expect(a).not.toContain("ana");
  });

  it("never matches an empty or malformed stored hash", () => {
    const candidate = hashCustomerEmail({ shop: "a.myshopify.com", email: "ana@example.com", key });
    expect(hashesMatch("", candidate)).toBe(false);
    expect(hashesMatch("zz", candidate)).toBe(false);
  });
});

describe("compliance payloads", () => {
  it("keeps order IDs above 2^53 exact", () => {
    const raw = `{"shop_id":1,"shop_domain":"a.myshopify.com","customer":{"id":1,"email":"x@example.com","phone":null},"orders_to_redact":[9007199254740993, 820982911946154508]}`;
    const { customer } = parseCustomerPayload(raw, "orders_to_redact");
    expect(customer.orderIds).toEqual([
      "gid://shopify/Order/9007199254740993",
      "gid://shopify/Order/820982911946154508",
    ]);
    expect(customer.email).toBe("x@example.com");
  });

  it("rejects a body that is not a customer payload", () => {
    expect(() => parseCustomerPayload(`{"shop_domain":"a.myshopify.com"}`, "orders_to_redact")).toThrow();
  });
});
