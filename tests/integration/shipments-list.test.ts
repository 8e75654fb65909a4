import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import prisma, { rawSql } from "../../app/db.server";
import { listCarrierPrompts } from "../../app/models/shipment-carrier-prompts.server";
import { confirmShipmentCarrier } from "../../app/models/shipment-carrier.server";
import { PLAN_THRESHOLDS } from "../../app/models/shipment-list-plan.server";
import {
  NO_FILTERS,
  SHIPMENT_SORTS,
  parseShipmentListParams,
  type ShipmentListParams,
  type ShipmentSort,
} from "../../app/models/shipment-list-params";
import { listShipments, type ShipmentListRow } from "../../app/models/shipments.server";
import { hashCustomerEmail } from "../../app/services/customer-identity.server";
import { TEST_ENV } from "../setup/test-env";

// The Shipments page's list: search by each key, every filter, every sort, cursor pages forwards and back with
// many equal sort keys, on both ways the list can be answered (walking the sort's index, or reading a narrow
// filter's range and sorting it), and never a row of another shop.

const SHOP = "list-alpha.myshopify.com";
const OTHER_SHOP = "list-bravo.myshopify.com";
// Day boundaries of the order-date filter are the shop's own: midnight in New York is 04:00 or 05:00 UTC.
const TIME_ZONE = "America/New_York";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE = Date.parse("2026-10-01T12:00:00Z");

const STATUSES = ["in_transit", "delivered", "exception", "pre_transit", "out_for_delivery", "returned"];
const CARRIERS = ["ups", "fedex", "usps", null];
const DESTINATIONS = [
  { country: "US", province: "CA" },
  { country: "US", province: "NY" },
  { country: "CA", province: "ON" },
  { country: "GB", province: null },
];
const ATTENTION = [null, "late", "stuck", "exception", "lost", null, null];

type Expected = ShipmentListRow & { shop: string; resolved: boolean; emailIndex: number };

const expected: Expected[] = [];

function pick<T>(values: readonly T[], index: number): T {
  return values[index % values.length] as T;
}

function email(index: number) {
  return `Shopper+${index}@Example.com`;
}

// 48 shipments of SHOP on 40 orders (orders 0–7 are split in two), with equal creation times in fours, equal
// last scans in sixes, missing scans and windows; OTHER_SHOP has the same order names, tracking numbers and
// customers, which must never show.
async function seed(shop: string, offset: number) {
  await prisma.shop.create({ data: { domain: shop, name: shop, timezone: TIME_ZONE } });
  for (let orderIndex = 0; orderIndex < 40; orderIndex += 1) {
    const destination = pick(DESTINATIONS, orderIndex);
    const orderedAt = new Date(BASE + (orderIndex % 10) * DAY + (orderIndex % 3) * 7 * HOUR);
    const emailIndex = orderIndex % 7;
    const order = await prisma.order.create({
      data: {
        id: `${shop.slice(5, 10)}-o${String(orderIndex).padStart(3, "0")}`,
        shop,
        shopifyId: `gid://shopify/Order/${offset + orderIndex}`,
        name: `#${1001 + orderIndex}`,
        orderedAt,
        destinationCountry: destination.country,
        destinationProvince: destination.province,
        customerEmailHash: hashCustomerEmail({
          shop,
          email: email(emailIndex),
          key: TEST_ENV.CUSTOMER_HASH_KEY,
        }),
      },
    });
    const parcels = orderIndex < 8 ? [0, 1] : [0];
    for (const parcel of parcels) {
      const index = orderIndex + parcel * 40;
      const id = `${shop.slice(5, 10)}-s${String(index).padStart(3, "0")}`;
      const attention = ATTENTION[index % ATTENTION.length] ?? null;
      const resolved = attention !== null && index % 5 === 0;
      const row = {
        id,
        shop,
        orderId: order.id,
        shopifyFulfillmentId: `gid://shopify/Fulfillment/${offset + index}`,
        trackingNumber: index === 3 ? null : `1Z${String(index).padStart(4, "0")}AB`,
        trackingCompany: "Carrier Co",
        carrier: CARRIERS[index % CARRIERS.length] ?? null,
        status: pick(STATUSES, index),
        createdAt: new Date(BASE + Math.floor(index / 4) * HOUR),
        lastEventAt: index % 5 === 0 ? null : new Date(BASE + (index % 6) * HOUR),
        windowEnd: index % 3 === 0 ? null : new Date(BASE + (index % 4) * DAY),
        shippedAt: new Date(BASE + (index % 3) * DAY),
        deliveredAt:
          STATUSES[index % STATUSES.length] === "delivered" ? new Date(BASE + (index % 5) * DAY) : null,
        attention,
        attentionReason: attention ? "window_passed" : null,
        attentionOwner: attention ? "carrier" : null,
        attentionSince: attention ? new Date(BASE) : null,
        attentionResolvedAt: resolved ? new Date(BASE + DAY) : null,
      };
      await prisma.shipment.create({ data: row });
      if (shop === SHOP) {
        expected.push({
          id,
          shop,
          orderName: order.name,
          trackingNumber: row.trackingNumber,
          trackingCompany: row.trackingCompany,
          carrier: row.carrier,
          status: row.status,
          attention: resolved ? null : attention,
          shippedAt: row.shippedAt,
          windowEnd: row.windowEnd,
          deliveredAt: row.deliveredAt,
          lastEventAt: row.lastEventAt,
          createdAt: row.createdAt,
          orderedAt,
          destinationCountry: destination.country,
          destinationProvince: destination.province,
          resolved,
          emailIndex,
        });
      }
    }
  }
}

