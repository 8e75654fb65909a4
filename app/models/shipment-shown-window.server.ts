import type { Prisma } from "@prisma/client";
import { promiseAndLikelyDay, shownDeliveryWindow, type ShownWindow } from "./delivery-windows/shown-window";

// What a surface reads of a shipment to show its window (shown-window.ts) and its open problem
// (attentionSummary), so every query that shows a shipment asks for the same columns.

/** The columns shownDeliveryWindow needs, with the revisions that give the promise and the likely day. */
export function shownWindowSelect(shop: string) {
  return {
    status: true,
    deliveredAt: true,
    windowStart: true,
    windowEnd: true,
    carrierEstimatedAt: true,
    estimates: {
      where: { shop },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { isOriginal: true, latestAt: true, likelyAt: true },
    },
  } satisfies Prisma.ShipmentSelect;
}

/** The columns attentionSummary reads (needs-attention.server.ts). */
export const ATTENTION_SELECT = {
  attention: true,
  attentionReason: true,
  attentionOwner: true,
  attentionSince: true,
  attentionResolvedAt: true,
  trackingCompany: true,
  carrier: true,
} satisfies Prisma.ShipmentSelect;

type ShownWindowRow = Parameters<typeof shownDeliveryWindow>[0] & {
  estimates: Parameters<typeof promiseAndLikelyDay>[0];
};

export function shipmentShownWindow(shipment: ShownWindowRow, now: Date): ShownWindow {
  return shownDeliveryWindow({ ...shipment, ...promiseAndLikelyDay(shipment.estimates) }, now);
}
