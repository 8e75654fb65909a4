import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { runDeliveryWatchJob } from "../../app/models/delivery-watch.server";
import { parseInternalNotes } from "../../app/models/internal-notes";
import { createShopperHelpRequest } from "../../app/models/shopper-help.server";
import { runSupportRequestAction } from "../../app/models/support-request-actions.server";
import {
  addSupportNote,
  getSupportRequest,
  listSupportAssignees,
  listSupportRequests,
  refreshSupportEscalations,
  SupportNoteError,
  supportListQuerySchema,
  updateSupportRequest,
} from "../../app/models/support.server";

// The Support queue on both databases: filters, status, assignee and dated notes, the escalation flags kept
// in line with the parcel, and another shop's requests neither shown nor written.

const SHOP = "support-queue.myshopify.com";
const OTHER_SHOP = "other-support.myshopify.com";
const NOW = new Date("2026-11-20T12:00:00Z");
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);

let serial = 0;

beforeEach(async () => {
  await prisma.shop.deleteMany({});
  for (const domain of [SHOP, OTHER_SHOP])
    await prisma.shop.create({ data: { domain, name: domain, settings: { create: {} } } });
});

async function parcel(
  shop: string,
  fields: {
    status?: string;
    deliveredAt?: Date | null;
    attention?: string | null;
    attentionResolvedAt?: Date | null;
  } = {},
) {
  serial += 1;
  const order = await prisma.order.create({
    data: {
      shop,
      shopifyId: `gid://shopify/Order/${7000 + serial}`,
      name: `#${7000 + serial}`,
      orderedAt: hours(-200),
    },
  });
  const shipment = await prisma.shipment.create({
    data: {
      shop,
      orderId: order.id,
      shopifyFulfillmentId: `gid://shopify/Fulfillment/${7000 + serial}`,
      trackingNumber: `1Z${7000 + serial}`,
      status: fields.status ?? "in_transit",
      deliveredAt: fields.deliveredAt ?? null,
      attention: fields.attention ?? null,
      attentionSince: fields.attention ? hours(-48) : null,
      attentionResolvedAt: fields.attentionResolvedAt ?? null,
      attentionReason: fields.attention ? "no_recent_scan" : null,
      attentionOwner: fields.attention ? "carrier" : null,
    },
  });
  return { order, shipment };
}

async function request(
  shop: string,
  target: Awaited<ReturnType<typeof parcel>>,
  fields: {
    reason?: string;
    status?: string;
    assignee?: string | null;
    createdAt?: Date;
    escalation?: string | null;
  } = {},
) {
  return prisma.supportRequest.create({
    data: {
      shop,
      orderId: target.order.id,
      shipmentId: target.shipment.id,
      reason: fields.reason ?? "late",
      status: fields.status ?? "open",
      assignee: fields.assignee ?? null,
      escalation: fields.escalation ?? null,
      createdAt: fields.createdAt ?? hours(-1),
    },
  });
}

const list = (query: Record<string, string> = {}) =>
  listSupportRequests({ shop: SHOP, ...supportListQuerySchema.parse(query) });

