import { describe, expect, it } from "vitest";
import { pageMeta, pageTitle } from "../../app/lib/page-title";

describe("page titles", () => {
  it("puts the page first and the app's name last, leaving out empty parts", () => {
    expect(pageTitle("Shipments")).toBe("Shipments · Parcelwise");
    expect(pageTitle("Shipment #1042", "1Z999", null, " ", undefined)).toBe(
      "Shipment #1042 · 1Z999 · Parcelwise",
    );
    expect(pageTitle()).toBe("Parcelwise");
    expect(pageMeta("Support")).toEqual([{ title: "Support · Parcelwise" }]);
  });
});
