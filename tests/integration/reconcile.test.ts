import { afterEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { pollBackfill, startBackfill } from "../../app/models/backfill.server";
import { reconcileShop } from "../../app/models/reconcile.server";
import {
  createStandinFulfillmentEvent,
  updateStandinFulfillment,
  updateStandinOrder,
  type ShopifyStandin,
} from "../../shopify-standin";
import { sharedDirExists } from "../../shopify-standin/shared-dir";
import { installedShopWithStandin } from "../helpers/standin-shop";

const SHOP = "reconcile.myshopify.com";

if (!sharedDirExists())
  console.warn("skipping reconciliation tests: the stand-in needs ../shared for Admin GraphQL");

let standin: ShopifyStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
  await prisma.shop.deleteMany({});
  await prisma.session.deleteMany({});
});

describe.skipIf(!sharedDirExists())("reconciliation", () => {
  it("repairs changes whose webhooks never arrived, paging through everything updated since the last pass", async () => {
    const setup = await installedShopWithStandin({ shop: SHOP, orders: 80 });
    standin = setup.standin;
    const run = await startBackfill({ shop: SHOP, admin: setup.admin });
    while ((await pollBackfill({ shop: SHOP, admin: setup.admin, runId: run.id })) === "waiting") {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const first = await reconcileShop({ shop: SHOP, admin: setup.admin, pageSize: 7 });
    expect(first.status).toBe("completed");

    // Changes made in Shopify after that pass, with no webhook sent.
    const store = standin.shop(SHOP);
    const shipped = store.orders.find(
      (order) => order.fulfillments[0] && order.fulfillments[0].status === "SUCCESS",
    );
    const fulfillmentId = shipped?.fulfillments[0]?.id ?? "";
    const later = Date.now() + 1_000;
    createStandinFulfillmentEvent(
      store,
      { fulfillmentId, status: "OUT_FOR_DELIVERY", city: "Oakland" },
      { at: later },
    );
    updateStandinFulfillment(
      store,
      fulfillmentId,
      { trackingInfo: [{ number: "1ZNEWNUMBER0000001", company: "UPS", url: null }] },
      { at: later },
    );
    const renamed = store.orders[3];
    updateStandinOrder(
      store,
      renamed?.id ?? "",
      { shippingAddress: { countryCodeV2: "CA", provinceCode: "ON", zip: "M5V 2T6" } },
      { at: later },
    );

    const second = await reconcileShop({
      shop: SHOP,
      admin: setup.admin,
      pageSize: 7,
      now: new Date(later + 1_000),
    });
    expect(second.status).toBe("completed");
    expect(second.ordersApplied).toBeGreaterThanOrEqual(2);
    expect(second.ordersApplied).toBeLessThan(80);

    const shipment = await prisma.shipment.findFirstOrThrow({
      where: { shop: SHOP, shopifyFulfillmentId: fulfillmentId },
    });
    expect(shipment.trackingNumber).toBe("1ZNEWNUMBER0000001");
    expect(shipment.status).toBe("out_for_delivery");
    const moved = await prisma.order.findFirstOrThrow({ where: { shop: SHOP, shopifyId: renamed?.id } });
    expect([moved.destinationCountry, moved.destinationPostalPrefix]).toEqual(["CA", "M5V"]);
  });

  it("records a failed pass when Shopify stays unavailable, and the next pass starts from the last good one", async () => {
    const setup = await installedShopWithStandin({ shop: SHOP, orders: 10 });
    standin = setup.standin;
    const good = await reconcileShop({ shop: SHOP, admin: setup.admin });
    // As many failures as the client has attempts (6): the pass gives up, and the next request succeeds.
    standin.failNextRequests({ failure: 503, count: 6, target: "admin" });
    const failure = await reconcileShop({ shop: SHOP, admin: setup.admin }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    const runs = await prisma.syncRun.findMany({
      where: { shop: SHOP, kind: "reconcile" },
      orderBy: { startedAt: "asc" },
    });
    expect(runs.map((r) => r.status)).toEqual(["completed", "failed"]);
    const next = await reconcileShop({ shop: SHOP, admin: setup.admin });
    expect(next.status).toBe("completed");
    expect(next.sinceAt?.getTime()).toBe(good.startedAt.getTime() - 10 * 60_000);
  }, 60_000);
});