describe("escalations", () => {
  it("flag a parcel delivered before the shopper said it is missing, and a stuck one, when the request arrives", async () => {
    const delivered = await parcel(SHOP, { status: "delivered", deliveredAt: hours(-30) });
    const stuck = await parcel(SHOP, { attention: "stuck" });
    const moving = await parcel(SHOP);
    const ask = (target: Awaited<ReturnType<typeof parcel>>, reason: "missing" | "late" | "damaged") =>
      createShopperHelpRequest({
        shop: SHOP,
        orderId: target.order.id,
        shipmentId: target.shipment.id,
        reason,
        message: "Where is it?",
        contactEmail: null,
      });
    const escalationOf = async (id: string | undefined) =>
      (await prisma.supportRequest.findUniqueOrThrow({ where: { id } })).escalation;
    expect(await escalationOf((await ask(delivered, "missing"))?.id)).toBe("delivered_not_received");
    expect(await escalationOf((await ask(delivered, "damaged"))?.id)).toBeNull();
    expect(await escalationOf((await ask(stuck, "late"))?.id)).toBe("stuck_beyond_tail");
    expect(await escalationOf((await ask(moving, "late"))?.id)).toBeNull();
  });

  it("follow the parcel while the request is open: raised when it sticks, cleared when it moves, kept once resolved", async () => {
    const target = await parcel(SHOP);
    const open = await request(SHOP, target);
    const resolved = await request(SHOP, target, { status: "resolved", reason: "other" });
    const theirs = await parcel(OTHER_SHOP, { attention: "stuck" });
    const theirRequest = await request(OTHER_SHOP, theirs);

    await prisma.shipment.update({
      where: { id: target.shipment.id },
      data: {
        attention: "stuck",
        attentionSince: NOW,
        attentionReason: "no_recent_scan",
        attentionOwner: "carrier",
      },
    });
    expect(await refreshSupportEscalations({ shop: SHOP })).toBe(1);
    const escalations = async () =>
      (
        await prisma.supportRequest.findMany({
          where: { id: { in: [open.id, resolved.id, theirRequest.id] } },
        })
      )
        .map((row) => [row.id, row.escalation])
        .sort();
    expect(await escalations()).toEqual(
      [
        [open.id, "stuck_beyond_tail"],
        [resolved.id, null],
        [theirRequest.id, null],
      ].sort(),
    );

    // A request made while the parcel was moving is not "delivered but not received" once it arrives.
    await prisma.shipment.update({
      where: { id: target.shipment.id },
      data: { status: "delivered", deliveredAt: NOW, attention: null, attentionResolvedAt: NOW },
    });
    await refreshSupportEscalations({ shop: SHOP, shipmentId: target.shipment.id });
    expect((await prisma.supportRequest.findUniqueOrThrow({ where: { id: open.id } })).escalation).toBeNull();
  });

  it("are refreshed by the hourly delivery watch", async () => {
    const target = await parcel(SHOP, { attention: "lost" });
    const open = await request(SHOP, target);
    await runDeliveryWatchJob({ shop: SHOP, payload: {}, now: NOW });
    expect((await prisma.supportRequest.findUniqueOrThrow({ where: { id: open.id } })).escalation).toBe(
      "stuck_beyond_tail",
    );
  });
});

describe("the Support list", () => {
  it("filters by status, reason, escalation and assignee, newest first, and pages", async () => {
    const stuck = await parcel(SHOP, { attention: "stuck" });
    const moving = await parcel(SHOP);
    const a = await request(SHOP, stuck, {
      escalation: "stuck_beyond_tail",
      assignee: "Ana",
      createdAt: hours(-1),
    });
    const b = await request(SHOP, moving, { reason: "damaged", status: "waiting", createdAt: hours(-2) });
    const c = await request(SHOP, moving, {
      reason: "missing",
      status: "resolved",
      assignee: "Ben",
      createdAt: hours(-3),
    });
    await request(OTHER_SHOP, await parcel(OTHER_SHOP), { createdAt: hours(-1) });
    const ids = async (query: Record<string, string> = {}) =>
      (await list(query)).requests.map((row) => row.id);

    expect(await ids()).toEqual([a.id, b.id]);
    expect(await ids({ status: "all" })).toEqual([a.id, b.id, c.id]);
    expect(await ids({ status: "resolved" })).toEqual([c.id]);
    expect(await ids({ status: "all", reason: "damaged" })).toEqual([b.id]);
    expect(await ids({ escalation: "stuck_beyond_tail" })).toEqual([a.id]);
    expect(await ids({ escalation: "any" })).toEqual([a.id]);
    expect(await ids({ escalation: "delivered_not_received" })).toEqual([]);
    expect(await ids({ status: "all", assignee: "Ben" })).toEqual([c.id]);
    expect(await ids({ status: "all", assignee: "unassigned" })).toEqual([b.id]);

    const [row] = (await list()).requests;
    expect(row?.shipment).toEqual({ id: stuck.shipment.id, status: "in_transit", attention: "stuck" });

    const first = await list({ status: "all", limit: "2" });
    expect(first.requests.map((r) => r.id)).toEqual([a.id, b.id]);
    const second = await list({ status: "all", limit: "2", cursor: first.nextCursor ?? "" });
    expect([second.requests.map((r) => r.id), second.nextCursor]).toEqual([[c.id], null]);
    expect(await listSupportAssignees({ shop: SHOP })).toEqual(["Ana", "Ben"]);
  });
});

