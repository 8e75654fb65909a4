import { afterEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { applyOrderSnapshot } from "../../app/models/order-sync.server";
import {
  writeBackMilestone,
  WriteBackError,
  type CarrierMilestone,
} from "../../app/models/write-back.server";
import { orderFromGraphql } from "../../app/services/shopify-snapshots";
import type { ShopifyStandin } from "../../shopify-standin";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { installedShopWithStandin } from "../helpers/standin-shop";

const SHOP = "write-back.myshopify.com";
const OUT_FOR_DELIVERY: CarrierMilestone = {
  status: "out_for_delivery",
  occurredAt: new Date("2026-11-20T08:15:00Z"),
  description: "Out for delivery",
  city: "Oakland",
  region: "CA",
  country: "US",
  postalCode: "94607",
};

if (!sharedDirExists())
  console.warn("skipping write-back tests: the stand-in needs ../shared for Admin GraphQL");

let standin: ShopifyStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
  await prisma.shop.deleteMany({});
  await prisma.session.deleteMany({});
});

async function shipmentWithoutShopifyScans() {
  const setup = await installedShopWithStandin({ shop: SHOP, orders: 30 });
  standin = setup.standin;
  const order = standin.shop(SHOP).orders.find((o) => o.fulfillments[0]?.status === "SUCCESS");
  const fulfillment = order?.fulfillments[0];
  if (!order || !fulfillment) throw new Error("no fulfilled order in the stand-in");
  fulfillment.events = [];
  const snapshot = orderFromGraphql({ ...order, fulfillments: [{ ...fulfillment, events: { nodes: [] } }] });
  await prisma.$transaction((tx) => applyOrderSnapshot(tx, { shop: SHOP, order: snapshot }));
  const shipment = await prisma.shipment.findFirstOrThrow({
    where: { shop: SHOP, shopifyFulfillmentId: fulfillment.id },
  });
  return { ...setup, shipment, fulfillment };
}

describe.skipIf(!sharedDirExists())("write-back of carrier milestones", () => {
  it("is off by default", async () => {
    const { admin, shipment, fulfillment } = await shipmentWithoutShopifyScans();
    expect(
      await writeBackMilestone({ shop: SHOP, admin, shipmentId: shipment.id, milestone: OUT_FOR_DELIVERY }),
    ).toBe("disabled");
    expect(fulfillment.events).toHaveLength(0);
  });

  it("posts the milestone to Shopify when the merchant turned it on, once", async () => {
    const { admin, shipment, fulfillment } = await shipmentWithoutShopifyScans();
    await prisma.shopSettings.upsert({
      where: { shop: SHOP },
      create: { shop: SHOP, writeBackToShopify: true },
      update: { writeBackToShopify: true },
    });
    expect(
      await writeBackMilestone({ shop: SHOP, admin, shipmentId: shipment.id, milestone: OUT_FOR_DELIVERY }),
    ).toBe("written");
    expect(fulfillment.events.map((e) => [e.status, e.city, new Date(e.happenedAt).toISOString()])).toEqual([
      ["OUT_FOR_DELIVERY", "Oakland", "2026-11-20T08:15:00.000Z"],
    ]);
    await prisma.trackingEvent.create({
      data: {
        shop: SHOP,
        shipmentId: shipment.id,
        status: "out_for_delivery",
        rawCode: "OUT_FOR_DELIVERY",
        occurredAt: OUT_FOR_DELIVERY.occurredAt,
        source: "shopify",
        dedupeKey: "shopify:echo",
      },
    });
    expect(
      await writeBackMilestone({ shop: SHOP, admin, shipmentId: shipment.id, milestone: OUT_FOR_DELIVERY }),
    ).toBe("already_in_shopify");
    expect(fulfillment.events).toHaveLength(1);
  });

  it("does not post what Shopify has no event for, and reports Shopify's refusal", async () => {
    const { admin, shipment } = await shipmentWithoutShopifyScans();
    await prisma.shopSettings.upsert({
      where: { shop: SHOP },
      create: { shop: SHOP, writeBackToShopify: true },
      update: { writeBackToShopify: true },
    });
    const delayed = { ...OUT_FOR_DELIVERY, status: "delayed" as const };
    expect(await writeBackMilestone({ shop: SHOP, admin, shipmentId: shipment.id, milestone: delayed })).toBe(
      "not_a_shopify_milestone",
    );
    await prisma.shipment.update({
      where: { id: shipment.id },
      data: { shopifyFulfillmentId: "gid://shopify/Fulfillment/404" },
    });
    const refused = await writeBackMilestone({
      shop: SHOP,
      admin,
      shipmentId: shipment.id,
      milestone: OUT_FOR_DELIVERY,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WriteBackError);
    expect(String(refused)).toMatch(/Fulfillment does not exist/);
  });
});
