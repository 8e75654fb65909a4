import type { Prisma } from "@prisma/client";
import { kindsBelow, type AttentionFinding } from "./shipment-attention";

type Transaction = Prisma.TransactionClient;

// A watcher's finding written onto the shipment (see shipment-attention.ts for the precedence). The update is
// conditional on what the watcher read, so a scan that lands meanwhile, a status change, a concurrent run or a
// finding that outranks this one wins; false when it did not apply. The caller queues the alert in the same
// transaction only when it did, which is what makes re-runs, replays and crashes alert once.
export async function raiseAttention(
  tx: Transaction,
  {
    shop,
    shipmentId,
    read,
    finding,
    now,
  }: {
    shop: string;
    shipmentId: string;
    read: { status: string; lastEventAt: Date | null };
    finding: AttentionFinding;
    now: Date;
  },
): Promise<boolean> {
  const replaceable = kindsBelow(finding.kind);
  const { count } = await tx.shipment.updateMany({
    where: {
      id: shipmentId,
      shop,
      status: read.status,
      lastEventAt: read.lastEventAt,
      OR: [{ attention: null }, ...(replaceable.length ? [{ attention: { in: replaceable } }] : [])],
    },
    data: {
      attention: finding.kind,
      attentionReason: finding.reason,
      attentionOwner: finding.owner,
      attentionSince: now,
      attentionResolvedAt: null,
    },
  });
  return count > 0;
}
