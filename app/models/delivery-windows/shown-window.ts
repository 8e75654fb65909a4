// What a shopper is told about when a parcel arrives: one rule for the tracking page, the order status block,
// notifications and the admin, so they never disagree. Pure; times are instants, each surface formats the days
// in its own locale and time zone.

export type WindowFacts = {
  status: string;
  deliveredAt: Date | null;
  // The current window (its latest revision): the first instant of its first day, the last of its last.
  windowStart: Date | null;
  windowEnd: Date | null;
  // The current revision's most likely day, when known.
  likelyAt?: Date | null;
  // The end of the first window the shipment was given (its promise), when known.
  promisedBy?: Date | null;
  carrierEstimatedAt: Date | null;
};

export type ShownWindow =
  | { kind: "delivered"; deliveredAt: Date }
  | { kind: "window"; start: Date; end: Date; likely: Date | null }
  // The promise is broken: its window passed, or the window was revised to end after it. `newWindow` is the
  // revised window while it is still ahead.
  | { kind: "late"; promisedBy: Date; newWindow: { start: Date; end: Date } | null }
  | { kind: "carrier_estimate"; estimatedAt: Date }
  | { kind: "none" };

export function shownDeliveryWindow(shipment: WindowFacts, now: Date): ShownWindow {
  if (shipment.status === "delivered") {
    return shipment.deliveredAt ? { kind: "delivered", deliveredAt: shipment.deliveredAt } : { kind: "none" };
  }
  if (shipment.status === "returned") return { kind: "none" };
  const { windowStart: start, windowEnd: end } = shipment;
  if (start && end) {
    // Without a recorded promise, the window itself is what was promised.
    const promise = shipment.promisedBy ?? end;
    const passed = end.getTime() < now.getTime();
    const movedPastPromise = end.getTime() > promise.getTime();
    if (passed || movedPastPromise) {
      // A window narrowed inside the promise and then missed was expected by its own end: the latest word.
      const promisedBy = end < promise ? end : promise;
      return { kind: "late", promisedBy, newWindow: passed ? null : { start, end } };
    }
    const likely = shipment.likelyAt ?? null;
    const likelyInside = likely !== null && likely >= start && likely <= end;
    return { kind: "window", start, end, likely: likelyInside ? likely : null };
  }
  if (shipment.carrierEstimatedAt)
    return { kind: "carrier_estimate", estimatedAt: shipment.carrierEstimatedAt };
  return { kind: "none" };
}

export type EstimateRevision = { isOriginal: boolean; latestAt: Date; likelyAt: Date | null };

/** The promise and the current most likely day from a shipment's revisions, oldest first. */
export function promiseAndLikelyDay(revisions: readonly EstimateRevision[]): {
  promisedBy: Date | null;
  likelyAt: Date | null;
} {
  return {
    promisedBy: revisions.find((revision) => revision.isOriginal)?.latestAt ?? null,
    likelyAt: revisions.at(-1)?.likelyAt ?? null,
  };
}

/** The window a message or a card can print as "expected between": the current one while it still holds. */
export function expectedRange(shown: ShownWindow): { start: Date; end: Date } | null {
  switch (shown.kind) {
    case "window":
      return { start: shown.start, end: shown.end };
    case "late":
      return shown.newWindow;
    case "carrier_estimate":
      return { start: shown.estimatedAt, end: shown.estimatedAt };
    case "delivered":
    case "none":
      return null;
  }
}