beforeAll(async () => {
  await seed(SHOP, 0);
  await seed(OTHER_SHOP, 10_000);
});

afterEach(() => {
  PLAN_THRESHOLDS.narrowRows = 10_000;
  PLAN_THRESHOLDS.narrowOrderDaysRows = 50_000;
  vi.restoreAllMocks();
});

// The two ways of answering: every filter narrow enough to drive (the test shop is tiny), or none.
const PLANS = {
  "a narrow filter drives": () => {
    PLAN_THRESHOLDS.narrowRows = Number.POSITIVE_INFINITY;
    PLAN_THRESHOLDS.narrowOrderDaysRows = Number.POSITIVE_INFINITY;
  },
  "the sort's index drives": () => {
    PLAN_THRESHOLDS.narrowRows = 0;
    PLAN_THRESHOLDS.narrowOrderDaysRows = 0;
  },
};

const time = (value: Date | null) => value?.getTime() ?? null;

// The order each sort promises, worked out here rather than by the database: ids break ties.
function compare(sort: ShipmentSort) {
  const byId = (a: Expected, b: Expected) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const keyed = (key: (row: Expected) => number | null, descending: boolean, nullsFirst: boolean) => {
    return (a: Expected, b: Expected) => {
      const [x, y] = [key(a), key(b)];
      if (x === null || y === null) {
        if (x === y) return byId(a, b);
        return (x === null) === nullsFirst ? -1 : 1;
      }
      if (x !== y) return descending ? y - x : x - y;
      return descending ? -byId(a, b) : byId(a, b);
    };
  };
  switch (sort) {
    case "newest":
      return keyed((row) => time(row.createdAt), true, false);
    case "oldest":
      return keyed((row) => time(row.createdAt), false, false);
    case "last-scan":
      return keyed((row) => time(row.lastEventAt), false, true);
    case "window-end":
      return keyed((row) => time(row.windowEnd), false, false);
  }
}

function view(query: string): ShipmentListParams {
  return parseShipmentListParams(new URLSearchParams(query));
}

// Every page of the view, following next cursors, then every page again following previous cursors back.
async function walk(params: ShipmentListParams, limit = 5) {
  const pages: string[][] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard += 1) {
    const page = await listShipments({ shop: SHOP, params: { ...params, after }, limit });
    pages.push(page.shipments.map((row) => row.id));
    expect(page.hasPrevious).toBe(after !== null);
    if (!page.hasNext) {
      expect(page.nextCursor).toBeNull();
      break;
    }
    after = page.nextCursor;
  }
  const back: string[][] = [];
  let before: string | null = null;
  let last = await listShipments({ shop: SHOP, params: { ...params, after: null }, limit });
  // Walk to the end again, then back to the start with previous cursors.
  while (last.hasNext)
    last = await listShipments({ shop: SHOP, params: { ...params, after: last.nextCursor }, limit });
  back.unshift(last.shipments.map((row) => row.id));
  before = last.previousCursor;
  while (before) {
    const page = await listShipments({ shop: SHOP, params: { ...params, before }, limit });
    back.unshift(page.shipments.map((row) => row.id));
    before = page.hasPrevious ? page.previousCursor : null;
  }
  return { forward: pages, backward: back };
}

