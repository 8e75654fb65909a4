import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { runDeliveryWatchJob } from "../../app/models/delivery-watch.server";
import { listNeedsAttention } from "../../app/models/needs-attention.server";
import { attentionAfterStateChange } from "../../app/models/shipment-attention";
import { recheckShipments, resolveShipmentAttention } from "../../app/models/shipment-bulk.server";
import { shipmentsCsvStream } from "../../app/models/shipment-export.server";
import { NO_FILTERS, parseShipmentListParams } from "../../app/models/shipment-list-params";
import { listShipments } from "../../app/models/shipments.server";
import { action } from "../../app/routes/app.shipments";
import { loader as csvLoader } from "../../app/routes/app.shipments.csv";
import { APP_SCOPES } from "../../app/shopify-scopes";
import { sessionToken } from "../helpers/session-token";
import { TEST_ENV } from "../setup/test-env";

// The Shipments page's bulk actions: re-check now (one carrier refresh job per shipment, however often it is
// asked), mark resolved (an episode the hourly watch does not raise again until something new happens), the
// CSV export, and the routes' shop scoping: a posted id of another shop's shipment is ignored.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number, from = NOW) => new Date(from.getTime() - ms);
const later = (ms: number, from = NOW) => new Date(from.getTime() + ms);
// Shopify's library answers 410 to a request without a browser's user agent.
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36";

let serial = 0;

async function createShop(name: string): Promise<string> {
  serial += 1;
  const domain = `${name}-${serial}.myshopify.com`;
  await prisma.shop.create({ data: { domain, name, settings: { create: {} } } });
  await prisma.session.create({
    data: {
      id: `offline_${domain}`,
      shop: domain,
      state: "",
      isOnline: false,
      scope: APP_SCOPES.join(","),
      accessToken: `shpat_${serial}`,
    },
  });
  return domain;
}

