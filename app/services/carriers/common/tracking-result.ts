import type { HandOff, NormalizedEvent, TrackingResult } from "../carrier-adapter";
import { classification, type Classification } from "./code-table";

export interface TrackingResultParts {
  /** In the carrier's chronological order (oldest first) before sorting; ties keep this order. */
  events: NormalizedEvent[];
  /** The carrier's shipment-level status, used only when there are no events. */
  currentStatus?: Classification | null;
  estimatedDeliveryAt?: Date | null;
  /** The carrier's own delivery time, used when no delivered event carries one. */
  carrierDeliveredAt?: Date | null;
  handOff?: HandOff | null;
}

function uniqueChronological(events: NormalizedEvent[]): NormalizedEvent[] {
  const byKey = new Map<string, NormalizedEvent>();
  for (const event of events) if (!byKey.has(event.dedupeKey)) byKey.set(event.dedupeKey, event);
  // Sorting is stable: events at the same instant keep the carrier's order.
  return [...byKey.values()].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

// The first scan of the final delivered stretch: a later "signature recorded" must not move the delivery time.
function deliveredAtFrom(events: NormalizedEvent[]): Date | null {
  let first: NormalizedEvent | null = null;
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (!event || event.status !== "delivered") break;
    first = event;
  }
  return first?.occurredAt ?? null;
}

export function trackingResult(parts: TrackingResultParts): TrackingResult {
  const events = uniqueChronological(parts.events);
  const latest = events.at(-1);
  const current = latest
    ? { status: latest.status, substatus: latest.substatus }
    : (parts.currentStatus ?? classification("info_received"));
  const delivered = current.status === "delivered";
  return {
    status: current.status,
    substatus: current.substatus,
    estimatedDeliveryAt: parts.estimatedDeliveryAt ?? null,
    deliveredAt: delivered ? (deliveredAtFrom(events) ?? parts.carrierDeliveredAt ?? null) : null,
    events,
    handOff: parts.handOff ?? null,
  };
}
