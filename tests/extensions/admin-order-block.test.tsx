// @vitest-environment node
import "../helpers/mini-dom";
import path from "node:path";
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AdminOrderView } from "../../app/models/admin-order.server";
import { EXTENSIONS_DIR, formatDate, textOf, translator, waitFor } from "../helpers/extension-harness";

const extension = getExtension("admin.order-details.block.render", {
  configSearchDir: path.join(EXTENSIONS_DIR, "admin-order-block"),
});

const t = translator("admin-order-block");

// A split order: one parcel on its way inside its window, one late and stuck with the carrier.
const SPLIT_ORDER: AdminOrderView = {
  order: { name: "#1001", shipBy: null },
  shipments: [
    {
      id: "ship_1",
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456784",
      trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      status: "in_transit",
      window: {
        kind: "window",
        start: "2026-11-03T00:00:00.000Z",
        end: "2026-11-05T23:59:59.999Z",
        likely: "2026-11-04T12:00:00.000Z",
      },
      attention: null,
      supportPath: "/app/shipments/ship_1",
    },
    {
      id: "ship_2",
      carrier: "DHL Express",
      trackingNumber: "1234567890",
      trackingUrl: null,
      status: "delayed",
      window: {
        kind: "late",
        promisedBy: "2026-11-02T23:59:59.999Z",
        newWindow: { start: "2026-11-06T00:00:00.000Z", end: "2026-11-08T23:59:59.999Z" },
      },
      attention: { kind: "late", owner: "carrier" },
      supportPath: "/app/shipments/ship_2",
    },
  ],
};

function respondWith(body: unknown, status = 200) {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => Response.json(body, { status }));
}

// One shipment: the stacks of the block that end with the link to the support view.
function rows() {
  return [...document.body.querySelectorAll("s-admin-block > s-stack > s-stack")];
}