function expectedIds(filter: (row: Expected) => boolean, sort: ShipmentSort = "newest"): string[] {
  return expected
    .filter(filter)
    .sort(compare(sort))
    .map((row) => row.id);
}

const FILTER_VIEWS: Array<{ name: string; query: string; matches: (row: Expected) => boolean }> = [
  { name: "no filter", query: "", matches: () => true },
  { name: "one status", query: "status=delivered", matches: (row) => row.status === "delivered" },
  {
    name: "several statuses",
    query: "status=in_transit,exception,out_for_delivery",
    matches: (row) => ["in_transit", "exception", "out_for_delivery"].includes(row.status),
  },
  { name: "carrier", query: "carrier=fedex", matches: (row) => row.carrier === "fedex" },
  {
    name: "carrier and status",
    query: "carrier=ups&status=in_transit,pre_transit",
    matches: (row) => row.carrier === "ups" && ["in_transit", "pre_transit"].includes(row.status),
  },
  { name: "late", query: "attention=late", matches: (row) => row.attention === "late" },
  { name: "stuck", query: "attention=stuck", matches: (row) => row.attention === "stuck" },
  { name: "exception", query: "attention=exception", matches: (row) => row.attention === "exception" },
  { name: "lost", query: "attention=lost", matches: (row) => row.attention === "lost" },
  { name: "any open problem", query: "attention=any", matches: (row) => row.attention !== null },
  {
    name: "country",
    query: "destination=US",
    matches: (row) => row.destinationCountry === "US",
  },
  {
    name: "country and region",
    query: "destination=us-ny",
    matches: (row) => row.destinationCountry === "US" && row.destinationProvince === "NY",
  },
  {
    name: "a region of another country",
    query: "destination=CA-ON",
    matches: (row) => row.destinationCountry === "CA" && row.destinationProvince === "ON",
  },
  {
    name: "a country without regions",
    query: "destination=GB",
    matches: (row) => row.destinationCountry === "GB",
  },
  {
    // Both filters are the order's: the destination's range is the narrower (10 orders, against 32).
    name: "destination and order days",
    query: "destination=US-CA&orderedFrom=2026-10-03",
    matches: (row) =>
      row.destinationCountry === "US" &&
      row.destinationProvince === "CA" &&
      row.orderedAt.getTime() >= Date.parse("2026-10-03T04:00:00Z"),
  },
  {
    // And here the days' (8 orders, against 20).
    name: "order days and destination",
    query: "orderedFrom=2026-10-09&destination=US",
    matches: (row) =>
      row.destinationCountry === "US" && row.orderedAt.getTime() >= Date.parse("2026-10-09T04:00:00Z"),
  },
  {
    // Oct 3 and 4 in New York: from 04:00 UTC on the 3rd to 04:00 UTC on the 5th.
    name: "ordered between two days",
    query: "orderedFrom=2026-10-03&orderedTo=2026-10-04",
    matches: (row) =>
      row.orderedAt.getTime() >= Date.parse("2026-10-03T04:00:00Z") &&
      row.orderedAt.getTime() < Date.parse("2026-10-05T04:00:00Z"),
  },
  {
    name: "ordered from a day on",
    query: "orderedFrom=2026-10-08",
    matches: (row) => row.orderedAt.getTime() >= Date.parse("2026-10-08T04:00:00Z"),
  },
  {
    // What the dashboard's "shipped today" links to: Oct 2 in New York.
    name: "shipped on a day",
    query: "shippedFrom=2026-10-02&shippedTo=2026-10-02",
    matches: (row) =>
      row.shippedAt !== null &&
      row.shippedAt.getTime() >= Date.parse("2026-10-02T04:00:00Z") &&
      row.shippedAt.getTime() < Date.parse("2026-10-03T04:00:00Z"),
  },
  {
    name: "delivered between two days",
    query: "status=delivered&deliveredFrom=2026-10-03&deliveredTo=2026-10-05",
    matches: (row) =>
      row.status === "delivered" &&
      row.deliveredAt !== null &&
      row.deliveredAt.getTime() >= Date.parse("2026-10-03T04:00:00Z") &&
      row.deliveredAt.getTime() < Date.parse("2026-10-06T04:00:00Z"),
  },
  {
    name: "everything at once",
    query:
      "status=in_transit,exception,delivered&carrier=ups&attention=any&destination=US&orderedTo=2026-10-09",
    matches: (row) =>
      ["in_transit", "exception", "delivered"].includes(row.status) &&
      row.carrier === "ups" &&
      row.attention !== null &&
      row.destinationCountry === "US" &&
      row.orderedAt.getTime() < Date.parse("2026-10-10T04:00:00Z"),
  },
];

