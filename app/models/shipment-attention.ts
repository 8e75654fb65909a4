import { ATTENTION_KINDS, FINAL_STATUSES, isShipmentStatus, type AttentionKind } from "./shipment-status";
import { isSubstatus, SUBSTATUSES, type Responsibility } from "./tracking-taxonomy";

// Why a shipment needs the merchant's attention and who can act on it. Pure: the webhook paths (ORM and
// driver), carrier polls, the backfill, the delivery watch (lost, late, stuck) and the window estimator all
// decide with these functions, in the transaction that writes the shipment.
//
// Precedence, when more than one finding applies to a parcel: lost > exception > late > stuck.
// - A watcher's finding (inferred from silence or the clock) only ever raises a parcel to a higher kind, never
//   to an equal or lower one: two watchers never flip a parcel back and forth, and a re-run changes nothing.
// - What the carrier reports (a delay, a failed attempt, damage…) always replaces what Parcelwise inferred:
//   it is news about the parcel, with its own reason and owner.
// Resolution:
// - delivered, returned or a cancelled fulfillment: every kind resolves (nothing more will happen to it);
// - the carrier reports the parcel moving again: a reported exception (or reported loss) resolves;
// - late stays until the parcel is delivered: the promise it broke stays broken;
// - stuck and inferred lost resolve at the watcher's next run, once a scan is newer than the flag.
// A resolved inference keeps its reason and owner (with attention null): the analytics attribute a delivered
// parcel's delay to whoever could have acted (delivery-stats/shipment-facts.ts). A reported problem's are
// cleared: its scans say the same, and webhooks replayed in any order must leave the same row.

export type AttentionOwner = Exclude<Responsibility, "none">;
export const ATTENTION_OWNERS = [
  "carrier",
  "merchant",
  "shopper",
  "customs",
  "weather",
] as const satisfies readonly AttentionOwner[];

// Reasons Parcelwise infers itself; every other reason is the taxonomy substatus (or the status) the carrier
// reported.
export const INFERRED_REASONS = {
  windowPassed: "window_passed",
  windowMovedPastPromise: "window_moved_past_promise",
  noRecentScan: "no_recent_scan",
  silentBeyondTail: "silent_beyond_tail",
  labelNeverScanned: "label_never_scanned",
} as const;
export type InferredReason = (typeof INFERRED_REASONS)[keyof typeof INFERRED_REASONS];

export const ATTENTION_RANK: Record<AttentionKind, number> = { stuck: 1, late: 2, exception: 3, lost: 4 };

export type AttentionFinding = { kind: AttentionKind; reason: string; owner: AttentionOwner };

export type StoredAttention = {
  attention: string | null;
  attentionReason: string | null;
  attentionOwner: string | null;
};

export type AttentionUpdate = {
  attention: string | null;
  attentionReason: string | null;
  attentionOwner: string | null;
  attentionSince?: Date;
  attentionResolvedAt?: Date | null;
};

export const NO_ATTENTION: StoredAttention = { attention: null, attentionReason: null, attentionOwner: null };

export function isAttentionKind(value: string | null | undefined): value is AttentionKind {
  return (ATTENTION_KINDS as readonly (string | null | undefined)[]).includes(value);
}

export function isAttentionOwner(value: string | null | undefined): value is AttentionOwner {
  return (ATTENTION_OWNERS as readonly (string | null | undefined)[]).includes(value);
}

/** The kinds a watcher's finding of `kind` may replace: none, or a lower rank. */
export function kindsBelow(kind: AttentionKind): AttentionKind[] {
  return ATTENTION_KINDS.filter((other) => ATTENTION_RANK[other] < ATTENTION_RANK[kind]);
}

// Statuses in which the carrier is telling of a problem.
const REPORTED_PROBLEM_OWNER: Partial<Record<string, AttentionOwner>> = {
  delayed: "carrier",
  exception: "carrier",
  attempted: "shopper",
};

type ReportedState = { status: string; substatus: string | null };

/** The problem the carrier reports for this state, if any: its substatus is the reason. */
export function reportedProblem(state: ReportedState): AttentionFinding | null {
  const defaultOwner = REPORTED_PROBLEM_OWNER[state.status];
  if (!defaultOwner || isCancelled(state)) return null;
  const substatus = isSubstatus(state.substatus) ? state.substatus : null;
  const responsibility = substatus ? SUBSTATUSES[substatus].responsibility : "none";
  return {
    kind: substatus === "lost" ? "lost" : "exception",
    reason: substatus ?? state.status,
    owner: responsibility === "none" ? defaultOwner : responsibility,
  };
}

/**
 * What a change of the shipment's derived state does to its attention: null when nothing changes. Depends only
 * on what is stored and the new state, so every path that writes a state (and any order of the same webhooks)
 * ends with the same attention.
 */
export function attentionAfterStateChange(
  stored: StoredAttention,
  state: ReportedState,
  now: Date,
): AttentionUpdate | null {
  const problem = reportedProblem(state);
  if (problem) {
    const sameKind = stored.attention === problem.kind;
    if (sameKind && stored.attentionReason === problem.reason && stored.attentionOwner === problem.owner)
      return null;
    return {
      attention: problem.kind,
      attentionReason: problem.reason,
      attentionOwner: problem.owner,
      ...(sameKind ? {} : { attentionSince: now, attentionResolvedAt: null }),
    };
  }
  if (!stored.attention) return null;
  const over = (isShipmentStatus(state.status) && FINAL_STATUSES.has(state.status)) || isCancelled(state);
  const reportedProblemPassed = !isInference(stored);
  return over || reportedProblemPassed ? resolvedAttention(stored, now) : null;
}

export function resolvedAttention(stored: StoredAttention, now: Date): AttentionUpdate {
  return isInference(stored)
    ? {
        attention: null,
        attentionReason: stored.attentionReason,
        attentionOwner: stored.attentionOwner,
        attentionResolvedAt: now,
      }
    : { attention: null, attentionReason: null, attentionOwner: null, attentionResolvedAt: now };
}

/** Found by a watcher (stuck, late, likely lost) rather than reported by the carrier. */
function isInference(stored: StoredAttention): boolean {
  return (
    stored.attention === "stuck" ||
    stored.attention === "late" ||
    (stored.attention === "lost" && stored.attentionReason === INFERRED_REASONS.silentBeyondTail)
  );
}

/**
 * Who can act on a parcel the watchers find silent or late. A parcel the carrier never scanned after its label
 * was created is still with the merchant (a late hand-off); otherwise whoever its current substatus names
 * (customs, weather, the shopper for a parcel waiting at a pickup point), else the carrier.
 */
export function watchedFinding(
  kind: Exclude<AttentionKind, "exception">,
  reason: InferredReason,
  shipment: ReportedState,
): AttentionFinding {
  if (neverScannedByCarrier(shipment))
    return { kind, reason: INFERRED_REASONS.labelNeverScanned, owner: "merchant" };
  const responsibility = isSubstatus(shipment.substatus)
    ? SUBSTATUSES[shipment.substatus].responsibility
    : "none";
  return { kind, reason, owner: responsibility === "none" ? "carrier" : responsibility };
}

/** Labelled (or marked fulfilled) but never physically scanned by the carrier. */
export function neverScannedByCarrier(shipment: { status: string }): boolean {
  return shipment.status === "pending" || shipment.status === "pre_transit";
}

function isCancelled(state: ReportedState): boolean {
  return state.substatus === "fulfillment_cancelled";
}
