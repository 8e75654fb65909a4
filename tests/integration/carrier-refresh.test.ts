import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { carrierConnection, saveCarrierAccount } from "../../app/models/carrier-accounts.server";
import { refreshShipment } from "../../app/models/carrier-refresh.server";
import { isCarrierCode, type CarrierCode } from "../../app/services/carriers/carrier-adapter";
import { createCarrierStandin, type CarrierStandin } from "../../carrier-standins";

const SHOP = "refresh.myshopify.com";
const NOW = new Date("2026-11-20T12:00:00Z");
let standin: CarrierStandin;
let clock = NOW;

beforeAll(async () => {
  standin = await createCarrierStandin({
    clock: () => clock,
    journeyEpoch: new Date("2026-11-18T12:00:00Z"),
  });
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  clock = NOW;
  await prisma.shop.deleteMany({});
  await prisma.shop.create({ data: { domain: SHOP, name: "Refresh", settings: { create: {} } } });
});

// The shop's connection, pointed at the local stand-in instead of the carrier.
const standinConnection = async ({ carrier }: { shop: string; carrier: CarrierCode }) => ({
  credentials: standin.credentialsFor(carrier),
  baseUrl: standin.baseUrlFor(carrier),
  source: "shop" as const,
});

async function shipment(carrier: string, trackingNumber: string) {
  const order = await prisma.order.create({
    data: {
      shop: SHOP,
      shopifyId: `gid://shopify/Order/${trackingNumber}`,
      name: "#1",
      orderedAt: new Date("2026-11-17T10:00:00Z"),
    },
  });
  return prisma.shipment.create({
    data: {
      shop: SHOP,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${trackingNumber}`,
      trackingNumber,
      carrier,
      status: "pre_transit",
      shippedAt: new Date("2026-11-18T09:00:00Z"),
    },
  });
}

const refresh = (shipmentId: string) =>
  refreshShipment({ shop: SHOP, shipmentId, now: clock, connect: standinConnection });

describe("refreshing a shipment from its carrier", () => {
  it("stores new scans with the carrier's own codes, updates the status, and says when to look again", async () => {
    const created = await shipment("ups", "1Z5R89390357567127");
    const result = await refresh(created.id);
    expect(result.outcome).toBe("updated");
    expect(result.newEvents).toBeGreaterThan(0);
    const stored = await prisma.shipment.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.status).not.toBe("pre_transit");
    expect(stored.lastEventAt).not.toBeNull();
    const events = await prisma.trackingEvent.findMany({ where: { shipmentId: created.id } });
    expect(events).toHaveLength(result.newEvents);
    expect(
      events.every(
        (event) =>
          event.source === "carrier:ups" && event.rawCode && event.dedupeKey.startsWith("carrier:ups:"),
      ),
    ).toBe(true);
    if (stored.status === "delivered") expect(result.nextCheckAt).toBeNull();
    else expect(result.nextCheckAt?.getTime()).toBeGreaterThan(NOW.getTime());
  });

  it("writes nothing when the carrier has nothing new", async () => {
    const created = await shipment("fedex", "419687545775");
    await refresh(created.id);
    const before = await prisma.shipment.findUniqueOrThrow({ where: { id: created.id } });
    const eventsBefore = await prisma.trackingEvent.count({ where: { shipmentId: created.id } });
    const again = await refresh(created.id);
    expect(again.outcome).toBe("unchanged");
    const after = await prisma.shipment.findUniqueOrThrow({ where: { id: created.id } });
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    expect(await prisma.trackingEvent.count({ where: { shipmentId: created.id } })).toBe(eventsBefore);
  });

  it("moves the parcel along as the carrier reports more, until delivered, then stops", async () => {
    clock = new Date("2026-11-17T00:00:00Z");
    const created = await shipment("dhl_express", "7731009241");
    const statuses: string[] = [];
    for (let day = 0; day < 12; day += 1) {
      clock = new Date(new Date("2026-11-17T00:00:00Z").getTime() + day * 86_400_000);
      const result = await refresh(created.id);
      const stored = await prisma.shipment.findUniqueOrThrow({ where: { id: created.id } });
      statuses.push(stored.status);
      if (result.nextCheckAt === null) break;
    }
    expect(["delivered", "returned"]).toContain(statuses.at(-1));
    expect(new Set(statuses).size).toBeGreaterThan(1);
    const events = await prisma.trackingEvent.findMany({
      where: { shipmentId: created.id },
      orderBy: { occurredAt: "asc" },
    });
    expect(new Set(events.map((event) => event.dedupeKey)).size).toBe(events.length);
  });

  it("keeps the last good state when the carrier answers nonsense, and stops on a revoked account", async () => {
    clock = new Date("2026-11-16T20:00:00Z");
    let created = await shipment("usps", "9400111899223197428490");
    await refresh(created.id);
    let good = await prisma.shipment.findUniqueOrThrow({ where: { id: created.id } });
    // A parcel still moving, so the next refresh does ask the carrier.
    for (let n = 1; n < 20 && ["delivered", "returned"].includes(good.status); n += 1) {
      created = await shipment("usps", `94001118992231974284${String(n).padStart(2, "0")}`);
      await refresh(created.id);
      good = await prisma.shipment.findUniqueOrThrow({ where: { id: created.id } });
    }
    expect(["delivered", "returned"]).not.toContain(good.status);
    standin.failNext({ carrier: "usps", endpoint: "track", failure: "malformed", count: 1 });
    const malformed = await refresh(created.id);
    expect(malformed.outcome).toBe("malformed_response");
    const kept = await prisma.shipment.findUniqueOrThrow({ where: { id: created.id } });
    expect([kept.status, kept.lastEventAt?.getTime()]).toEqual([good.status, good.lastEventAt?.getTime()]);
    expect(kept.lastPollError).toMatch(/malformed_response/);

    await saveCarrierAccount({
      shop: SHOP,
      carrier: "usps",
      credentials: { clientId: "wrong", clientSecret: "wrong" },
    });
    const wrongAccount = async ({ shop, carrier }: { shop: string; carrier: CarrierCode }) => {
      const connection = await carrierConnection({ shop, carrier });
      return connection && { ...connection, baseUrl: standin.baseUrlFor(carrier) };
    };
    const refused = await refreshShipment({
      shop: SHOP,
      shipmentId: created.id,
      now: clock,
      connect: wrongAccount,
    });
    expect(refused).toMatchObject({ outcome: "auth_failed", nextCheckAt: null });
    const account = await prisma.carrierAccount.findFirstOrThrow({ where: { shop: SHOP, carrier: "usps" } });
    expect(account.status).toBe("invalid");
    expect(account.credentials).not.toContain("wrong");
  });

  it("retries an unknown number later, and gives up after repeated not-found answers", async () => {
    const created = await shipment("ups", "1Z999AA10123456784");
    standin.markUnknown("1Z999AA10123456784");
    let result = await refresh(created.id);
    expect(result.outcome).toBe("not_found");
    expect(result.nextCheckAt).not.toBeNull();
    for (let attempt = 0; attempt < 10 && result.nextCheckAt; attempt += 1)
      result = await refresh(created.id);
    expect(result.nextCheckAt).toBeNull();
  });

  it("follows a hand-off to the last-mile carrier and stitches both timelines into one", async () => {
    // The stand-in hands about one UPS parcel in ten to USPS (SurePost); find one.
    clock = new Date(NOW.getTime() + 6 * 86_400_000);
    let handedOff: { id: string } | null = null;
    for (let n = 0; n < 60 && !handedOff; n += 1) {
      const created = await shipment(
        "ups",
        `1Z${String(n).padStart(6, "0")}03${String(n * 7919).padStart(8, "0")}`,
      );
      await refresh(created.id);
      const stored = await prisma.shipment.findUniqueOrThrow({ where: { id: created.id } });
      if (stored.lastMileCarrier) handedOff = stored;
    }
    expect(handedOff).not.toBeNull();
    const stored = await prisma.shipment.findUniqueOrThrow({ where: { id: handedOff?.id } });
    expect(isCarrierCode(stored.lastMileCarrier ?? "")).toBe(true);
    const sources = await prisma.trackingEvent.groupBy({
      by: ["source"],
      where: { shipmentId: stored.id },
      _count: { _all: true },
    });
    expect(sources.map((group) => group.source).sort()).toEqual(
      ["carrier:ups", `carrier:${stored.lastMileCarrier}`].sort(),
    );
  });
});