describe.each(Object.entries(PLANS))("when %s", (_plan, usePlan) => {
  it.each(FILTER_VIEWS)(
    "filters by $name in every sort, page after page, forwards and back",
    async (filterView) => {
      usePlan();
      for (const sort of SHIPMENT_SORTS) {
        const params = { ...view(filterView.query), sort };
        const want = expectedIds(filterView.matches, sort);
        const { forward, backward } = await walk(params);
        expect(forward.flat(), `${filterView.name}, ${sort}`).toEqual(want);
        expect(backward.flat(), `${filterView.name}, ${sort}, backwards`).toEqual(want);
        // No page is short but the last, so none skipped a row.
        for (const page of forward.slice(0, -1)) expect(page).toHaveLength(5);
      }
    },
  );
});

describe("the window-end sort", () => {
  it.each(Object.keys(PLANS))(
    "lists the soonest window first and parcels without a window last, across pages, when %s",
    async (plan) => {
      PLANS[plan as keyof typeof PLANS]();
      const byId = new Map(expected.map((row) => [row.id, row]));
      // 7 a page: one page holds the last dated parcels and the first undated ones, the next undated only.
      const { forward, backward } = await walk({ ...view(""), sort: "window-end" }, 7);
      expect(backward).toEqual(forward);
      const windows = forward.map((page) => page.map((id) => byId.get(id)?.windowEnd?.getTime() ?? null));
      const flat = windows.flat();
      const dated = flat.filter((time) => time !== null);
      expect(dated).toHaveLength(32);
      expect(dated).toEqual([...dated].sort((a, b) => a - b));
      // Every undated parcel after every dated one.
      expect(flat.slice(dated.length).every((time) => time === null)).toBe(true);
      expect(
        windows.some((page) => page.some((time) => time === null) && page.some((time) => time !== null)),
      ).toBe(true);
      expect(windows.at(-1)?.every((time) => time === null)).toBe(true);
    },
  );
});

describe("search", () => {
  it("finds an order's shipments by its name, with or without #", async () => {
    for (const q of ["#1003", "1003", " 1003 "]) {
      const page = await listShipments({ shop: SHOP, params: view(`q=${encodeURIComponent(q)}`) });
      expect(page.shipments.map((row) => row.id).sort(), q).toEqual(["alpha-s002", "alpha-s042"]);
      expect(page.shipments.every((row) => row.orderName === "#1003")).toBe(true);
    }
  });

  it("finds a shipment by its tracking number, as stored or typed with spaces, dashes or in lower case", async () => {
    for (const q of ["1Z0012AB", "1z 0012-ab", " 1Z0012ab "]) {
      const page = await listShipments({ shop: SHOP, params: view(`q=${encodeURIComponent(q)}`) });
      expect(
        page.shipments.map((row) => row.id),
        q,
      ).toEqual(["alpha-s012"]);
    }
  });

  it("finds a customer's shipments by email, through the keyed hash, in any case", async () => {
    const page = await listShipments({
      shop: SHOP,
      params: view(`q=${encodeURIComponent("  shopper+2@EXAMPLE.com ")}`),
    });
    expect(page.shipments.map((row) => row.id)).toEqual(expectedIds((row) => row.emailIndex === 2));
  });

  it("combines the search with filters and finds nothing for a stranger", async () => {
    const page = await listShipments({ shop: SHOP, params: view("q=1003&status=delivered") });
    expect(page.shipments.map((row) => row.id)).toEqual(
      expectedIds((row) => row.orderName === "#1003" && row.status === "delivered"),
    );
    for (const q of ["#9999", "nobody@example.com", "NOPE123"]) {
      const empty = await listShipments({ shop: SHOP, params: view(`q=${encodeURIComponent(q)}`) });
      expect(empty.shipments, q).toEqual([]);
      expect(empty.hasNext).toBe(false);
    }
  });
});

