import { seededRandom, type SeededRandom } from "../shopify-standin/seeded-random";
import { CARRIER_PLACES, type Place } from "./places";
import type { CarrierCode } from "./standin-types";

export type Milestone =
  | "label_created"
  | "picked_up"
  | "departed_origin"
  | "arrived_hub"
  | "departed_hub"
  | "customs"
  | "arrived_destination"
  | "delay"
  | "out_for_delivery"
  | "not_home"
  | "delivered"
  | "returned";

export type JourneyVariant = "standard" | "attempt" | "delay" | "return" | "hand_off";

export interface JourneyStep {
  milestone: Milestone;
  at: Date;
  place: Place;
}

export interface Journey {
  carrier: CarrierCode;
  trackingNumber: string;
  variant: JourneyVariant;
  origin: Place;
  destination: Place;
  /** Every step, including those the clock has not reached yet. */
  steps: JourneyStep[];
  /** The promise made at label time: the planned delivery day, 23:59 at the destination. */
  estimatedDeliveryAt: Date;
  /** For the hand_off variant: the partner's own number. */
  partnerTrackingNumber: string | null;
}

const HOUR = 3_600_000;

// Parcels between these countries cross no customs border.
const EU_CUSTOMS_UNION: ReadonlySet<string> = new Set(["DE", "NL", "FR", "ES", "IT"]);

function crossesCustoms(from: Place, to: Place): boolean {
  return (
    from.country !== to.country && !(EU_CUSTOMS_UNION.has(from.country) && EU_CUSTOMS_UNION.has(to.country))
  );
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function pickVariant(random: SeededRandom, carrier: CarrierCode): JourneyVariant {
  const roll = random.next();
  if (roll < 0.1) return "attempt";
  if (roll < 0.18) return "delay";
  if (roll < 0.22) return "return";
  const handsOff = carrier === "ups" || carrier === "fedex" || carrier === "dhl";
  if (handsOff && roll < 0.32) return "hand_off";
  return "standard";
}

function endOfDay(instant: Date, timeZone: string): Date {
  const day = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
  // 23:59 local: start from 23:59 UTC of that day and shift by the zone's offset at that moment.
  const utcGuess = new Date(`${day}T23:59:00Z`);
  const local = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(utcGuess)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = local?.match(/GMT([+-])(\d{2}):(\d{2})/);
  const offsetMinutes = match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(utcGuess.getTime() - offsetMinutes * 60_000);
}

function partnerNumber(random: SeededRandom): string {
  return `9274899${Array.from({ length: 19 }, () => random.integer(0, 9)).join("")}`;
}

/**
 * The whole journey of a tracking number: the same number (and epoch) always gives the same journey, and the clock
 * only decides how much of it has happened.
 */
export function journeyFor(carrier: CarrierCode, trackingNumber: string, epoch: Date): Journey {
  const random = seededRandom(fnv1a(`${carrier}:${trackingNumber}`));
  const places = CARRIER_PLACES[carrier];
  const origin = random.pick(places);
  const hub = random.pick(places);
  const destination = random.pick(places.filter((candidate) => candidate !== origin));
  const variant = pickVariant(random, carrier);

  let at = epoch.getTime() - random.integer(0, 96) * HOUR - random.integer(0, 59) * 60_000;
  const steps: JourneyStep[] = [];
  const step = (milestone: Milestone, place: Place, minHours: number, maxHours: number) => {
    at += random.integer(minHours * 60, maxHours * 60) * 60_000;
    steps.push({ milestone, at: new Date(at), place });
  };

  step("label_created", origin, 0, 0);
  step("picked_up", origin, 3, 20);
  step("departed_origin", origin, 2, 6);
  step("arrived_hub", hub, 4, 14);
  step("departed_hub", hub, 2, 8);
  if (crossesCustoms(origin, destination)) step("customs", destination, 4, 20);
  step("arrived_destination", destination, 6, 20);
  const plannedDeliveryAt = new Date(at + 16 * HOUR);
  if (variant === "delay") step("delay", destination, 2, 6);
  step("out_for_delivery", destination, variant === "delay" ? 20 : 8, variant === "delay" ? 30 : 14);
  if (variant === "attempt" || variant === "return") {
    step("not_home", destination, 2, 7);
    if (variant === "return") {
      step("returned", destination, 24, 48);
    } else {
      step("out_for_delivery", destination, 16, 20);
      step("delivered", destination, 1, 6);
    }
  } else {
    step("delivered", destination, 1, 6);
  }

  return {
    carrier,
    trackingNumber,
    variant,
    origin,
    destination,
    steps,
    estimatedDeliveryAt: endOfDay(plannedDeliveryAt, destination.timeZone),
    partnerTrackingNumber: variant === "hand_off" ? partnerNumber(random) : null,
  };
}

/** The steps that have happened by `now`, oldest first. */
export function stepsSoFar(journey: Journey, now: Date): JourneyStep[] {
  return journey.steps.filter((step) => step.at.getTime() <= now.getTime());
}
