import { describe, expect, it } from "vitest";
import { addAppBlockLink } from "../../app/lib/theme-editor-link";

describe("the theme editor link that adds the tracking block", () => {
  it("opens the shop's current theme on a page template with the block in a new section", () => {
    const link = new URL(
      addAppBlockLink({
        shop: "demo.myshopify.com",
        apiKey: "abc123",
        blockHandle: "tracking-page",
        template: "page",
      }),
    );
    expect(link.origin + link.pathname).toBe("https://demo.myshopify.com/admin/themes/current/editor");
    expect(Object.fromEntries(link.searchParams)).toEqual({
      template: "page",
      addAppBlockId: "abc123/tracking-page",
      target: "newAppsSection",
    });
  });
});