describe("shop scoping", () => {
  it("never lists another shop's shipment, whatever the view", async () => {
    const views = [...FILTER_VIEWS.map((entry) => entry.query), "q=1003", "q=shopper%2B2%40example.com"];
    for (const plan of Object.values(PLANS)) {
      plan();
      for (const query of views) {
        for (const sort of SHIPMENT_SORTS) {
          const page = await listShipments({ shop: SHOP, params: { ...view(query), sort }, limit: 100 });
          expect(
            page.shipments.every((row) => row.id.startsWith("alpha-")),
            `${query} ${sort}`,
          ).toBe(true);
        }
      }
    }
    const other = await listShipments({ shop: OTHER_SHOP, params: view("q=1003"), limit: 100 });
    expect(other.shipments.map((row) => row.id).sort()).toEqual(["bravo-s002", "bravo-s042"]);
  });

  it("ignores a cursor of another sort, or one that is not a cursor", async () => {
    const first = await listShipments({ shop: SHOP, params: view("sort=oldest"), limit: 5 });
    const misread = await listShipments({
      shop: SHOP,
      params: { ...view(""), after: first.nextCursor },
      limit: 5,
    });
    const fresh = await listShipments({ shop: SHOP, params: view(""), limit: 5 });
    expect(misread.shipments).toEqual(fresh.shipments);
    const garbage = await listShipments({ shop: SHOP, params: { ...NO_FILTERS, after: "not-a-cursor" } });
    expect(garbage.shipments.length).toBe(48);
  });
});

const CARDS_SHOP = "list-carriers.myshopify.com";

describe("the carrier confirmation card", () => {
  const SHIPMENTS = 1_050;
  const CANDIDATES = JSON.stringify([
    { carrier: "purolator", confidence: 0.65 },
    { carrier: "fedex", confidence: 0.61 },
  ]);
  const shipmentId = (index: number) => `cards-s${String(index).padStart(4, "0")}`;

  beforeAll(async () => {
    await prisma.shop.create({ data: { domain: CARDS_SHOP, name: CARDS_SHOP } });
    // The oldest shipment and the 31st have numbers two carriers could own, with more than 1,000 shipments
    // after them; one of the newest too. The 11th was ambiguous and is confirmed already.
    const ambiguous = new Set([0, 10, 30, SHIPMENTS - 10]);
    await prisma.order.createMany({
      data: Array.from({ length: SHIPMENTS }, (_, index) => ({
        id: `cards-o${index}`,
        shop: CARDS_SHOP,
        shopifyId: `gid://shopify/Order/${50_000 + index}`,
        name: `#${5001 + index}`,
        orderedAt: new Date(BASE + index * HOUR),
      })),
    });
    await prisma.shipment.createMany({
      data: Array.from({ length: SHIPMENTS }, (_, index) => ({
        id: shipmentId(index),
        shop: CARDS_SHOP,
        orderId: `cards-o${index}`,
        shopifyFulfillmentId: `gid://shopify/Fulfillment/${50_000 + index}`,
        trackingNumber: `5246281${String(index).padStart(5, "0")}`,
        carrier: ambiguous.has(index) ? "purolator" : "fedex",
        carrierAmbiguous: ambiguous.has(index),
        carrierConfirmed: index === 10,
        carrierCandidates: ambiguous.has(index) ? CANDIDATES : null,
        createdAt: new Date(BASE + index * HOUR + 30 * 60_000),
      })),
    });
    // Another shop's ambiguous number is never asked about here.
    await prisma.shipment.update({
      where: { id: "bravo-s001" },
      data: { carrierAmbiguous: true, carrierCandidates: CANDIDATES },
    });
  });

  it("asks about every ambiguous number, however many shipments came after it, newest first", async () => {
    const prompts = await listCarrierPrompts({ shop: CARDS_SHOP });
    expect(prompts.total).toBe(3);
    expect(prompts.capped).toBe(false);
    expect(prompts.shipments.map((prompt) => [prompt.id, prompt.order.name])).toEqual([
      [shipmentId(SHIPMENTS - 10), `#${5001 + SHIPMENTS - 10}`],
      [shipmentId(30), "#5031"],
      [shipmentId(0), "#5001"],
    ]);
    expect(prompts.shipments[2]?.candidates.map((candidate) => candidate.carrier)).toEqual([
      "purolator",
      "fedex",
    ]);
  });

  it("counts them all while showing the newest page, and stops asking once the merchant answers", async () => {
    const firstPage = await listCarrierPrompts({ shop: CARDS_SHOP, limit: 2 });
    expect(firstPage.total).toBe(3);
    expect(firstPage.shipments.map((prompt) => prompt.id)).toEqual([
      shipmentId(SHIPMENTS - 10),
      shipmentId(30),
    ]);

    await confirmShipmentCarrier({
      shop: CARDS_SHOP,
      shipmentId: shipmentId(SHIPMENTS - 10),
      carrier: "fedex",
    });
    const after = await listCarrierPrompts({ shop: CARDS_SHOP, limit: 2 });
    expect(after.total).toBe(2);
    // The oldest one comes up next.
    expect(after.shipments.map((prompt) => prompt.id)).toEqual([shipmentId(30), shipmentId(0)]);
  });
});

