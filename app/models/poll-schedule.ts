import type { ShipmentStatus } from "./shipment-status";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const JITTER = 0.15;
// A parcel still moving after this long is lost or forgotten by the carrier: polling it helps nobody.
const GIVE_UP_AFTER = 90 * DAY;

export type PollInput = {
  status: ShipmentStatus;
  shippedAt: Date | null;
  lastEventAt: Date | null;
  now: Date;
  random?: () => number;
};

// How soon to ask the carrier again: often when something is about to happen (out for delivery, just
// shipped, a problem being resolved), rarely when a parcel is quietly crossing the country, never once it
// is delivered or returned. Jitter spreads the load so parcels shipped together are not polled together.
export function nextCheckAt({
  status,
  shippedAt,
  lastEventAt,
  now,
  random = Math.random,
}: PollInput): Date | null {
  if (status === "delivered" || status === "returned") return null;
  if (shippedAt && now.getTime() - shippedAt.getTime() > GIVE_UP_AFTER) return null;
  const interval = baseInterval({ status, shippedAt, lastEventAt, now });
  const jitter = 1 + (random() * 2 - 1) * JITTER;
  return new Date(now.getTime() + Math.round(interval * jitter));
}

function baseInterval({ status, shippedAt, lastEventAt, now }: Omit<PollInput, "random">): number {
  const sinceShipped = shippedAt ? now.getTime() - shippedAt.getTime() : 0;
  const quietFor = now.getTime() - (lastEventAt ?? shippedAt ?? now).getTime();
  switch (status) {
    case "out_for_delivery":
      return 30 * MINUTE;
    case "attempted":
    case "ready_for_pickup":
    case "exception":
    case "delayed":
      return 2 * HOUR;
    case "pending":
    case "pre_transit":
      return sinceShipped < 2 * DAY ? 2 * HOUR : 6 * HOUR;
    case "in_transit":
      if (sinceShipped < DAY) return HOUR;
      if (quietFor < 12 * HOUR) return 3 * HOUR;
      if (quietFor < 3 * DAY) return 6 * HOUR;
      return 12 * HOUR;
  }
  return 6 * HOUR;
}
