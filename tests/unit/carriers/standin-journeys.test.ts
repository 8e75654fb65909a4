import { afterEach, describe, expect, it } from "vitest";
import type { ShipmentStatus } from "../../../app/models/shipment-status";
import { CARRIER_CODES, type CarrierCode } from "../../../app/services/carriers/carrier-adapter";
import {
  createCarrierStandin,
  journeyFor,
  stepsSoFar,
  type CarrierStandin,
  type Milestone,
} from "../../../carrier-standins";
import { contextFor, freshAdapter, GENERATED_NUMBERS } from "./standin-harness";
import { readSharedResponse, sharedResponsesAvailable } from "./shared-responses";

const EPOCH = new Date("2026-03-02T12:00:00Z");
const DAY = 86_400_000;

/** What each step of a journey must read as once it went through the carrier's format and back. */
const EXPECTED_STATUS: Record<Milestone, ShipmentStatus> = {
  label_created: "pre_transit",
  picked_up: "in_transit",
  departed_origin: "in_transit",
  arrived_hub: "in_transit",
  departed_hub: "in_transit",
  customs: "in_transit",
  arrived_destination: "in_transit",
  delay: "delayed",
  out_for_delivery: "out_for_delivery",
  not_home: "attempted",
  delivered: "delivered",
  returned: "returned",
};

function expectedStatus(carrier: CarrierCode, milestone: Milestone): ShipmentStatus {
  // USPS reports a delay only as "Arriving Late" on an ordinary in-transit scan.
  if (carrier === "usps" && milestone === "delay") return "in_transit";
  return EXPECTED_STATUS[milestone];
}

function numbersFor(carrier: CarrierCode, count: number): string[] {
  const base = GENERATED_NUMBERS[carrier];
  return Array.from({ length: count }, (_, index) => `${base.slice(0, -3)}${String(index).padStart(3, "0")}`);
}

const standins: CarrierStandin[] = [];
async function standinAt(now: Date): Promise<CarrierStandin> {
  const standin = await createCarrierStandin({ clock: () => now, journeyEpoch: EPOCH });
  standins.push(standin);
  return standin;
}
afterEach(async () => {
  await Promise.all(standins.splice(0).map((standin) => standin.close()));
});

describe.each(CARRIER_CODES)("%s stand-in journeys", (carrier) => {
  it("read back through the adapter as the journey they were generated from", async () => {
    const now = new Date(EPOCH.getTime() + 2 * DAY);
    const standin = await standinAt(now);
    const adapter = freshAdapter(carrier);
    const seenStatuses = new Set<ShipmentStatus>();
    for (const number of numbersFor(carrier, 40)) {
      const journey = journeyFor(carrier, number, EPOCH);
      const steps = stepsSoFar(journey, now).filter(
        // DHL Express shows no checkpoint for a label alone.
        (step) => !(carrier === "dhl_express" && step.milestone === "label_created"),
      );
      const result = await adapter.track({ trackingNumber: number }, contextFor(standin, carrier));
      expect(result.events.map((event) => event.occurredAt.toISOString())).toEqual(
        steps.map((step) => step.at.toISOString()),
      );
      expect(result.events.map((event) => event.status)).toEqual(
        steps.map((step) => expectedStatus(carrier, step.milestone)),
      );
      const last = steps.at(-1);
      seenStatuses.add(result.status);
      if (last?.milestone === "delivered") {
        expect(result.deliveredAt?.toISOString()).toBe(last.at.toISOString());
      } else {
        expect(result.deliveredAt).toBeNull();
        expect(result.estimatedDeliveryAt?.toISOString()).toBe(journey.estimatedDeliveryAt.toISOString());
      }
      expect(result.handOff?.trackingNumber ?? null).toBe(journey.partnerTrackingNumber);
    }
    expect(seenStatuses.size).toBeGreaterThan(2);
  });

  it("advance with the clock and are the same on every run", async () => {
    const number = GENERATED_NUMBERS[carrier];
    const early = await standinAt(new Date(EPOCH.getTime() - 3 * DAY));
    const late = await standinAt(new Date(EPOCH.getTime() + 9 * DAY));
    const lateAgain = await standinAt(new Date(EPOCH.getTime() + 9 * DAY));
    const adapter = freshAdapter(carrier);
    const earlyResult = await adapter
      .track({ trackingNumber: number }, contextFor(early, carrier))
      .catch(() => null);
    const lateResult = await adapter.track({ trackingNumber: number }, contextFor(late, carrier));
    const lateAgainResult = await adapter.track({ trackingNumber: number }, contextFor(lateAgain, carrier));
    expect(lateResult.events.length).toBeGreaterThan(earlyResult?.events.length ?? 0);
    expect(["delivered", "returned"]).toContain(lateResult.status);
    expect(lateAgainResult).toEqual(lateResult);
  });

  it("answers a number of the wrong shape with the carrier's not-found", async () => {
    const standin = await standinAt(EPOCH);
    await expect(
      freshAdapter(carrier).track({ trackingNumber: "NOT-A-NUMBER" }, contextFor(standin, carrier)),
    ).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe.skipIf(!sharedResponsesAvailable)(
  "stand-in answers the real samples' numbers with the samples",
  () => {
    it("serves a sample byte for byte", async () => {
      const standin = await standinAt(EPOCH);
      const response = await fetch(`${standin.baseUrlFor("dhl")}/track/shipments?trackingNumber=7777777770`, {
        headers: { "DHL-API-Key": standin.credentialsFor("dhl").apiKey ?? "" },
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(readSharedResponse("dhl_universal__TrackingResponseJSON.json"));
    });

    it("serves every carrier's sample number", async () => {
      const standin = await standinAt(EPOCH);
      const samples: Array<[CarrierCode, string, number]> = [
        ["ups", "1Z023E2X0214323462", 1],
        ["fedex", "123456789012", 1],
        ["usps", "9400109104250532908587", 12],
        ["dhl", "7777777770", 1],
        ["dhl_express", "3180831640", 16],
        ["dhl_express", "9053283201", 1],
        ["canada_post", "7023210039414604", 6],
      ];
      for (const [carrier, number, events] of samples) {
        const result = await freshAdapter(carrier).track(
          { trackingNumber: number },
          contextFor(standin, carrier),
        );
        expect(result.events, `${carrier} ${number}`).toHaveLength(events);
      }
    });
  },
);

describe("stand-in without ../shared", () => {
  it("answers the samples' numbers with generated journeys instead", async () => {
    const standin = await createCarrierStandin({
      sharedDir: "/nonexistent/shared",
      journeyEpoch: EPOCH,
      clock: () => EPOCH,
    });
    standins.push(standin);
    const result = await freshAdapter("dhl").track(
      { trackingNumber: "7777777770" },
      contextFor(standin, "dhl"),
    );
    expect(result.events.length).toBeGreaterThan(0);
    expect(result.events.every((event) => event.occurredAt.getTime() <= EPOCH.getTime())).toBe(true);
    expect(result.events[0]?.occurredAt.getUTCFullYear()).toBe(2026);
  });
});
