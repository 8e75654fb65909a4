import { beforeAll, describe, expect, it } from "vitest";
import { getCarrierPerformance } from "../../app/models/carrier-performance.server";
import { getDashboardSummary } from "../../app/models/dashboard.server";
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
      const page = await listShipments({ shop: SHOP_A, limit: 7, cursor });
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
    const page = await listShipments({ shop: SHOP_B, status: "delivered", limit: 100 });
    const expected = seeded.b.shipments.filter((s) => s.status === "delivered").map((s) => s.id);
    expect(page.shipments.map((s) => s.id).sort()).toEqual(expected.sort());
  });
});

describe("carrier performance", () => {
  it("adds up to the shop's shipments and computes the median transit of delivered parcels", async () => {
    const rows = await getCarrierPerformance({ shop: SHOP_A });
    expect(rows.reduce((total, row) => total + row.shipments, 0)).toBe(seeded.a.shipments.length);
    const ups = seeded.a.shipments.filter((s) => s.carrier === "ups" && s.status === "delivered");
    const days = ups
      .map(
        (s) =>
          (new Date(s.deliveredAt as Date).getTime() - new Date(s.shippedAt as Date).getTime()) / 86_400_000,
      )
      .sort((x, y) => x - y);
    const row = rows.find((r) => r.carrier === "ups");
    if (days.length === 0) return expect(row?.medianTransitDays ?? null).toBeNull();
    const mid = Math.floor(days.length / 2);
    const median = days.length % 2 ? (days[mid] ?? 0) : ((days[mid - 1] ?? 0) + (days[mid] ?? 0)) / 2;
    expect(row?.medianTransitDays).toBeCloseTo(median, 1);
  });
});
