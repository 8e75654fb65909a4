import { describe, expect, it } from "vitest";
import { nextCheckAt } from "../../app/models/poll-schedule";

const now = new Date("2026-11-20T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const inHours = (date: Date | null) => (date ? (date.getTime() - now.getTime()) / 3_600_000 : null);
const noJitter = () => 0.5;

describe("adaptive polling", () => {
  it("never polls a delivered or returned parcel", () => {
    for (const status of ["delivered", "returned"] as const) {
      expect(nextCheckAt({ status, shippedAt: hoursAgo(48), lastEventAt: hoursAgo(1), now })).toBeNull();
    }
  });

  it("polls often when something is about to happen and rarely when a parcel is quiet in transit", () => {
    const outForDelivery = inHours(
      nextCheckAt({
        status: "out_for_delivery",
        shippedAt: hoursAgo(72),
        lastEventAt: hoursAgo(2),
        now,
        random: noJitter,
      }),
    );
    const justShipped = inHours(
      nextCheckAt({
        status: "in_transit",
        shippedAt: hoursAgo(5),
        lastEventAt: hoursAgo(4),
        now,
        random: noJitter,
      }),
    );
    const quiet = inHours(
      nextCheckAt({
        status: "in_transit",
        shippedAt: hoursAgo(120),
        lastEventAt: hoursAgo(100),
        now,
        random: noJitter,
      }),
    );
    expect(outForDelivery).toBe(0.5);
    expect(justShipped).toBe(1);
    expect(quiet).toBe(12);
  });

  it("spreads parcels shipped together within ±15% so they are not polled at the same second", () => {
    const input = { status: "in_transit" as const, shippedAt: hoursAgo(30), lastEventAt: hoursAgo(2), now };
    expect(inHours(nextCheckAt({ ...input, random: () => 0 }))).toBeCloseTo(3 * 0.85, 5);
    expect(inHours(nextCheckAt({ ...input, random: () => 1 }))).toBeCloseTo(3 * 1.15, 5);
  });

  it("gives up on parcels still moving after 90 days", () => {
    expect(
      nextCheckAt({
        status: "in_transit",
        shippedAt: hoursAgo(91 * 24),
        lastEventAt: hoursAgo(50 * 24),
        now,
      }),
    ).toBeNull();
  });
});