function block() {
  return document.body.querySelector("s-admin-block");
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

describe("order details block (admin)", () => {
  it("asks the app for the order the merchant is looking at, by a relative URL the admin authenticates", async () => {
    extension.shopify.data = { selected: [{ id: "gid://shopify/Order/5000000001001" }] };
    extension.fetch = respondWith(SPLIT_ORDER);
    await extension.render();
    await waitFor(() => expect(rows()).toHaveLength(2));
    const fetch = vi.mocked(extension.fetch);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    // Relative: Shopify resolves it against application_url and adds `Authorization: Bearer <ID token>`.
    expect(String(url)).toBe("/api/admin-order/5000000001001");
    expect(new Headers(init?.headers).get("Authorization")).toBeNull();
  });

  it("shows a loading state until the app answers", async () => {
    let answer: (response: Response) => void = () => {};
    extension.fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    await extension.render();
    await waitFor(() => expect(extension.fetch).toHaveBeenCalledTimes(1));
    expect(document.body.querySelector("s-spinner")).not.toBeNull();
    expect(textOf(block())).toContain(t("loading"));
    answer(Response.json(SPLIT_ORDER));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(document.body.querySelector("s-spinner")).toBeNull();
  });

  it("shows each shipment: carrier, tracking link, status, window, attention and the support view", async () => {
    extension.fetch = respondWith(SPLIT_ORDER);
    await extension.render();
    await waitFor(() => expect(rows()).toHaveLength(2));
    const [first, second] = rows();

    expect(block()?.getAttribute("heading")).toBe("Parcelwise shipments");
    expect(textOf(first?.querySelector("s-heading") ?? null)).toBe("Shipment 1 of 2");
    expect(textOf(first?.querySelector("s-badge") ?? null)).toBe("In transit");
    expect(textOf(first ?? null)).toContain("UPS");
    const [tracking, support] = [...(first?.querySelectorAll("s-link") ?? [])];
    expect(tracking?.getAttribute("href")).toBe("https://www.ups.com/track?tracknum=1Z999AA10123456784");
    expect(tracking?.getAttribute("target")).toBe("_blank");
    expect(textOf(tracking ?? null)).toBe("1Z999AA10123456784");
    expect(textOf(first ?? null)).toContain("Expected Nov 3 – Nov 5 (most likely Nov 4)");
    // The shipment's page in the app (its support view), through the admin's app: protocol.
    expect(support?.getAttribute("href")).toBe("app:app/shipments/ship_1");
    expect(textOf(support ?? null)).toBe("Open shipment and support");

    const badges = [...(second?.querySelectorAll("s-badge") ?? [])];
    expect(badges.map(textOf)).toEqual(["Delayed", "Late"]);
    expect(badges[1]?.getAttribute("tone")).toBe("warning");
    expect(textOf(second ?? null)).toContain("Late: promised by Nov 2, now expected Nov 6 – Nov 8");
    expect(textOf(second ?? null)).toContain("Who can act: Carrier");
    // No tracking URL: the number is plain text, and the only link is the support view.
    const links = [...(second?.querySelectorAll("s-link") ?? [])];
    expect(links.map((link) => link.getAttribute("href"))).toEqual(["app:app/shipments/ship_2"]);
    expect(textOf(second ?? null)).toContain("1234567890");

    expect(block()?.getAttribute("collapsedSummary")).toBe("Shipments: 2 · needing attention: 1");
  });

  it("words every window the one function can give", async () => {
    const [first] = SPLIT_ORDER.shipments;
    if (!first) throw new Error("SPLIT_ORDER has shipments");
    const one = (window: AdminOrderView["shipments"][number]["window"]): AdminOrderView => ({
      order: { name: "#1002", shipBy: null },
      shipments: [{ ...first, window }],
    });
    const cases: Array<[AdminOrderView["shipments"][number]["window"], string]> = [
      [{ kind: "delivered", deliveredAt: "2026-11-04T15:00:00.000Z" }, "Delivered Nov 4"],
      [
        { kind: "window", start: "2026-11-05T00:00:00.000Z", end: "2026-11-05T23:59:59.999Z", likely: null },
        "Expected Nov 5",
      ],
      [{ kind: "late", promisedBy: "2026-11-02T23:59:59.999Z", newWindow: null }, "Late: promised by Nov 2"],
      [
        { kind: "carrier_estimate", estimatedAt: "2026-11-07T18:00:00.000Z" },
        "Expected Nov 7 (carrier's estimate)",
      ],
      [{ kind: "none" }, "No delivery window yet"],
    ];
    for (const [window, text] of cases) {
      extension.fetch = respondWith(one(window));
      await extension.render();
      await waitFor(() => expect(textOf(rows()[0] ?? null)).toContain(text));
      render(null, document.body as unknown as Element);
    }
  });

  it("says there are no shipments yet for an order not fulfilled (or unknown to the app)", async () => {
    extension.fetch = respondWith({ order: null, shipments: [] });
    await extension.render();
    await waitFor(() => expect(textOf(block())).toContain(t("empty")));
    expect(document.body.querySelector("s-link")).toBeNull();
    expect(block()?.getAttribute("collapsedSummary")).toBe("Shipments: 0");
  });

  it("says by when an unfulfilled order is due to ship", async () => {
    extension.fetch = respondWith({
      order: { name: "#1003", shipBy: { day: "2026-11-03", overdue: false, part: "order" } },
      shipments: [],
    });
    await extension.render();
    await waitFor(() => expect(textOf(block())).toContain("Ship by Nov 3"));
    expect(textOf(block())).toContain(t("empty"));
    expect(document.body.querySelector("s-banner")).toBeNull();
  });

  it("warns when an order is past its promised ship day: late to ship", async () => {
    extension.fetch = respondWith({
      order: { name: "#1003", shipBy: { day: "2026-11-03", overdue: true, part: "order" } },
      shipments: [],
    });
    await extension.render();
    await waitFor(() =>
      expect(document.body.querySelector("s-banner")?.getAttribute("heading")).toBe("Late to ship"),
    );
    expect(document.body.querySelector("s-banner")?.getAttribute("tone")).toBe("warning");
    expect(textOf(document.body.querySelector("s-banner"))).toBe("Promised to ship by Nov 3");
  });

  it("says what is left of a partly shipped order and by when, above its shipments", async () => {
    extension.fetch = respondWith({
      ...SPLIT_ORDER,
      order: { name: "#1001", shipBy: { day: "2026-11-03", overdue: true, part: "rest" } },
    });
    await extension.render();
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(textOf(document.body.querySelector("s-admin-block > s-banner"))).toBe(
      "The rest was promised to ship by Nov 3",
    );
  });

  it("shows an error instead of shipments when the app can't answer", async () => {
    extension.fetch = respondWith({ error: "Unauthorized" }, 401);
    await extension.render();
    await waitFor(() =>
      expect(document.body.querySelector("s-banner")?.getAttribute("heading")).toBe(
        "Shipments are unavailable",
      ),
    );
    expect(document.body.querySelector("s-banner")?.getAttribute("tone")).toBe("critical");
    expect(rows()).toHaveLength(0);
  });

  it("shows the same error when the network fails", async () => {
    extension.fetch = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    await extension.render();
    await waitFor(() => expect(document.body.querySelector("s-banner")).not.toBeNull());
  });

  it("renders nothing outside an order", async () => {
    extension.shopify.data = { selected: [] };
    extension.fetch = respondWith(SPLIT_ORDER);
    await extension.render();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(block()).toBeNull();
    expect(vi.mocked(extension.fetch)).not.toHaveBeenCalled();
  });
});
