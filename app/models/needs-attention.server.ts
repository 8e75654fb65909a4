import { z } from "zod";
import prisma from "../db.server";
import {
  attentionKindLabel,
  attentionOwnerLabel,
  attentionReasonLabel,
  suggestedNextStep,
} from "./attention-guidance";
import {
  ATTENTION_OWNERS,
  isAttentionKind,
  isAttentionOwner,
  type AttentionOwner,
} from "./shipment-attention";
import { ATTENTION_KINDS, statusLabel, type AttentionKind } from "./shipment-status";

// The admin's "Needs attention" queue: every shipment with an open problem, the one waiting longest first,
// with why, who can act and what to do next.

export const needsAttentionQuerySchema = z.object({
  kind: z.enum(ATTENTION_KINDS).optional(),
  owner: z.enum(ATTENTION_OWNERS).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export type NeedsAttentionQuery = z.infer<typeof needsAttentionQuerySchema>;

export type NeedsAttentionItem = AttentionSummary & {
  shipmentId: string;
  orderName: string;
  carrier: string | null;
  trackingNumber: string | null;
  status: string;
  statusLabel: string;
  reason: string | null;
  since: Date;
};

// Keyset-paginated on (attentionSince, id), so a long queue pages at the same cost as a short one.
export async function listNeedsAttention({
  shop,
  kind,
  owner,
  cursor,
  limit,
}: { shop: string } & NeedsAttentionQuery): Promise<{
  items: NeedsAttentionItem[];
  nextCursor: string | null;
}> {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await prisma.shipment.findMany({
    where: {
      shop,
      attention: kind ?? { not: null },
      attentionResolvedAt: null,
      attentionSince: { not: null },
      ...(owner ? { attentionOwner: owner } : {}),
      ...(after
        ? {
            OR: [
              { attentionSince: { gt: after.since } },
              { attentionSince: after.since, id: { gt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ attentionSince: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: {
      id: true,
      trackingNumber: true,
      trackingCompany: true,
      carrier: true,
      status: true,
      attention: true,
      attentionReason: true,
      attentionOwner: true,
      attentionSince: true,
      order: { select: { name: true } },
    },
  });
  const page = rows.slice(0, limit);
  const items = page.flatMap((row): NeedsAttentionItem[] => {
    const summary = attentionSummary({ ...row, attentionResolvedAt: null });
    if (!summary || !row.attentionSince) return [];
    return [
      {
        ...summary,
        shipmentId: row.id,
        orderName: row.order.name,
        carrier: carrierName(row),
        trackingNumber: row.trackingNumber,
        status: row.status,
        statusLabel: statusLabel(row.status),
        reason: row.attentionReason,
        since: row.attentionSince,
      },
    ];
  });
  const last = page.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last?.attentionSince ? encodeCursor(last.attentionSince, last.id) : null,
  };
}

export type AttentionSummary = {
  kind: AttentionKind;
  kindLabel: string;
  reasonLabel: string | null;
  owner: AttentionOwner | null;
  ownerLabel: string | null;
  since: Date | null;
  nextStep: string;
};

/** The open problem of one shipment as the merchant reads it; null when nothing needs attention. */
export function attentionSummary(shipment: {
  attention: string | null;
  attentionReason: string | null;
  attentionOwner: string | null;
  attentionSince: Date | null;
  attentionResolvedAt: Date | null;
  trackingCompany: string | null;
  carrier: string | null;
}): AttentionSummary | null {
  if (!isAttentionKind(shipment.attention) || shipment.attentionResolvedAt) return null;
  const owner = isAttentionOwner(shipment.attentionOwner) ? shipment.attentionOwner : null;
  return {
    kind: shipment.attention,
    kindLabel: attentionKindLabel(shipment.attention),
    reasonLabel: attentionReasonLabel(shipment.attentionReason),
    owner,
    ownerLabel: owner ? attentionOwnerLabel(owner) : null,
    since: shipment.attentionSince,
    nextStep: suggestedNextStep({
      kind: shipment.attention,
      reason: shipment.attentionReason,
      owner,
      carrierName: carrierName(shipment),
    }),
  };
}

// What the merchant calls the carrier: their own label from Shopify, else the detected carrier's code.
export function carrierName(shipment: {
  trackingCompany: string | null;
  carrier: string | null;
}): string | null {
  return shipment.trackingCompany ?? shipment.carrier?.toUpperCase().replaceAll("_", " ") ?? null;
}

function encodeCursor(since: Date, id: string): string {
  return Buffer.from(`${since.getTime()}:${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { since: Date; id: string } | null {
  const [time, id] = Buffer.from(cursor, "base64url").toString().split(":");
  const since = new Date(Number(time));
  if (!id || Number.isNaN(since.getTime())) return null;
  return { since, id };
}
