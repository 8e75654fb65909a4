import { describe, expect, it } from "vitest";
import { orderAdminUrl } from "../../app/lib/shopify-admin-links";
import { parseInternalNotes, withNoteAppended } from "../../app/models/internal-notes";
import { escalationFor } from "../../app/models/support-escalation";

// The support view's pure parts: where "Open in Shopify admin" goes, the escalation rule, and the notes format.

describe("the order's admin link", () => {
  const order = "gid://shopify/Order/5000000001061";
  it("uses App Bridge's admin protocol inside the admin, and the admin's web address in the demo", () => {
    expect(orderAdminUrl({ shop: "acme.myshopify.com", orderGid: order, embedded: true })).toBe(
      "shopify://admin/orders/5000000001061",
    );
    expect(orderAdminUrl({ shop: "acme.myshopify.com", orderGid: order, embedded: false })).toBe(
      "https://admin.shopify.com/store/acme/orders/5000000001061",
    );
    expect(orderAdminUrl({ shop: "acme.myshopify.com", orderGid: "#1061", embedded: false })).toBeNull();
  });
});

describe("escalations", () => {
  const asked = new Date("2026-11-20T12:00:00Z");
  const parcel = {
    status: "in_transit",
    deliveredAt: null as Date | null,
    attention: null as string | null,
    attentionResolvedAt: null as Date | null,
  };
  const delivered = { ...parcel, status: "delivered", deliveredAt: new Date("2026-11-19T12:00:00Z") };

  it("call a parcel delivered before the shopper asked, and reported missing or late, not received", () => {
    expect(escalationFor({ reason: "missing", requestedAt: asked, shipment: delivered })).toBe(
      "delivered_not_received",
    );
    expect(escalationFor({ reason: "late", requestedAt: asked, shipment: delivered })).toBe(
      "delivered_not_received",
    );
    expect(escalationFor({ reason: "damaged", requestedAt: asked, shipment: delivered })).toBeNull();
    const deliveredAfter = { ...delivered, deliveredAt: new Date("2026-11-21T12:00:00Z") };
    expect(escalationFor({ reason: "missing", requestedAt: asked, shipment: deliveredAfter })).toBeNull();
  });

  it("flag a stuck or likely lost parcel while the problem is open", () => {
    for (const attention of ["stuck", "lost"])
      expect(escalationFor({ reason: "other", requestedAt: asked, shipment: { ...parcel, attention } })).toBe(
        "stuck_beyond_tail",
      );
    expect(
      escalationFor({ reason: "late", requestedAt: asked, shipment: { ...parcel, attention: "late" } }),
    ).toBeNull();
    expect(
      escalationFor({
        reason: "late",
        requestedAt: asked,
        shipment: { ...parcel, attention: "stuck", attentionResolvedAt: asked },
      }),
    ).toBeNull();
    expect(escalationFor({ reason: "missing", requestedAt: asked, shipment: null })).toBeNull();
  });
});

describe("internal notes", () => {
  it("append dated notes, reading notes written before they had dates as one undated note", () => {
    expect(parseInternalNotes("")).toEqual([]);
    const legacy = "Called the carrier.";
    const stored = withNoteAppended(legacy, { at: new Date("2026-11-20T12:00:00Z"), text: "Reship sent" });
    expect(parseInternalNotes(stored)).toEqual([
      { at: null, text: legacy },
      { at: "2026-11-20T12:00:00.000Z", text: "Reship sent" },
    ]);
    expect(parseInternalNotes("[1, 2]")).toEqual([{ at: null, text: "[1, 2]" }]);
  });
});
