// @vitest-environment node
import "../helpers/mini-dom";
import path from "node:path";
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EXTENSIONS_DIR, settle, textOf, translator, waitFor } from "../helpers/extension-harness";

const extension = getExtension("purchase.thank-you.block.render", {
  configSearchDir: path.join(EXTENSIONS_DIR, "thank-you"),
});

const t = translator("thank-you");

const CONSENT =
  "By choosing text or email updates, you agree that Mock Shop sends you shipping updates about this order. " +
  "Message and data rates may apply. Reply STOP to stop texts; you can change this on your order status page at " +
  "any time.";

function respondWith(body: unknown, status = 200) {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => Response.json(body, { status }));
}

async function check(label: string) {
  const element = document.body.querySelector(`s-checkbox[label="${label}"]`) as unknown as {
    checked: boolean;
  } & EventTarget;
  element.checked = true;
  element.dispatchEvent(new Event("change"));
  await settle();
}

async function typePhone(value: string) {
  const element = document.body.querySelector("s-phone-field") as unknown as { value: string } & EventTarget;
  element.value = value;
  element.dispatchEvent(new Event("change"));
  await settle();
}

async function submit() {
  document.body.querySelector("s-button")?.dispatchEvent(new Event("click"));
  await settle();
}

beforeEach(() => {
  extension.setUp();
  extension.shopify.i18n.translate = t as typeof extension.shopify.i18n.translate;
});

afterEach(() => {
  render(null, document.body as unknown as Element);
  extension.tearDown();
});

describe("thank-you opt-in", () => {
  it("offers text and email updates with the consent wording, and nothing to send until one is chosen", async () => {
    await extension.render();
    expect(textOf(document.body.querySelector("s-heading"))).toBe("Get shipping updates");
    const labels = [...document.body.querySelectorAll("s-checkbox")].map((box) => box.getAttribute("label"));
    expect(labels).toEqual(["Text me shipping updates", "Email me shipping updates"]);
    expect([...document.body.querySelectorAll("s-text")].map(textOf)).toContain(CONSENT);
    expect(document.body.querySelector("s-phone-field")).toBeNull();
    expect(document.body.querySelector("s-button")?.hasAttribute("disabled")).toBe(true);
  });

  it("shows an error for a number without a country code and sends nothing", async () => {
    extension.fetch = respondWith({});
    await extension.render();
    await check("Text me shipping updates");
    expect(document.body.querySelector("s-phone-field")?.getAttribute("label")).toBe(
      "Mobile number with country code",
    );
    await typePhone("555-0134");
    await submit();
    await waitFor(() =>
      expect(document.body.querySelector("s-phone-field")?.getAttribute("error")).toBe(
        "Enter a mobile number with its country code, for example +1 415 555 0134.",
      ),
    );
    expect(extension.fetch).not.toHaveBeenCalled();
  });

  it("asks for a number when text updates are chosen without one", async () => {
    extension.fetch = respondWith({});
    await extension.render();
    await check("Text me shipping updates");
    await submit();
    await waitFor(() =>
      expect(document.body.querySelector("s-phone-field")?.getAttribute("error")).toBe(t("phoneRequired")),
    );
    expect(extension.fetch).not.toHaveBeenCalled();
  });

  it("posts the choice, the E.164 number and the exact consent wording with the session token", async () => {
    const fetch = respondWith({ preferences: { email: true, sms: true, phone: "•••• 0134" } });
    extension.fetch = fetch;
    await extension.render();
    await check("Text me shipping updates");
    await typePhone("+1 (415) 555-0134");
    await check("Email me shipping updates");
    await submit();
    await waitFor(() =>
      expect(document.body.querySelector('s-banner[tone="success"]')?.getAttribute("heading")).toBe(
        "You're all set",
      ),
    );
    expect(textOf(document.body.querySelector("s-banner"))).toBe(t("done.both"));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe("https://parcelwise.example.com/api/notification-consent");
    expect(init?.method).toBe("POST");
    expect(new Headers(init?.headers).get("Authorization")).toBe("Bearer mock-session-token");
    expect(JSON.parse(String(init?.body))).toEqual({
      orderId: "gid://shopify/Order/1",
      email: true,
      sms: true,
      phone: "+14155550134",
      consentText: CONSENT,
      locale: "en",
    });
  });

  it("shows the app's refusal of a number on the field", async () => {
    extension.fetch = respondWith({ error: "Enter the mobile number…", field: "phone" }, 400);
    await extension.render();
    await check("Text me shipping updates");
    await typePhone("+999999999999");
    await submit();
    await waitFor(() =>
      expect(document.body.querySelector("s-phone-field")?.getAttribute("error")).toBe(t("phoneInvalid")),
    );
    expect(document.body.querySelector('s-banner[tone="success"]')).toBeNull();
  });

  it("says so when the choice could not be saved", async () => {
    extension.fetch = respondWith({ error: "boom" }, 500);
    await extension.render();
    await check("Email me shipping updates");
    await submit();
    await waitFor(() =>
      expect(document.body.querySelector('s-banner[tone="critical"]')?.getAttribute("heading")).toBe(
        t("failed"),
      ),
    );
  });
});