describe("the URL parameters", () => {
  it("reads every parameter and drops malformed ones one by one", () => {
    expect(
      view(
        "q=%231001&status=delivered,bogus,exception&carrier=UPS!&attention=late&orderedFrom=2026-10-01&orderedTo=tomorrow&destination=us-ca&sort=last-scan",
      ),
    ).toEqual({
      q: "#1001",
      statuses: ["delivered", "exception"],
      carrier: null,
      attention: "late",
      orderedFrom: "2026-10-01",
      orderedTo: null,
      shippedFrom: null,
      shippedTo: null,
      deliveredFrom: null,
      deliveredTo: null,
      destination: { country: "US", region: "CA" },
      sort: "last-scan",
      after: null,
      before: null,
    });
  });
});

// On SQLite the plans are fixed by the statements themselves (unary + and CROSS JOIN), so each can be checked
// here: every statement the list runs searches an index, and none scans a table, whatever the view. A search
// on the shop alone is only allowed when it walks in the sort's order (no sort of its rows), so it stops as
// soon as the page is full.
function wholeShopReads(plan: Array<{ id: number; parent: number; detail: string }>): string[] {
  const problems = plan
    .filter((row) => /^SCAN (s|o|Shipment|Order)\b/.test(row.detail))
    .map((row) => row.detail);
  for (const row of plan.filter((entry) => /^SEARCH (s|o) .*\(shop=\?\)$/.test(entry.detail))) {
    const sorted = plan.some(
      (other) => other.parent === row.parent && other.detail === "USE TEMP B-TREE FOR ORDER BY",
    );
    if (sorted) problems.push(`${row.detail}, then sorted`);
  }
  return problems;
}

type Statement = { text: string; params: unknown[]; query: string; sort: ShipmentSort };

// The carrier confirmation card's statements (its page and its count).
async function carrierPromptStatements(): Promise<Statement[]> {
  const statements: Statement[] = [];
  const read = rawSql.read.bind(rawSql);
  vi.spyOn(rawSql, "read").mockImplementation(async (text, params = []) => {
    statements.push({ text, params, query: "", sort: "newest" });
    return read(text, params);
  });
  await listCarrierPrompts({ shop: CARDS_SHOP });
  vi.restoreAllMocks();
  expect(statements).toHaveLength(2);
  return statements;
}

// Every statement the list runs while walking each view in each sort, forwards and back.
async function statementsOf(queries: string[], sorts: readonly ShipmentSort[]): Promise<Statement[]> {
  const statements: Statement[] = [];
  let current: Pick<Statement, "query" | "sort"> = { query: "", sort: "newest" };
  const read = rawSql.read.bind(rawSql);
  vi.spyOn(rawSql, "read").mockImplementation(async (text, params = []) => {
    statements.push({ text, params, ...current });
    return read(text, params);
  });
  for (const query of queries) {
    for (const sort of sorts) {
      current = { query, sort };
      await walk({ ...view(query), sort }, 20);
    }
  }
  vi.restoreAllMocks();
  return statements;
}

