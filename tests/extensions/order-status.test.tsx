// @vitest-environment node
import "../helpers/mini-dom";
import path from "node:path";
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OrderStatusView } from "../../app/models/notification-preferences.server";
import {
  EXTENSIONS_DIR,
  formatDate,
  settle,
  textOf,
  translator,
  waitFor,
} from "../helpers/extension-harness";

const extension = getExtension("customer-account.order-status.block.render", {
  configSearchDir: path.join(EXTENSIONS_DIR, "order-status"),
});

const t = translator("order-status");

const SPLIT_ORDER: OrderStatusView = {
  order: { name: "#1001", shipBy: null },
  shipments: [
    {
      status: "out_for_delivery",
      substatus: "out_for_delivery",
      step: 3,
      problem: null,
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456784",
      trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      window: { start: "2026-11-03T15:00:00.000Z", end: "2026-11-05T23:00:00.000Z" },
      carrierEstimatedAt: null,
      deliveredAt: null,
      events: [
        {
          status: "out_for_delivery",
          substatus: "out_for_delivery",
          occurredAt: "2026-11-04T12:30:00.000Z",
          utcOffsetMinutes: -300,
          place: "San Francisco, CA, US",
        },
        {
          status: "in_transit",
          substatus: "arrived",
          occurredAt: "2026-11-03T22:10:00.000Z",
          utcOffsetMinutes: null,
          place: "Oakland, CA, US",
        },
      ],
    },
    {
      status: "delayed",
      substatus: "weather",
      step: 2,
      problem: "delayed",
      carrier: "DHL Express",
      trackingNumber: "1234567890",
      trackingUrl: null,
      window: null,
      carrierEstimatedAt: null,
      deliveredAt: null,
      events: [],
    },
  ],
  preferences: {
    email: true,
    sms: false,
    phone: null,
    consentAt: "2026-11-01T10:00:00.000Z",
    source: "thank_you",
  },
};

function respondWith(body: unknown, status = 200) {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => Response.json(body, { status }));
}

// Shipment cards: the section's stacks with a progress bar (the preferences stack has none).
function cards() {
  return [...document.body.querySelectorAll("s-section > s-stack > s-stack")].filter((card) =>
    card.querySelector("s-progress"),
  );
}

// Like a shopper: one interaction, then the re-render it causes, before the next.
async function check(selector: string, checked: boolean) {
  const element = document.body.querySelector(selector) as unknown as { checked: boolean } & EventTarget;
  element.checked = checked;
  element.dispatchEvent(new Event("change"));
  await settle();
}

async function type(selector: string, value: string) {
  const element = document.body.querySelector(selector) as unknown as { value: string } & EventTarget;
  element.value = value;
  element.dispatchEvent(new Event("change"));
  await settle();
}

async function click(selector: string) {
  document.body.querySelector(selector)?.dispatchEvent(new Event("click"));
  await settle();
}

beforeEach(() => {
  extension.setUp();
  extension.shopify.i18n.translate = t as typeof extension.shopify.i18n.translate;
  extension.shopify.i18n.formatDate = formatDate;
});

afterEach(() => {
  render(null, document.body as unknown as Element);
  extension.tearDown();
});