async function createShipment(
  shop: string,
  fields: {
    status?: string;
    trackingNumber?: string | null;
    trackingCompany?: string | null;
    carrier?: string | null;
    orderName?: string;
    lastEventAt?: Date | null;
    windowEnd?: Date | null;
    attention?: { kind: string; reason: string; owner: string; since: Date } | null;
    createdAt?: Date;
  } = {},
) {
  serial += 1;
  const order = await prisma.order.create({
    data: {
      shop,
      shopifyId: `gid://shopify/Order/${serial}`,
      name: fields.orderName ?? `#${serial}`,
      orderedAt: ago(8 * DAY),
      destinationCountry: "US",
      destinationProvince: "CA",
    },
  });
  return prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${serial}`,
      trackingNumber: fields.trackingNumber === undefined ? `1Z${serial}` : fields.trackingNumber,
      trackingCompany: fields.trackingCompany ?? "UPS",
      carrier: fields.carrier === undefined ? "ups" : fields.carrier,
      status: fields.status ?? "in_transit",
      shippedAt: ago(7 * DAY),
      shopifyFulfillmentStatus: "success",
      lastEventAt: fields.lastEventAt === undefined ? ago(DAY) : fields.lastEventAt,
      windowEnd: fields.windowEnd ?? null,
      attention: fields.attention?.kind ?? null,
      attentionReason: fields.attention?.reason ?? null,
      attentionOwner: fields.attention?.owner ?? null,
      attentionSince: fields.attention?.since ?? null,
      ...(fields.createdAt ? { createdAt: fields.createdAt } : {}),
    },
  });
}

const refreshJobs = (shop: string) =>
  prisma.job.findMany({ where: { shop, type: "shipment.refresh" }, orderBy: { uniqueKey: "asc" } });

describe("re-check now", () => {
  it("queues one carrier refresh per trackable shipment to run now, and nothing more when asked again", async () => {
    const shop = await createShop("recheck");
    const other = await createShop("recheck-other");
    const moving = await createShipment(shop);
    const scheduled = await createShipment(shop, { status: "out_for_delivery" });
    const delivered = await createShipment(shop, { status: "delivered" });
    const untracked = await createShipment(shop, { trackingNumber: null });
    const foreign = await createShipment(other);
    // The poller had planned to look again in three hours.
    await prisma.job.create({
      data: {
        shop,
        type: "shipment.refresh",
        uniqueKey: `shipment.refresh:${scheduled.id}`,
        payload: JSON.stringify({ shipmentId: scheduled.id }),
        runAt: later(3 * HOUR),
      },
    });
    const ids = [moving.id, scheduled.id, delivered.id, untracked.id, foreign.id, "no-such-id", moving.id];

    expect(await recheckShipments({ shop, shipmentIds: ids, now: NOW })).toEqual({ queued: 2, skipped: 4 });
    const jobs = await refreshJobs(shop);
    expect(jobs.map((job) => job.uniqueKey).sort()).toEqual(
      [`shipment.refresh:${moving.id}`, `shipment.refresh:${scheduled.id}`].sort(),
    );
    for (const job of jobs) {
      expect(job).toMatchObject({ status: "queued", runAt: NOW });
      expect(JSON.parse(job.payload)).toEqual({ shipmentId: job.uniqueKey?.split(":")[1] });
    }
    expect(await refreshJobs(other)).toEqual([]);

    // Asked again (a double click): the same jobs, still due now.
    expect(await recheckShipments({ shop, shipmentIds: ids, now: later(HOUR) })).toEqual({
      queued: 2,
      skipped: 4,
    });
    const again = await refreshJobs(shop);
    expect(again.map((job) => [job.id, job.status, job.runAt])).toEqual(
      jobs.map((job) => [job.id, "queued", NOW]),
    );

    // A refresh that has run is queued again.
    await prisma.job.updateMany({ where: { shop }, data: { status: "done" } });
    await recheckShipments({ shop, shipmentIds: [moving.id], now: later(2 * HOUR) });
    const rerun = await prisma.job.findFirstOrThrow({
      where: { shop, uniqueKey: `shipment.refresh:${moving.id}` },
    });
    expect(rerun).toMatchObject({
      id: jobs.find((job) => job.uniqueKey?.endsWith(moving.id))?.id,
      status: "queued",
    });
    expect(await prisma.job.count({ where: { shop, type: "shipment.refresh" } })).toBe(2);
  });
});

describe("mark resolved", () => {
  const watch = (shop: string, now: Date) => runDeliveryWatchJob({ shop, payload: {}, now });
  const open = async (shop: string) =>
    (await listShipments({ shop, params: { ...NO_FILTERS, attention: "any" } })).shipments.map(
      (row) => row.id,
    );

  it("keeps a stuck parcel resolved through the hourly watch until a new scan starts a new episode", async () => {
    const shop = await createShop("resolve-stuck");
    const parcel = await createShipment(shop, { lastEventAt: ago(5 * DAY) });
    await watch(shop, NOW);
    const flagged = await prisma.shipment.findUniqueOrThrow({ where: { id: parcel.id } });
    expect(flagged).toMatchObject({ attention: "stuck", attentionResolvedAt: null });
    const alerts = await prisma.notification.count({ where: { shop } });

    const resolvedAt = later(10 * 60_000);
    expect(await resolveShipmentAttention({ shop, shipmentIds: [parcel.id], now: resolvedAt })).toEqual({
      resolved: 1,
    });
    expect(await open(shop)).toEqual([]);
    expect((await listNeedsAttention({ shop, limit: 25 })).items).toEqual([]);

    // Still silent, hours later: the same episode, not raised again nor announced again.
    for (const at of [later(2 * HOUR), later(3 * HOUR)]) {
      await watch(shop, at);
      expect(await prisma.shipment.findUniqueOrThrow({ where: { id: parcel.id } })).toMatchObject({
        attention: "stuck",
        attentionReason: flagged.attentionReason,
        attentionOwner: flagged.attentionOwner,
        attentionSince: flagged.attentionSince,
        attentionResolvedAt: resolvedAt,
      });
    }
    expect(await prisma.notification.count({ where: { shop } })).toBe(alerts);

    // The carrier scans it: the episode is over. Silent for days again, it is a new one.
    const scanAt = later(4 * HOUR);
    await prisma.shipment.update({ where: { id: parcel.id }, data: { lastEventAt: scanAt } });
    await watch(shop, later(5 * HOUR));
    expect(await prisma.shipment.findUniqueOrThrow({ where: { id: parcel.id } })).toMatchObject({
      attention: null,
    });
    const silentAgain = later(6 * DAY, scanAt);
    await watch(shop, silentAgain);
    expect(await prisma.shipment.findUniqueOrThrow({ where: { id: parcel.id } })).toMatchObject({
      attention: "stuck",
      attentionSince: silentAgain,
      attentionResolvedAt: null,
    });
    expect(await open(shop)).toEqual([parcel.id]);
  });

  it("keeps a late parcel resolved, and lets a higher finding open a new episode", async () => {
    const shop = await createShop("resolve-late");
    const late = await createShipment(shop, { windowEnd: ago(2 * DAY), lastEventAt: ago(10 * HOUR) });
    await watch(shop, NOW);
    expect(await prisma.shipment.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({
      attention: "late",
      attentionResolvedAt: null,
    });
    await resolveShipmentAttention({ shop, shipmentIds: [late.id], now: later(HOUR) });
    const alerts = await prisma.notification.count({ where: { shop } });
    await watch(shop, later(2 * HOUR));
    expect(await prisma.shipment.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({
      attention: "late",
      attentionResolvedAt: later(HOUR),
    });
    expect(await prisma.notification.count({ where: { shop } })).toBe(alerts);
    expect(await open(shop)).toEqual([]);

    // Silent far beyond its lane's tail: likely lost outranks late, a new finding the merchant hears of.
    await watch(shop, later(20 * DAY));
    expect(await prisma.shipment.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({
      attention: "lost",
      attentionResolvedAt: null,
    });
  });

  it("leaves a carrier-reported problem resolved while the carrier repeats it, and reopens on a new kind", () => {
    const stored = { attention: "exception", attentionReason: "damaged", attentionOwner: "carrier" };
    expect(attentionAfterStateChange(stored, { status: "exception", substatus: "damaged" }, NOW)).toBeNull();
    expect(attentionAfterStateChange(stored, { status: "exception", substatus: "lost" }, NOW)).toMatchObject({
      attention: "lost",
      attentionSince: NOW,
      attentionResolvedAt: null,
    });
  });

  it("counts only open problems of the shop's own shipments", async () => {
    const shop = await createShop("resolve-scope");
    const other = await createShop("resolve-scope-other");
    const problem = { kind: "exception", reason: "damaged", owner: "carrier", since: ago(DAY) };
    const mine = await createShipment(shop, { status: "exception", attention: problem });
    const fine = await createShipment(shop);
    const foreign = await createShipment(other, { status: "exception", attention: problem });
    expect(
      await resolveShipmentAttention({ shop, shipmentIds: [mine.id, fine.id, foreign.id], now: NOW }),
    ).toEqual({ resolved: 1 });
    expect(await resolveShipmentAttention({ shop, shipmentIds: [mine.id], now: later(HOUR) })).toEqual({
      resolved: 0,
    });
    expect(await prisma.shipment.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      attention: "exception",
      attentionResolvedAt: null,
    });
    expect((await prisma.shipment.findUniqueOrThrow({ where: { id: mine.id } })).attentionResolvedAt).toEqual(
      NOW,
    );
  });
});

async function readCsv(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

const HEADER =
  "order,tracking_number,carrier,status,open_problem,destination_country,destination_region,ordered_at,shipped_at,last_scan_at,window_end,delivered_at,shipment_id";

describe("CSV export", () => {
  it("writes every matching shipment once, in the page's order, as RFC 4180 with inert formulas", async () => {
    const shop = await createShop("export");
    const tricky = await createShipment(shop, {
      orderName: '=HYPERLINK("http://x")',
      trackingNumber: "-42",
      carrier: null,
      trackingCompany: 'Fast, "Best"\nCouriers',
      createdAt: later(DAY),
    });
    // More than one batch (1,000 rows), all created at the same instant: the id orders them.
    const createdAt = ago(DAY);
    const orders = Array.from({ length: 1_203 }, (_, index) => ({
      id: `exp-o${String(index).padStart(5, "0")}`,
      shop,
      shopifyId: `gid://shopify/Order/export-${index}`,
      name: `#${5000 + index}`,
      orderedAt: ago(2 * DAY),
    }));
    await prisma.order.createMany({ data: orders });
    await prisma.shipment.createMany({
      data: orders.map((order, index) => ({
        id: `exp-s${String(index).padStart(5, "0")}`,
        shop,
        orderId: order.id,
        shopifyFulfillmentId: `gid://shopify/Fulfillment/export-${index}`,
        trackingNumber: `EX${index}`,
        carrier: "usps",
        status: index % 2 ? "delivered" : "in_transit",
        createdAt,
      })),
    });

    const csv = await readCsv(shipmentsCsvStream({ shop, filters: NO_FILTERS, sort: "newest" }));
    expect(csv.endsWith("\r\n")).toBe(true);
    const records = csv.slice(0, -2).split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(records[0]).toBe(HEADER);
    expect(records).toHaveLength(1 + 1 + 1_203);
    expect(records[1]).toBe(
      `"'=HYPERLINK(""http://x"")",'-42,"Fast, ""Best""\nCouriers",In transit,,US,CA,${ago(8 * DAY).toISOString()},${ago(7 * DAY).toISOString()},${ago(DAY).toISOString()},,,${tricky.id}`,
    );
    const ids = records.slice(2).map((record) => record.split(",").at(-1));
    expect(ids).toEqual(orders.map((_, index) => `exp-s${String(1_202 - index).padStart(5, "0")}`));

    const delivered = await readCsv(
      shipmentsCsvStream({
        shop,
        filters: parseShipmentListParams(new URLSearchParams("status=delivered")),
        sort: "oldest",
      }),
    );
    const deliveredIds = delivered
      .trim()
      .split("\r\n")
      .slice(1)
      .map((record) => record.split(",").at(-1));
    expect(deliveredIds).toEqual(
      orders.map((_, index) => `exp-s${String(index).padStart(5, "0")}`).filter((_, index) => index % 2),
    );
  });
});

