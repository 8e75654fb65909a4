import { statusLabel, type AttentionKind } from "./shipment-status";
import { INFERRED_REASONS, type AttentionOwner, type InferredReason } from "./shipment-attention";
import { isSubstatus, SUBSTATUSES } from "./tracking-taxonomy";

// What the merchant reads about a shipment that needs attention: why, who can act, and the suggested next step.
// Pure, shared by the "Needs attention" queue and the shipment page.

const INFERRED_REASON_LABELS: Record<InferredReason, string> = {
  window_passed: "The delivery window has passed",
  window_moved_past_promise: "The new delivery window ends after the date promised",
  no_recent_scan: "No carrier scan for longer than usual",
  silent_beyond_tail: "Likely lost: no carrier scan for far longer than this carrier ever takes",
  label_never_scanned: "The carrier never scanned the parcel after the label was created",
};

const KIND_LABELS: Record<AttentionKind, string> = {
  late: "Late",
  stuck: "Stuck",
  exception: "Exception",
  lost: "Likely lost",
};

const OWNER_LABELS: Record<AttentionOwner, string> = {
  carrier: "Carrier",
  merchant: "You",
  shopper: "Shopper",
  customs: "Customs",
  weather: "Weather",
};

export function attentionKindLabel(kind: AttentionKind): string {
  return KIND_LABELS[kind];
}

export function attentionOwnerLabel(owner: AttentionOwner): string {
  return OWNER_LABELS[owner];
}

export function attentionReasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  if (Object.hasOwn(INFERRED_REASON_LABELS, reason)) return INFERRED_REASON_LABELS[reason as InferredReason];
  if (isSubstatus(reason)) return SUBSTATUSES[reason].label;
  return statusLabel(reason);
}

export type NextStepInput = {
  kind: AttentionKind;
  reason: string | null;
  owner: AttentionOwner | null;
  // As the merchant knows it ("UPS", "Royal Mail"); null when unknown.
  carrierName: string | null;
};

// The most specific advice first: the reason, then who can act, then the kind.
export function suggestedNextStep({ kind, reason, owner, carrierName }: NextStepInput): string {
  const carrier = carrierName?.trim() || "the carrier";
  if (kind === "lost" || reason === "lost" || reason === "not_delivered")
    return `Open a claim with ${carrier} and reship the order (or refund it).`;
  switch (reason) {
    case INFERRED_REASONS.labelNeverScanned:
    case "late_handoff":
      return `Check the parcel left your warehouse; hand it to ${carrier} or book a pickup.`;
    case "address_problem":
    case "address":
    case "access_problem":
      return `Contact the shopper to confirm the address, then give ${carrier} the correction.`;
    case "not_home":
      return `Ask the shopper to arrange a redelivery with ${carrier} or collect the parcel.`;
    case "refused":
      return "Ask the shopper why they refused it; refund or reship once it is back with you.";
    case "damaged":
      return `Send the shopper a replacement and open a damage claim with ${carrier}.`;
    case "customs":
    case "customs_delay":
      return `Check the customs paperwork with ${carrier}; tell the shopper if duties or documents are needed.`;
    case "weather":
      return "Tell the shopper it is held up by weather; it moves again when conditions allow.";
    case INFERRED_REASONS.windowMovedPastPromise:
    case INFERRED_REASONS.windowPassed:
      return owner === "carrier"
        ? `Ask ${carrier} for an update; offer the shopper a new date.`
        : nextStepForOwner(owner, carrier);
  }
  if (kind === "stuck" && owner === "carrier")
    return `Ask ${carrier} to trace the parcel; tell the shopper you are on it.`;
  // The one silence a shopper can end: a parcel waiting at a pickup point.
  if (kind === "stuck" && owner === "shopper")
    return "Remind the shopper to collect the parcel before it goes back to you.";
  return nextStepForOwner(owner, carrier);
}

function nextStepForOwner(owner: AttentionOwner | null, carrier: string): string {
  switch (owner) {
    case "merchant":
      return `Check the order's fulfillment and get the parcel to ${carrier}.`;
    case "shopper":
      return "Contact the shopper: the carrier needs something from them to deliver.";
    case "customs":
      return `Check the customs paperwork with ${carrier}; tell the shopper if duties or documents are needed.`;
    case "weather":
      return "Tell the shopper it is held up by weather; it moves again when conditions allow.";
    case "carrier":
    case null:
      return `Ask ${carrier} for an update; offer the shopper a new date.`;
  }
}