// The indexes added for the window-end sort and the destination filter, by the names the migration gives them.
const WINDOW_END_INDEX = "Shipment_shop_windowEnd_id_idx";
const DESTINATION_INDEX = "Order_shop_destinationCountry_destinationProvince_idx";
const CARRIER_PROMPTS_INDEX = "Shipment_carrier_prompts_idx";
const DESTINATION_QUERIES = ["destination=US", "destination=us-ny", "destination=CA-ON", "destination=GB"];

describe.runIf(rawSql.dialect === "sqlite")("query plans on SQLite", () => {
  const sqlitePlan = (statement: Statement) =>
    rawSql.read<{ id: number; parent: number; detail: string }>(
      `EXPLAIN QUERY PLAN ${statement.text}`,
      statement.params,
    );

  it.each(Object.keys(PLANS))("uses an index range for every view when %s", async (plan) => {
    PLANS[plan as keyof typeof PLANS]();
    const searches = [
      "q=1003",
      "q=1Z0012AB",
      `q=${encodeURIComponent("shopper+2@example.com")}&status=delivered`,
    ];
    const statements = await statementsOf(
      [...FILTER_VIEWS.map((entry) => entry.query), ...searches],
      SHIPMENT_SORTS,
    );
    expect(statements.length).toBeGreaterThan(100);
    for (const statement of statements) {
      const plan = await sqlitePlan(statement);
      expect(wholeShopReads(plan), `${statement.text}\n${plan.map((row) => row.detail).join("\n")}`).toEqual(
        [],
      );
    }
  });

  it("walks (shop, windowEnd, id) for the window-end sort, with and without a window, never sorting", async () => {
    PLANS["the sort's index drives"]();
    // The pages' statements; sizing the filters' ranges reads their own indexes.
    const statements = (await statementsOf(["", "carrier=ups", "destination=US"], ["window-end"])).filter(
      (statement) => statement.text.includes('"page"'),
    );
    for (const statement of statements) {
      const plan = await sqlitePlan(statement);
      const details = plan.map((row) => row.detail);
      const walked = plan.filter((row) =>
        new RegExp(`^SEARCH s USING (COVERING )?INDEX ${WINDOW_END_INDEX} `).test(row.detail),
      );
      expect(walked, `${statement.text}\n${details.join("\n")}`).toHaveLength(1);
      // The page's own rows are sorted after they are found; the walk itself never is.
      const sortsTheWalk = plan.some(
        (row) => row.parent === walked[0]?.parent && row.detail.includes("TEMP B-TREE"),
      );
      expect(sortsTheWalk, details.join("\n")).toBe(false);
    }
  });

  it("finds the carriers to confirm on (shop, carrierAmbiguous, carrierConfirmed, createdAt, id), newest first", async () => {
    for (const statement of await carrierPromptStatements()) {
      const details = (await sqlitePlan(statement)).map((row) => row.detail);
      const range = new RegExp(
        `^SEARCH s USING (COVERING )?INDEX ${CARRIER_PROMPTS_INDEX} \\(shop=\\? AND carrierAmbiguous=\\? AND carrierConfirmed=\\?\\)$`,
      );
      expect(
        details.filter((detail) => range.test(detail)),
        details.join("\n"),
      ).toHaveLength(1);
      // Walked newest first, never sorted.
      expect(details.filter((detail) => detail.includes("TEMP B-TREE"))).toEqual([]);
    }
  });

  it("reads a narrow destination's orders on (shop, destinationCountry, destinationProvince)", async () => {
    PLANS["a narrow filter drives"]();
    const statements = await statementsOf(DESTINATION_QUERIES, SHIPMENT_SORTS);
    const pages = statements.filter((statement) => statement.text.includes('"page"'));
    expect(pages.length).toBeGreaterThan(DESTINATION_QUERIES.length * SHIPMENT_SORTS.length);
    for (const statement of pages) {
      const details = (await sqlitePlan(statement)).map((row) => row.detail);
      expect(
        details.some((detail) =>
          detail.startsWith(`SEARCH o USING INDEX ${DESTINATION_INDEX} (shop=? AND destinationCountry=?`),
        ),
        `${statement.query}, ${statement.sort}\n${details.join("\n")}`,
      ).toBe(true);
    }
  });
});

