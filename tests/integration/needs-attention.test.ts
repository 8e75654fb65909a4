import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { listNeedsAttention, needsAttentionQuerySchema } from "../../app/models/needs-attention.server";
import { getShipmentDetail } from "../../app/models/shipment-detail.server";

// The admin's "Needs attention" queue: open problems only, the one waiting longest first, filtered by kind and
// by who can act, each with the suggested next step; never another shop's.

const DAY = 86_400_000;
const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const SHOP = "queue.myshopify.com";
const OTHER_SHOP = "other-queue.myshopify.com";

type Flag = { kind: string | null; reason: string | null; owner: string | null; since: Date | null };

let serial = 0;

async function shipmentWith(
  shop: string,
  flag: Flag & { resolvedAt?: Date },
  extra: { status?: string; trackingCompany?: string | null; carrier?: string | null } = {},
) {
  serial += 1;
  const order = await prisma.order.create({
    data: { shop, shopifyId: `gid://shopify/Order/${serial}`, name: `#${1000 + serial}`, orderedAt: ago(20) },
  });
  return prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${serial}`,
      trackingNumber: `TRACK${serial}`,
      trackingCompany: "trackingCompany" in extra ? extra.trackingCompany : "UPS",
      carrier: "carrier" in extra ? extra.carrier : "ups",
      status: extra.status ?? "in_transit",
      shippedAt: ago(15),
      attention: flag.kind,
      attentionReason: flag.reason,
      attentionOwner: flag.owner,
      attentionSince: flag.since,
      attentionResolvedAt: flag.resolvedAt ?? null,
    },
  });
}

let ids: Record<"late" | "address" | "lost" | "neverScanned" | "resolved" | "customs", string>;

beforeAll(async () => {
  await prisma.shop.create({ data: { domain: SHOP, name: "Queue" } });
  await prisma.shop.create({ data: { domain: OTHER_SHOP, name: "Other" } });
  const late = await shipmentWith(SHOP, {
    kind: "late",
    reason: "window_passed",
    owner: "carrier",
    since: ago(3),
  });
  const address = await shipmentWith(
    SHOP,
    { kind: "exception", reason: "address_problem", owner: "shopper", since: ago(5) },
    { status: "exception" },
  );
  const lost = await shipmentWith(
    SHOP,
    { kind: "lost", reason: "silent_beyond_tail", owner: "carrier", since: ago(1) },
    { trackingCompany: null, carrier: "canada_post" },
  );
  const neverScanned = await shipmentWith(
    SHOP,
    { kind: "stuck", reason: "label_never_scanned", owner: "merchant", since: ago(2) },
    { status: "pre_transit" },
  );
  // Same moment as another: the id breaks the tie, so paging never skips or repeats one.
  const customs = await shipmentWith(
    SHOP,
    { kind: "exception", reason: "customs_delay", owner: "customs", since: ago(2) },
    { status: "delayed" },
  );
  const resolved = await shipmentWith(SHOP, { kind: null, reason: null, owner: null, since: ago(9) }, {});
  await prisma.shipment.update({ where: { id: resolved.id }, data: { attentionResolvedAt: ago(4) } });
  await shipmentWith(OTHER_SHOP, { kind: "late", reason: "window_passed", owner: "carrier", since: ago(10) });
  ids = {
    late: late.id,
    address: address.id,
    lost: lost.id,
    neverScanned: neverScanned.id,
    resolved: resolved.id,
    customs: customs.id,
  };
});

const list = (query: Record<string, unknown> = {}) =>
  listNeedsAttention({ shop: SHOP, ...needsAttentionQuerySchema.parse(query) });

describe("the needs-attention queue", () => {
  it("lists the shop's open problems, waiting longest first, with why, who can act and what to do next", async () => {
    const { items, nextCursor } = await list();
    const sameDay = [ids.neverScanned, ids.customs].sort();
    expect(items.map((item) => item.shipmentId)).toEqual([ids.address, ids.late, ...sameDay, ids.lost]);
    expect(nextCursor).toBeNull();
    expect(items[0]).toEqual({
      shipmentId: ids.address,
      orderName: expect.stringMatching(/^#\d+$/),
      carrier: "UPS",
      trackingNumber: expect.stringMatching(/^TRACK/),
      status: "exception",
      statusLabel: "Exception",
      kind: "exception",
      kindLabel: "Exception",
      reason: "address_problem",
      reasonLabel: "There's a problem with the address",
      owner: "shopper",
      ownerLabel: "Shopper",
      since: ago(5),
      nextStep: "Contact the shopper to confirm the address, then give UPS the correction.",
    });
    const byId = new Map(items.map((item) => [item.shipmentId, item]));
    expect(byId.get(ids.late)?.nextStep).toBe("Ask UPS for an update; offer the shopper a new date.");
    expect(byId.get(ids.lost)).toMatchObject({
      carrier: "CANADA POST",
      kindLabel: "Likely lost",
      nextStep: "Open a claim with CANADA POST and reship the order (or refund it).",
    });
    expect(byId.get(ids.neverScanned)).toMatchObject({
      ownerLabel: "You",
      reasonLabel: "The carrier never scanned the parcel after the label was created",
      nextStep: "Check the parcel left your warehouse; hand it to UPS or book a pickup.",
    });
  });

  it("filters by kind and by who can act", async () => {
    expect((await list({ kind: "late" })).items.map((item) => item.shipmentId)).toEqual([ids.late]);
    expect((await list({ owner: "carrier" })).items.map((item) => item.shipmentId)).toEqual([
      ids.late,
      ids.lost,
    ]);
    expect(
      (await list({ kind: "exception", owner: "customs" })).items.map((item) => item.shipmentId),
    ).toEqual([ids.customs]);
    expect((await list({ kind: "stuck", owner: "shopper" })).items).toEqual([]);
    expect(needsAttentionQuerySchema.safeParse({ kind: "urgent" }).success).toBe(false);
    expect(needsAttentionQuerySchema.safeParse({ owner: "nobody" }).success).toBe(false);
  });

  it("pages through the queue without skipping or repeating a shipment", async () => {
    const all = (await list()).items.map((item) => item.shipmentId);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = await list({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...result.items.map((item) => item.shipmentId));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual(all);
    expect(all).toHaveLength(5);
  });

  it("never lists another shop's shipments", async () => {
    const other = await listNeedsAttention({ shop: OTHER_SHOP, ...needsAttentionQuerySchema.parse({}) });
    expect(other.items).toHaveLength(1);
    expect(other.items.map((item) => item.shipmentId)).not.toContain(ids.late);
  });
});

describe("the shipment page", () => {
  it("shows the open problem with its next step, and nothing once it is resolved", async () => {
    const detail = await getShipmentDetail({ shop: SHOP, shipmentId: ids.address, now: NOW });
    expect(detail?.attention).toEqual({
      kind: "exception",
      kindLabel: "Exception",
      reasonLabel: "There's a problem with the address",
      owner: "shopper",
      ownerLabel: "Shopper",
      since: ago(5),
      nextStep: "Contact the shopper to confirm the address, then give UPS the correction.",
    });
    expect(detail?.shownWindow).toEqual({ kind: "none" });
    expect(
      (await getShipmentDetail({ shop: SHOP, shipmentId: ids.resolved, now: NOW }))?.attention,
    ).toBeNull();
  });

  it("shows the window the shopper sees: late, promised by the first window, with the revision", async () => {
    await prisma.deliveryEstimate.createMany({
      data: [
        {
          shop: SHOP,
          shipmentId: ids.late,
          earliestAt: ago(6),
          latestAt: ago(4),
          basis: "lane",
          isOriginal: true,
          createdAt: ago(8),
        },
        {
          shop: SHOP,
          shipmentId: ids.late,
          earliestAt: ago(1),
          latestAt: ago(-2),
          likelyAt: ago(0),
          basis: "lane",
          createdAt: ago(3),
        },
      ],
    });
    await prisma.shipment.update({
      where: { id: ids.late },
      data: { windowStart: ago(1), windowEnd: ago(-2) },
    });
    const detail = await getShipmentDetail({ shop: SHOP, shipmentId: ids.late, now: NOW });
    expect(detail?.shownWindow).toEqual({
      kind: "late",
      promisedBy: ago(4),
      newWindow: { start: ago(1), end: ago(-2) },
    });
  });
});