describe("order status block", () => {
  it("asks the app for this order's timeline with the session token", async () => {
    extension.fetch = respondWith(SPLIT_ORDER);
    await extension.render();
    await waitFor(() => expect(cards()).toHaveLength(2));
    const fetch = vi.mocked(extension.fetch);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe("https://parcelwise.example.com/api/order-status/1");
    expect(new Headers(init?.headers).get("Authorization")).toBe("Bearer mock-session-token");
  });

  it("shows one card per shipment: status, steps, window, carrier link and recent scans in local time", async () => {
    extension.fetch = respondWith(SPLIT_ORDER);
    await extension.render();
    await waitFor(() => expect(cards()).toHaveLength(2));
    const [first, second] = cards();

    expect(textOf(first?.querySelector("s-heading") ?? null)).toBe("Package 1 of 2");
    expect(textOf(first?.querySelector('s-text[type="strong"]') ?? null)).toBe("Out for delivery");
    const steps = [...(first?.querySelectorAll("s-ordered-list s-list-item") ?? [])].map(textOf);
    expect(steps).toEqual(["✓ Ordered", "✓ Packed", "✓ Shipped", "✓ Out for delivery", "Delivered"]);
    expect(first?.querySelector("s-progress")?.getAttribute("value")).toBe("3");
    expect(textOf(first ?? null)).toContain("Expected between Tue, Nov 3 and Thu, Nov 5");

    const link = first?.querySelector("s-link");
    expect(link?.getAttribute("href")).toBe("https://www.ups.com/track?tracknum=1Z999AA10123456784");
    expect(textOf(link ?? null)).toBe("1Z999AA10123456784");
    expect(textOf(first ?? null)).toContain("UPS");

    const scans = [...(first?.querySelectorAll("s-unordered-list s-list-item") ?? [])].map(textOf);
    // 12:30 UTC at UTC-5 is 7:30 where the scan happened.
    expect(scans).toEqual([
      "Nov 4, 7:30 AM · Out for delivery today · San Francisco, CA, US",
      "Nov 3, 10:10 PM · Arrived at a carrier facility · Oakland, CA, US",
    ]);

    expect(textOf(second?.querySelector("s-heading") ?? null)).toBe("Package 2 of 2");
    const banner = second?.querySelector("s-banner");
    expect(banner?.getAttribute("tone")).toBe("warning");
    expect(banner?.getAttribute("heading")).toBe("This package is running late");
    expect(textOf(banner ?? null)).toBe("Delayed by weather");
    expect(second?.querySelector("s-progress")?.getAttribute("tone")).toBe("critical");
    expect(second?.querySelector("s-link")).toBeNull();
    expect(textOf(second ?? null)).toContain("1234567890");
  });

  it("says the order is being prepared when nothing has shipped", async () => {
    extension.fetch = respondWith({ ...SPLIT_ORDER, shipments: [], preferences: null });
    await extension.render();
    await waitFor(() => expect(textOf(document.body.querySelector("s-section"))).toContain(t("empty")));
  });

  it("says by when the store promised to ship an order that has not shipped", async () => {
    const unshipped: OrderStatusView = {
      order: { name: "#1001", shipBy: { day: "2026-11-03", overdue: false, part: "order" } },
      shipments: [],
      preferences: null,
    };
    extension.fetch = respondWith(unshipped);
    await extension.render();
    await waitFor(() => expect(textOf(document.body.querySelector("s-section"))).toContain(t("empty")));
    // The promised calendar day itself, whatever the shopper's time zone.
    expect(textOf(document.body.querySelector("s-section"))).toContain("Ships by Tue, Nov 3");
  });

  it("says calmly that the promised ship day has passed", async () => {
    extension.fetch = respondWith({
      ...SPLIT_ORDER,
      shipments: [],
      order: { name: "#1001", shipBy: { day: "2026-11-03", overdue: true, part: "order" } },
    });
    await extension.render();
    await waitFor(() =>
      expect(textOf(document.body.querySelector("s-section"))).toContain(
        "It was due to ship by Tue, Nov 3 and is taking a little longer than planned",
      ),
    );
  });

  it("says by when the rest of a partly shipped order ships, below its parcels", async () => {
    extension.fetch = respondWith({
      ...SPLIT_ORDER,
      order: { name: "#1001", shipBy: { day: "2026-11-03", overdue: false, part: "rest" } },
    });
    await extension.render();
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(textOf(document.body.querySelector("s-section"))).toContain(
      "The rest of your order ships by Tue, Nov 3",
    );
  });

  it("shows a warning instead of a timeline when the app can't answer", async () => {
    extension.fetch = respondWith({ error: "Order not found." }, 404);
    await extension.render();
    await waitFor(() =>
      expect(document.body.querySelector("s-banner")?.getAttribute("heading")).toBe(
        "Delivery updates are unavailable",
      ),
    );
  });
});

describe("notification preferences", () => {
  const consent =
    "By choosing email or text updates, you agree that Mock Shop sends you shipping updates about this order. " +
    "Message and data rates may apply. Reply STOP to stop texts; you can change this here at any time.";

  async function renderPreferences() {
    extension.fetch = respondWith(SPLIT_ORDER);
    await extension.render();
    await waitFor(() => expect(document.body.querySelectorAll("s-checkbox")).toHaveLength(2));
  }

  it("shows the saved choice with the consent wording next to the controls", async () => {
    await renderPreferences();
    const [email, sms] = [...document.body.querySelectorAll("s-checkbox")];
    expect(email?.getAttribute("label")).toBe("Email me shipping updates");
    expect(email?.hasAttribute("checked")).toBe(true);
    expect(sms?.getAttribute("label")).toBe("Text me shipping updates");
    expect(sms?.hasAttribute("checked")).toBe(false);
    expect(document.body.querySelector("s-phone-field")).toBeNull();
    const texts = [...document.body.querySelectorAll("s-text")].map(textOf);
    expect(texts).toContain(consent);
  });

  it("refuses a phone number without a country code before calling the app", async () => {
    await renderPreferences();
    await check('s-checkbox[label="Text me shipping updates"]', true);
    await waitFor(() => expect(document.body.querySelector("s-phone-field")).not.toBeNull());
    await type("s-phone-field", "415 555");
    await click("s-button");
    await waitFor(() =>
      expect(document.body.querySelector("s-phone-field")?.getAttribute("error")).toBe(
        t("preferences.phoneInvalid"),
      ),
    );
    expect(vi.mocked(extension.fetch)).toHaveBeenCalledTimes(1); // the timeline only
  });

  it("saves email and SMS with the normalized number and the exact consent wording", async () => {
    await renderPreferences();
    const fetch = respondWith({
      preferences: { email: true, sms: true, phone: "•••• 0134", consentAt: "2026-11-05T00:00:00.000Z" },
    });
    await check('s-checkbox[label="Text me shipping updates"]', true);
    await waitFor(() => expect(document.body.querySelector("s-phone-field")).not.toBeNull());
    await type("s-phone-field", "+1 (415) 555-0134");
    extension.fetch = fetch;
    await click("s-button");
    await waitFor(() =>
      expect(document.body.querySelector('s-banner[tone="success"]')?.getAttribute("heading")).toBe(
        "Your preferences are saved",
      ),
    );
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe("https://parcelwise.example.com/api/order-status/1");
    expect(init?.method).toBe("POST");
    expect(new Headers(init?.headers).get("Authorization")).toBe("Bearer mock-session-token");
    expect(JSON.parse(String(init?.body))).toEqual({
      email: true,
      sms: true,
      phone: "+14155550134",
      consentText: consent,
      locale: "en",
    });
    await waitFor(() =>
      expect(document.body.querySelector("s-phone-field")?.getAttribute("label")).toBe(
        "New mobile number (current: •••• 0134)",
      ),
    );
  });
});
