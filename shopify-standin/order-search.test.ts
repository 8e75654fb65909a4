import { describe, expect, it } from "vitest";
import { demoShop } from "./demo-seed";
import { searchOrders } from "./order-search";

const now = new Date("2025-06-15T12:00:00Z");
const orders = demoShop("search-test.myshopify.com", "t", now).orders ?? [];
const names = (query: string) => searchOrders(orders, query).map((order) => order.name);

describe("orders search query", () => {
  it("matches everything when empty", () => {
    expect(names("")).toEqual(["#1001", "#1002", "#1003"]);
  });

  it("compares dates, quoted or bare, and ANDs terms", () => {
    expect(names("created_at:>'2025-06-10T00:00:00Z'")).toEqual(["#1002", "#1003"]);
    expect(names("updated_at:<=2025-06-13T12:00:00Z AND created_at:>=2025-06-01")).toEqual(["#1001"]);
  });

  it("filters by name, id, fulfillment status and negation", () => {
    expect(names("name:#1002")).toEqual(["#1002"]);
    expect(names("name:1003")).toEqual(["#1003"]);
    expect(names("id:>5001")).toEqual(["#1002", "#1003"]);
    expect(names("fulfillment_status:shipped")).toEqual(["#1001", "#1002"]);
    expect(names("-fulfillment_status:shipped")).toEqual(["#1003"]);
  });

  it("refuses what it does not understand instead of matching everything", () => {
    expect(() => names("tag:vip")).toThrow(/does not implement orders search field 'tag'/);
    expect(() => names("free text")).toThrow(/does not implement/);
    expect(() => names("created_at:>yesterday")).toThrow(/Invalid date/);
  });
});
