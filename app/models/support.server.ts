import type { Prisma } from "@prisma/client";
import { z } from "zod";
import prisma from "../db.server";
import { ATTENTION_SELECT, shipmentShownWindow, shownWindowSelect } from "./shipment-shown-window.server";
import { MAX_NOTE_LENGTH, parseInternalNotes, withNoteAppended } from "./internal-notes";
import { attentionSummary, carrierName } from "./needs-attention.server";
import { HELP_REASONS } from "./shopper-help.server";
import { escalationFor } from "./support-escalation";
import { ESCALATIONS, SUPPORT_STATUSES, UNASSIGNED } from "./support-labels";

// The Support queue: help requests from the tracking page with their shipment attached, who handles them,
// where they stand and the team's notes. Every read and write is scoped by shop; another shop's id is "not
// found" and writes nothing.

export const supportListQuerySchema = z.object({
  status: z.enum([...SUPPORT_STATUSES, "unresolved", "all"]).default("unresolved"),
  reason: z.enum(HELP_REASONS).optional(),
  escalation: z.enum([...ESCALATIONS, "any"]).optional(),
  assignee: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type SupportListQuery = z.infer<typeof supportListQuerySchema>;

function listFilter(shop: string, query: SupportListQuery): Prisma.SupportRequestWhereInput {
  const { status, reason, escalation, assignee } = query;
  return {
    shop,
    ...(status === "all" ? {} : status === "unresolved" ? { status: { not: "resolved" } } : { status }),
    ...(reason ? { reason } : {}),
    ...(escalation ? { escalation: escalation === "any" ? { not: null } : escalation } : {}),
    ...(assignee ? { assignee: assignee === UNASSIGNED ? null : assignee } : {}),
  };
}

// Newest first, keyset-paginated on (createdAt, id).
export async function listSupportRequests({ shop, ...query }: { shop: string } & SupportListQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await prisma.supportRequest.findMany({
    where: {
      ...listFilter(shop, query),
      ...(after
        ? {
            OR: [
              { createdAt: { lt: after.createdAt } },
              { createdAt: after.createdAt, id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: {
      id: true,
      reason: true,
      status: true,
      escalation: true,
      assignee: true,
      createdAt: true,
      order: { select: { name: true } },
      shipment: {
        select: {
          id: true,
          status: true,
          ...ATTENTION_SELECT,
        },
      },
    },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    requests: page.map(({ shipment, ...request }) => ({
      ...request,
      shipment: shipment
        ? { id: shipment.id, status: shipment.status, attention: attentionSummary(shipment)?.kind ?? null }
        : null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

// Everyone a request was ever assigned to in this shop, for the assignee filter and suggestions.
export async function listSupportAssignees({ shop }: { shop: string }): Promise<string[]> {
  const groups = await prisma.supportRequest.groupBy({
    by: ["assignee"],
    where: { shop, assignee: { not: null } },
    orderBy: { assignee: "asc" },
  });
  return groups.flatMap((group) => (group.assignee ? [group.assignee] : []));
}

const RECENT_SCANS = 3;

// One request with what support needs to answer it: the shopper's words, the shipment's state and window, its
// latest scans, and the team's notes. Null when it does not exist in this shop.
export async function getSupportRequest({
  shop,
  requestId,
  now = new Date(),
}: {
  shop: string;
  requestId: string;
  now?: Date;
}) {
  const request = await prisma.supportRequest.findFirst({
    where: { id: requestId, shop },
    select: {
      id: true,
      reason: true,
      message: true,
      status: true,
      escalation: true,
      assignee: true,
      contactEmail: true,
      internalNotes: true,
      createdAt: true,
      updatedAt: true,
      resolvedAt: true,
      order: { select: { id: true, name: true } },
      shipment: {
        select: {
          id: true,
          trackingNumber: true,
          trackingUrl: true,
          ...ATTENTION_SELECT,
          ...shownWindowSelect(shop),
          events: {
            where: { shop },
            orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
            take: RECENT_SCANS,
            select: {
              id: true,
              status: true,
              substatus: true,
              rawText: true,
              occurredAt: true,
              utcOffset: true,
              city: true,
              region: true,
              country: true,
            },
          },
        },
      },
    },
  });
  if (!request) return null;
  const { internalNotes, shipment, ...rest } = request;
  return {
    ...rest,
    notes: parseInternalNotes(internalNotes),
    shipment: shipment
      ? {
          id: shipment.id,
          status: shipment.status,
          trackingNumber: shipment.trackingNumber,
          carrierName: carrierName(shipment),
          trackingUrl: shipment.trackingUrl,
          attention: attentionSummary(shipment),
          shownWindow: shipmentShownWindow(shipment, now),
          recentEvents: shipment.events,
        }
      : null,
  };
}

// The help requests about an order, for its shipments' support view: newest first, with their notes.
export async function listOrderHelpRequests({ shop, orderId }: { shop: string; orderId: string }) {
  const rows = await prisma.supportRequest.findMany({
    where: { shop, orderId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      shipmentId: true,
      reason: true,
      message: true,
      status: true,
      escalation: true,
      assignee: true,
      internalNotes: true,
      createdAt: true,
    },
  });
  return rows.map(({ internalNotes, ...row }) => ({ ...row, notes: parseInternalNotes(internalNotes) }));
}

export const supportUpdateSchema = z.object({
  status: z.enum(SUPPORT_STATUSES).optional(),
  // An empty field unassigns.
  assignee: z
    .string()
    .trim()
    .max(100)
    .transform((value) => value || null)
    .optional(),
});
export type SupportUpdate = z.infer<typeof supportUpdateSchema>;

// Status and assignee. Resolving stamps resolvedAt; reopening clears it and looks at the parcel again, since
// an escalation is kept current only while a request is unresolved. False when the request is not this shop's.
export async function updateSupportRequest({
  shop,
  requestId,
  update,
  now = new Date(),
}: {
  shop: string;
  requestId: string;
  update: SupportUpdate;
  now?: Date;
}): Promise<boolean> {
  const current = await prisma.supportRequest.findFirst({
    where: { id: requestId, shop },
    select: { status: true, shipmentId: true },
  });
  if (!current) return false;
  const statusChanged = update.status !== undefined && update.status !== current.status;
  await prisma.supportRequest.updateMany({
    where: { id: requestId, shop },
    data: {
      ...(update.assignee !== undefined ? { assignee: update.assignee } : {}),
      ...(statusChanged
        ? { status: update.status, resolvedAt: update.status === "resolved" ? now : null }
        : {}),
    },
  });
  if (statusChanged && current.status === "resolved" && current.shipmentId)
    await refreshSupportEscalations({ shop, shipmentId: current.shipmentId });
  return true;
}

export class SupportNoteError extends Error {}

const NOTE_WRITE_ATTEMPTS = 5;

// Appends one dated note. The write is conditional on the notes read, so two people adding a note at once both
// keep theirs: the loser of the race reads again and appends to the winner's.
// A note on the parcel itself, for a shipment nobody has asked about yet (or one the team follows anyway).
export async function addShipmentNote({
  shop,
  shipmentId,
  text,
  now = new Date(),
}: {
  shop: string;
  shipmentId: string;
  text: string;
  now?: Date;
}): Promise<boolean> {
  const note = checkedNote(text);
  for (let attempt = 0; attempt < NOTE_WRITE_ATTEMPTS; attempt += 1) {
    const current = await prisma.shipment.findFirst({
      where: { id: shipmentId, shop },
      select: { internalNotes: true },
    });
    if (!current) return false;
    // Conditional on what was read: two people adding a note at once both keep theirs.
    const { count } = await prisma.shipment.updateMany({
      where: { id: shipmentId, shop, internalNotes: current.internalNotes },
      data: { internalNotes: withNoteAppended(current.internalNotes, { at: now, text: note }) },
    });
    if (count === 1) return true;
  }
  throw new SupportNoteError("The notes kept changing; try again");
}

function checkedNote(text: string): string {
  const note = text.trim();
  if (!note) throw new SupportNoteError("Write a note first");
  if (note.length > MAX_NOTE_LENGTH)
    throw new SupportNoteError(`Notes are at most ${MAX_NOTE_LENGTH} characters`);
  return note;
}

export async function addSupportNote({
  shop,
  requestId,
  text,
  now = new Date(),
}: {
  shop: string;
  requestId: string;
  text: string;
  now?: Date;
}): Promise<boolean> {
  const note = checkedNote(text);
  for (let attempt = 0; attempt < NOTE_WRITE_ATTEMPTS; attempt += 1) {
    const current = await prisma.supportRequest.findFirst({
      where: { id: requestId, shop },
      select: { internalNotes: true },
    });
    if (!current) return false;
    const { count } = await prisma.supportRequest.updateMany({
      where: { id: requestId, shop, internalNotes: current.internalNotes },
      data: { internalNotes: withNoteAppended(current.internalNotes, { at: now, text: note }) },
    });
    if (count === 1) return true;
  }
  throw new SupportNoteError("The notes kept changing; try again");
}

// Brings the escalation of the shop's unresolved requests (or of one shipment's) in line with their parcels
// now; resolved requests keep the flag they were closed with. Returns how many changed.
export async function refreshSupportEscalations({
  shop,
  shipmentId,
}: {
  shop: string;
  shipmentId?: string;
}): Promise<number> {
  const requests = await prisma.supportRequest.findMany({
    where: { shop, status: { not: "resolved" }, shipmentId: shipmentId ?? { not: null } },
    select: {
      id: true,
      reason: true,
      escalation: true,
      createdAt: true,
      shipment: {
        select: { status: true, deliveredAt: true, attention: true, attentionResolvedAt: true },
      },
    },
  });
  let changed = 0;
  for (const request of requests) {
    const escalation = escalationFor({
      reason: request.reason,
      requestedAt: request.createdAt,
      shipment: request.shipment,
    });
    if (escalation === request.escalation) continue;
    const { count } = await prisma.supportRequest.updateMany({
      where: { id: request.id, shop, escalation: request.escalation, status: { not: "resolved" } },
      data: { escalation },
    });
    changed += count;
  }
  return changed;
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.getTime()}:${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [time, id] = Buffer.from(cursor, "base64url").toString().split(":");
  const createdAt = new Date(Number(time));
  if (!id || Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}
