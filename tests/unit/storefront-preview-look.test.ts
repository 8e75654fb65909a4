import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storefrontLook } from "../../app/models/storefront-look";
import { startStorefrontPreview, type StorefrontPreview } from "../../storefront-preview";
import type { AppDataMetafield } from "../../storefront-preview/app-metafields";

// The tracking block's real Liquid, rendered by the local storefront with the app-data metafield Parcelwise
// writes when the merchant saves the look in Settings (`app.metafields.tracking_page.look`).
const SAVED_LOOK = storefrontLook({
  heading: "Where's my <parcel>?",
  intro: "Type your order number.",
  lateMessage: "We ship within two days.",
  accentColor: "#006400",
  buttonStyle: "outline",
  cornerRadius: 12,
  logoUrl: "https://cdn.example.com/logo.png",
});

let metafields: AppDataMetafield[] = [];
let preview: StorefrontPreview;

beforeAll(async () => {
  preview = await startStorefrontPreview({
    shopName: "Look shop",
    appProxyUrl: "http://127.0.0.1:9/apps/track",
    appMetafields: () => metafields,
  });
});
afterAll(() => preview.close());

async function block(query = "") {
  const html = await (await fetch(`${preview.url}/pages/track${query}`)).text();
  const wrapper = /<div\s+class="(pw-track[^"]*)"\s+style="([^"]*)"/.exec(html);
  return {
    html,
    className: wrapper?.[1],
    style: wrapper?.[2],
    heading: /<h2 class="pw-track__heading"[^>]*>([^<]*)<\/h2>/.exec(html)?.[1],
  };
}

describe("the storefront block and the look saved in Parcelwise", () => {
  it("shows the block's own defaults while the app has saved nothing", async () => {
    metafields = [];
    const page = await block();
    expect(page.className).toBe("pw-track pw-track--filled");
    expect(page.style).toBe("--pw-accent: #1a5fb4; --pw-on-accent: #ffffff; --pw-radius: 6px;");
    expect(page.heading).toBe("Track your order");
    expect(page.html).not.toContain("pw-track__note");
  });

  it("wears the saved look: colour, button, corners, words and logo", async () => {
    metafields = [
      { namespace: "tracking_page", key: "look", type: "json", value: JSON.stringify(SAVED_LOOK) },
    ];
    const page = await block();
    expect(page.className).toBe("pw-track pw-track--outline");
    expect(page.style).toBe("--pw-accent: #006400; --pw-on-accent: #ffffff; --pw-radius: 12px;");
    expect(page.heading).toBe("Where&#39;s my &lt;parcel&gt;?");
    expect(page.html).toContain("Type your order number.");
    expect(page.html).toContain("We ship within two days.");
    expect(page.html).toMatch(
      /<img\s+class="pw-track__logo pw-track__logo--app"\s+src="https:\/\/cdn\.example\.com\/logo\.png"/,
    );
  });

  it("lets what the merchant set on the block in the theme editor win", async () => {
    metafields = [
      { namespace: "tracking_page", key: "look", type: "json", value: JSON.stringify(SAVED_LOOK) },
    ];
    // Texts set on the block come first; its colours only when the block says to use its own.
    const texts = await block("?setting.heading=From+the+theme+editor&setting.accent_color=%23ffd700");
    expect(texts.heading).toBe("From the theme editor");
    expect(texts.style).toContain("--pw-accent: #006400;");
    const own = await block(
      "?setting.look_source=block&setting.accent_color=%23ffd700&setting.button_style=filled&setting.corner_radius=0",
    );
    expect(own.className).toBe("pw-track pw-track--filled");
    expect(own.style).toBe("--pw-accent: #ffd700; --pw-on-accent: #000000; --pw-radius: 0px;");
    expect(own.heading).toBe("Where&#39;s my &lt;parcel&gt;?");
  });
});