// PostgreSQL weighs its statistics: with a few dozen rows it would rather read the whole table (or a bitmap of
// it) and sort it, which it never does at a million, so those are ruled out here to see which index it takes
// for each statement. With sorting ruled out too, what is left is the index that answers in the statement's
// order, if any.
type PostgresNode = { "Node Type": string; "Index Name"?: string; Plans?: PostgresNode[] };

async function postgresPlan(
  statement: Pick<Statement, "text" | "params">,
  { sorts = true }: { sorts?: boolean } = {},
): Promise<PostgresNode> {
  return rawSql.transaction(async (sql) => {
    await sql.all(
      `SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),
        set_config('enable_sort', ?, true)`,
      [sorts ? "on" : "off"],
    );
    const [row] = await sql.all<{ "QUERY PLAN": unknown }>(
      `EXPLAIN (FORMAT JSON) ${statement.text}`,
      statement.params,
    );
    const plan = row?.["QUERY PLAN"];
    const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as Array<{ Plan: PostgresNode }>;
    return parsed[0]?.Plan as PostgresNode;
  });
}

// Each node with the node types above it, nearest first.
function nodesOf(node: PostgresNode, above: string[] = []): Array<{ node: PostgresNode; above: string[] }> {
  return [
    { node, above },
    ...(node.Plans ?? []).flatMap((child) => nodesOf(child, [node["Node Type"], ...above])),
  ];
}

function describePlan(node: PostgresNode): string {
  return nodesOf(node)
    .map(
      ({ node: entry, above }) =>
        `${"  ".repeat(above.length)}${entry["Node Type"]} ${entry["Index Name"] ?? ""}`,
    )
    .join("\n");
}

describe.runIf(rawSql.dialect === "postgresql")("query plans on PostgreSQL", () => {
  beforeAll(async () => {
    await rawSql.statement(`ANALYZE "Shipment"`);
    await rawSql.statement(`ANALYZE "Order"`);
  });

  it("walks (shop, windowEnd, id) for the window-end sort, with and without a window, never sorting", async () => {
    PLANS["the sort's index drives"]();
    // The pages' statements; sizing the filters' ranges reads their own indexes.
    const statements = (await statementsOf(["", "carrier=ups", "destination=US"], ["window-end"])).filter(
      (statement) => statement.text.includes('"page"'),
    );
    expect(statements.length).toBeGreaterThan(10);
    for (const statement of statements) {
      const plan = await postgresPlan(statement, { sorts: false });
      const walks = nodesOf(plan).filter(({ node }) => node["Index Name"] === WINDOW_END_INDEX);
      expect(walks, `${statement.text}\n${describePlan(plan)}`).toHaveLength(1);
      // Straight into the page's LIMIT: the page's own rows are sorted after they are found, the walk never.
      const nearest = walks[0]?.above.find((type) => ["Limit", "Sort", "Incremental Sort"].includes(type));
      expect(nearest, describePlan(plan)).toBe("Limit");
    }
  });

  it("finds the carriers to confirm on (shop, carrierAmbiguous, carrierConfirmed, createdAt, id), newest first", async () => {
    for (const statement of await carrierPromptStatements()) {
      const plan = await postgresPlan(statement);
      const types = nodesOf(plan).map(({ node }) => node["Node Type"]);
      expect(
        nodesOf(plan).some(({ node }) => node["Index Name"] === CARRIER_PROMPTS_INDEX),
        describePlan(plan),
      ).toBe(true);
      // Walked newest first, never sorted.
      expect(types, describePlan(plan)).not.toContain("Sort");
      expect(types, describePlan(plan)).not.toContain("Incremental Sort");
    }
  });

  it("reads a narrow destination's orders on (shop, destinationCountry, destinationProvince)", async () => {
    PLANS["a narrow filter drives"]();
    const statements = await statementsOf(DESTINATION_QUERIES, SHIPMENT_SORTS);
    const pages = statements.filter((statement) => statement.text.includes('"page"'));
    expect(pages.length).toBeGreaterThan(DESTINATION_QUERIES.length * SHIPMENT_SORTS.length);
    for (const statement of pages) {
      const plan = await postgresPlan(statement);
      expect(
        nodesOf(plan).some(({ node }) => node["Index Name"] === DESTINATION_INDEX),
        `${statement.query}, ${statement.sort}\n${describePlan(plan)}`,
      ).toBe(true);
    }
  });
});