describe("handling a request", () => {
  it("changes status and assignee, stamping and clearing resolvedAt", async () => {
    const open = await request(SHOP, await parcel(SHOP));
    const form = new FormData();
    form.set("intent", "update");
    form.set("status", "waiting");
    form.set("assignee", "  Ana  ");
    expect(await runSupportRequestAction({ shop: SHOP, requestId: open.id, form, now: NOW })).toMatchObject({
      tone: "success",
      title: "Saved: status waiting, assigned to Ana",
    });
    let stored = await prisma.supportRequest.findUniqueOrThrow({ where: { id: open.id } });
    expect([stored.status, stored.assignee, stored.resolvedAt]).toEqual(["waiting", "Ana", null]);

    const resolve = new FormData();
    resolve.set("intent", "resolve");
    await runSupportRequestAction({ shop: SHOP, requestId: open.id, form: resolve, now: hours(1) });
    stored = await prisma.supportRequest.findUniqueOrThrow({ where: { id: open.id } });
    expect([stored.status, stored.resolvedAt]).toEqual(["resolved", hours(1)]);

    await updateSupportRequest({
      shop: SHOP,
      requestId: open.id,
      update: { status: "open", assignee: null },
    });
    stored = await prisma.supportRequest.findUniqueOrThrow({ where: { id: open.id } });
    expect([stored.status, stored.assignee, stored.resolvedAt]).toEqual(["open", null, null]);
  });

  it("appends dated notes, keeping both when two are added at once", async () => {
    const open = await request(SHOP, await parcel(SHOP));
    await prisma.supportRequest.update({
      where: { id: open.id },
      data: { internalNotes: "Called the carrier." },
    });
    await Promise.all([
      addSupportNote({ shop: SHOP, requestId: open.id, text: "Reship approved", now: NOW }),
      addSupportNote({ shop: SHOP, requestId: open.id, text: "Shopper answered", now: hours(1) }),
    ]);
    const notes = parseInternalNotes(
      (await prisma.supportRequest.findUniqueOrThrow({ where: { id: open.id } })).internalNotes,
    );
    expect(notes[0]).toEqual({ at: null, text: "Called the carrier." });
    expect(
      notes
        .slice(1)
        .map((note) => note.text)
        .sort(),
    ).toEqual(["Reship approved", "Shopper answered"]);
    expect(notes.slice(1).every((note) => note.at !== null)).toBe(true);
    await expect(addSupportNote({ shop: SHOP, requestId: open.id, text: "   " })).rejects.toThrow(
      SupportNoteError,
    );

    const detail = await getSupportRequest({ shop: SHOP, requestId: open.id, now: NOW });
    expect(detail?.notes).toHaveLength(3);
    expect(detail?.shipment?.id).toBe(open.shipmentId);
  });

  it("is not found for another shop's request and writes nothing", async () => {
    const theirs = await request(OTHER_SHOP, await parcel(OTHER_SHOP));
    expect(await getSupportRequest({ shop: SHOP, requestId: theirs.id })).toBeNull();
    for (const [intent, fields] of [
      ["update", { status: "resolved", assignee: "Mallory" }],
      ["resolve", {}],
      ["add-note", { note: "not yours" }],
    ] as const) {
      const form = new FormData();
      form.set("intent", intent);
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      expect(await runSupportRequestAction({ shop: SHOP, requestId: theirs.id, form }), intent).toBeNull();
    }
    const stored = await prisma.supportRequest.findUniqueOrThrow({ where: { id: theirs.id } });
    expect([stored.status, stored.assignee, stored.internalNotes, stored.updatedAt]).toEqual([
      "open",
      null,
      "",
      theirs.updatedAt,
    ]);
  });
});
