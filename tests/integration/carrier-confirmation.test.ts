import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import {
  assignCarrier,
  CarrierConfirmationError,
  confirmShipmentCarrier,
  listAmbiguousShipments,
  shopCarrierHistory,
} from "../../app/models/shipment-carrier.server";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { fulfillmentBody, orderBody } from "../helpers/shopify-payloads";
import { deliver } from "../helpers/webhook-actions";

const SHOP = "ambiguous.myshopify.com";
const OTHER_SHOP = "elsewhere.myshopify.com";
// 12 digits that pass both FedEx Express's and Purolator's check digits (found in the shared data).
const FEDEX_OR_PUROLATOR = "524628194820";

if (!sharedDirExists())
  console.warn("skipping carrier confirmation: Purolator is only in ../shared's tracking-number data");

beforeEach(async () => {
  await prisma.shop.deleteMany({});
  for (const domain of [SHOP, OTHER_SHOP]) await prisma.shop.create({ data: { domain, name: domain } });
});

async function shipmentFor(shop: string, trackingNumber: string) {
  const assignment = assignCarrier({
    trackingNumber,
    trackingCompany: "Other",
    shopifyTrackingUrl: null,
    shopHistory: await shopCarrierHistory(shop, 0),
  });
  const order = await prisma.order.create({
    data: { shop, shopifyId: `gid://shopify/Order/${trackingNumber}`, name: "#7", orderedAt: new Date() },
  });
  return prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${trackingNumber}`,
      trackingNumber,
      ...assignment,
    },
  });
}

describe.skipIf(!sharedDirExists())("ambiguous tracking numbers", () => {
  it("are shown to the merchant with their candidates instead of silently picking the first match", async () => {
    const shipment = await shipmentFor(SHOP, FEDEX_OR_PUROLATOR);
    console.log(
      shipment.carrier,
      shipment.carrierAmbiguous,
      shipment.carrierCandidates,
      shipment.trackingNumber,
    );
    const listed = await listAmbiguousShipments({ shop: SHOP });
    expect(listed.map((row) => row.id)).toEqual([shipment.id]);
    expect(listed[0]?.candidates.map((candidate) => candidate.carrier).sort()).toEqual([
      "fedex",
      "purolator",
    ]);
    expect(await listAmbiguousShipments({ shop: OTHER_SHOP })).toEqual([]);
  });

  it("take the merchant's answer, queue tracking, and settle the shop's next ambiguous number the same way", async () => {
    const first = await shipmentFor(SHOP, FEDEX_OR_PUROLATOR);
    await confirmShipmentCarrier({ shop: SHOP, shipmentId: first.id, carrier: "fedex" });
    const confirmed = await prisma.shipment.findUniqueOrThrow({ where: { id: first.id } });
    expect([confirmed.carrier, confirmed.carrierConfirmed, confirmed.carrierAmbiguous]).toEqual([
      "fedex",
      true,
      false,
    ]);
    expect(confirmed.trackingUrl).toMatch(/fedex\.com/);
    expect(await prisma.job.count({ where: { shop: SHOP, type: "shipment.refresh" } })).toBe(1);
    expect(await shopCarrierHistory(SHOP)).toMatchObject({ fedex: 1 });

    const next = await shipmentFor(SHOP, "799531274483");
    const nextAmbiguous = await shipmentFor(SHOP, "986578788855");
    for (const shipment of [next, nextAmbiguous]) expect(shipment.carrier).toBe("fedex");
    expect(nextAmbiguous.carrierAmbiguous).toBe(false);
  });

  it("refuse a carrier that is not a candidate, or another shop's shipment", async () => {
    const shipment = await shipmentFor(SHOP, FEDEX_OR_PUROLATOR);
    await expect(
      confirmShipmentCarrier({ shop: SHOP, shipmentId: shipment.id, carrier: "ups" }),
    ).rejects.toThrow(CarrierConfirmationError);
    await expect(
      confirmShipmentCarrier({ shop: OTHER_SHOP, shipmentId: shipment.id, carrier: "fedex" }),
    ).rejects.toThrow(CarrierConfirmationError);
    expect((await prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).carrierConfirmed).toBe(
      false,
    );
  });

  it("keep the merchant's answer when Shopify sends the fulfillment again (the worker's fast path)", async () => {
    // A shop of its own: no earlier answer in its history settles the number.
    const shop = "fast-path.myshopify.com";
    await prisma.shop.create({ data: { domain: shop, name: shop } });
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 15, minutes)).toISOString();
    let serial = 0;
    const webhook = (topic: string, body: string) => {
      serial += 1;
      return deliver(shop, { topic, body, webhookId: `fast-path-${serial}` });
    };
    await webhook("orders/create", orderBody({ updatedAt: at(0) }));
    await webhook(
      "fulfillments/create",
      fulfillmentBody({ updatedAt: at(1), numbers: [FEDEX_OR_PUROLATOR], company: "Other" }),
    );
    const shipment = await prisma.shipment.findFirstOrThrow({ where: { shop } });
    expect([shipment.carrier, shipment.carrierAmbiguous]).toEqual(["purolator", true]);
    await confirmShipmentCarrier({ shop, shipmentId: shipment.id, carrier: "fedex" });
    await webhook(
      "fulfillments/update",
      fulfillmentBody({ updatedAt: at(5), numbers: [FEDEX_OR_PUROLATOR], company: "Other" }),
    );
    const after = await prisma.shipment.findUniqueOrThrow({ where: { id: shipment.id } });
    expect([after.carrier, after.carrierConfirmed, after.shopifyUpdatedAt?.toISOString()]).toEqual([
      "fedex",
      true,
      at(5),
    ]);
  });
});
