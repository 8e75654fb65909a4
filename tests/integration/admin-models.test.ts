import { beforeAll, describe, expect, it } from "vitest";
import { getDashboardSummary } from "../../app/models/dashboard.server";
import { refreshDeliveryStats } from "../../app/models/delivery-stats/refresh.server";
import { getCarrierPerformanceReport } from "../../app/models/delivery-stats/report.server";
import { SHIPMENT_STATUSES } from "../../app/models/shipment-status";
import { listShipments } from "../../app/models/shipments.server";
import { SHOP_A, SHOP_B, seedTwoShops } from "../helpers/seeded-shops";

let seeded: Awaited<ReturnType<typeof seedTwoShops>>;

beforeAll(async () => {
  seeded = await seedTwoShops();
});

describe("dashboard summary", () => {
  it("counts exactly the shop's own orders, shipments, statuses and attention flags", async () => {
    const summary = await getDashboardSummary({ shop: SHOP_A });
    const shipments = seeded.a.shipments;
    expect(summary.orders).toBe(seeded.a.orders.length);
    expect(summary.shipments).toBe(shipments.length);
    for (const status of SHIPMENT_STATUSES) {
      expect(summary.byStatus[status], status).toBe(shipments.filter((s) => s.status === status).length);
    }
    expect(summary.attention.late).toBe(shipments.filter((s) => s.attention === "late").length);
    expect(summary.attention.stuck).toBe(shipments.filter((s) => s.attention === "stuck").length);
    expect(summary.openSupportRequests).toBe(
      seeded.a.supportRequests.filter((r) => r.status !== "resolved").length,
    );
  });

  it("seeds every situation a merchant meets, so the demo shows each one", () => {
    const statuses = new Set(seeded.a.shipments.map((s) => s.status));
    for (const status of SHIPMENT_STATUSES.filter((s) => s !== "pending")) expect(statuses).toContain(status);
    const attention = new Set(seeded.a.shipments.map((s) => s.attention));
    for (const kind of ["late", "stuck", "exception"]) expect(attention).toContain(kind);
  });
});

describe("shipments list", () => {
  it("walks every shipment of the shop exactly once, newest first, with cursor pages", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let previous = Number.POSITIVE_INFINITY;
    do {
      const page = await listShipments({ shop: SHOP_A, limit: 7, params: { after: cursor } });
      for (const shipment of page.shipments) {
        expect(shipment.createdAt.getTime()).toBeLessThanOrEqual(previous);
        previous = shipment.createdAt.getTime();
        seen.push(shipment.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(seeded.a.shipments.map((s) => s.id).sort());
  });

  it("filters by status without showing another shop's shipments", async () => {
    const page = await listShipments({ shop: SHOP_B, params: { statuses: ["delivered"] }, limit: 100 });
    const expected = seeded.b.shipments.filter((s) => s.status === "delivered").map((s) => s.id);
    expect(page.shipments.map((s) => s.id).sort()).toEqual(expected.sort());
  });
});

describe("carrier performance", () => {
  it("adds up to the shop's travelling shipments, and keeps the other shop's out", async () => {
    await refreshDeliveryStats({ shop: SHOP_A });
    const report = await getCarrierPerformanceReport({
      shop: SHOP_A,
      filters: { from: "2024-01-01", to: "2026-12-31", carrier: null, service: null, destination: null },
    });
    const cancelledOrders = new Set(seeded.a.orders.filter((o) => o.cancelledAt).map((o) => o.id));
    const travelling = seeded.a.shipments.filter(
      (s) => s.shopifyFulfillmentStatus !== "cancelled" && !cancelledOrders.has(s.orderId),
    );
    expect(report.totals.shipments).toBe(travelling.length);
    expect(report.totals.orders).toBe(seeded.a.orders.length - cancelledOrders.size);
    expect(report.byCarrier.reduce((total, row) => total + row.figures.shipments, 0)).toBe(travelling.length);
    const delivered = travelling.filter((s) => s.status === "delivered" && s.deliveredAt);
    expect(report.totals.delivered).toBe(delivered.length);
  });
});