describe("the routes", () => {
  function request(shop: string, path: string, init: RequestInit = {}) {
    const token = sessionToken({
      shop,
      apiKey: TEST_ENV.SHOPIFY_API_KEY,
      apiSecret: TEST_ENV.SHOPIFY_API_SECRET,
    });
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${token}`);
    headers.set("User-Agent", USER_AGENT);
    return new Request(`${TEST_ENV.SHOPIFY_APP_URL}${path}`, { ...init, headers });
  }

  async function post(shop: string, fields: Array<[string, string]>) {
    const body = new URLSearchParams(fields);
    const result = await action({
      request: request(shop, "/app/shipments", {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
      params: {},
      context: {},
    });
    return result;
  }

  it("applies bulk actions to the authenticated shop's shipments only", async () => {
    const shop = await createShop("route");
    const other = await createShop("route-other");
    const problem = { kind: "stuck", reason: "no_recent_scan", owner: "carrier", since: ago(DAY) };
    const mine = await createShipment(shop, { attention: problem });
    const foreign = await createShipment(other, { attention: problem });
    const ids: Array<[string, string]> = [
      ["shipmentId", mine.id],
      ["shipmentId", foreign.id],
    ];

    expect(await post(shop, [["intent", "recheck"], ...ids])).toEqual({
      outcome: { intent: "recheck", queued: 1, skipped: 1 },
    });
    expect(await post(shop, [["intent", "resolve"], ...ids])).toEqual({
      outcome: { intent: "resolve", resolved: 1, selected: 2 },
    });
    expect(await refreshJobs(other)).toEqual([]);
    expect(await prisma.shipment.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      attentionResolvedAt: null,
    });
    expect(await post(shop, [["intent", "recheck"]])).toMatchObject({ outcome: { intent: "invalid" } });
  });

  it("downloads the view as an attachment, with selected ids of the shop only", async () => {
    const shop = await createShop("route-csv");
    const other = await createShop("route-csv-other");
    const first = await createShipment(shop, { orderName: "#1", createdAt: ago(2 * HOUR) });
    const second = await createShipment(shop, { orderName: "#2", status: "delivered", createdAt: ago(HOUR) });
    const foreign = await createShipment(other, { orderName: "#1" });

    const all = await csvLoader({ request: request(shop, "/app/shipments/csv"), params: {}, context: {} });
    expect(all.status).toBe(200);
    expect(all.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(all.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="shipments-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await all.text()).trim().split("\r\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["#2", "#1"]);

    const filtered = await csvLoader({
      request: request(
        shop,
        `/app/shipments/csv?status=in_transit&ids=${first.id},${second.id},${foreign.id}`,
      ),
      params: {},
      context: {},
    });
    const filteredLines = (await filtered.text()).trim().split("\r\n").slice(1);
    expect(filteredLines.map((line) => line.split(",").at(-1))).toEqual([first.id]);

    const selected = await csvLoader({
      request: request(shop, `/app/shipments/csv?ids=${foreign.id}`),
      params: {},
      context: {},
    });
    expect((await selected.text()).trim()).toBe(HEADER);
  });
});
