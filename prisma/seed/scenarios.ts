import type { AttentionKind, ShipmentStatus } from "../../app/models/shipment-status";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type SeedEvent = {
  status: ShipmentStatus;
  substatus?: string;
  rawCode: string;
  rawText: string;
  at: number;
  atDestination: boolean;
};

export type ScenarioOutcome = {
  status: ShipmentStatus;
  substatus?: string;
  attention?: AttentionKind;
  deliveredAt?: number;
  // Events after pickup, beyond the label-created and picked-up scans every shipped parcel has.
  events: SeedEvent[];
};

export type Scenario = {
  name: string;
  weight: number;
  ageDays: [number, number];
  shipped: boolean;
  outcome?: (timing: { shippedAt: number; expectedAt: number; now: number }) => ScenarioOutcome;
};

const transit = (at: number, rawText = "Departed facility"): SeedEvent => ({
  status: "in_transit",
  substatus: "departed",
  rawCode: "IT",
  rawText,
  at,
  atDestination: false,
});

// Each scenario is a situation a merchant recognizes; ages keep the timelines plausible.
export const SCENARIOS: Scenario[] = [
  { name: "unfulfilled", weight: 4, ageDays: [0.1, 1], shipped: false },
  {
    name: "pre_transit",
    weight: 6,
    ageDays: [0.5, 2],
    shipped: true,
    outcome: () => ({ status: "pre_transit", events: [] }),
  },
  {
    name: "in_transit",
    weight: 12,
    ageDays: [2, 4],
    shipped: true,
    outcome: ({ shippedAt, now }) => ({
      status: "in_transit",
      events: [transit(Math.min(shippedAt + DAY, now - HOUR))],
    }),
  },
  {
    name: "out_for_delivery",
    weight: 5,
    ageDays: [3, 6],
    shipped: true,
    outcome: ({ shippedAt, now }) => ({
      status: "out_for_delivery",
      events: [
        transit(shippedAt + DAY),
        {
          status: "out_for_delivery",
          rawCode: "OD",
          rawText: "Out for delivery",
          at: now - 2 * HOUR,
          atDestination: true,
        },
      ],
    }),
  },
  {
    name: "delivered",
    weight: 45,
    ageDays: [6, 45],
    shipped: true,
    outcome: ({ shippedAt, expectedAt }) => ({
      status: "delivered",
      substatus: "left_at_door",
      deliveredAt: expectedAt - 4 * HOUR,
      events: [
        transit(shippedAt + DAY),
        {
          status: "out_for_delivery",
          rawCode: "OD",
          rawText: "Out for delivery",
          at: expectedAt - 8 * HOUR,
          atDestination: true,
        },
        {
          status: "delivered",
          substatus: "left_at_door",
          rawCode: "DL",
          rawText: "Delivered, left at front door",
          at: expectedAt - 4 * HOUR,
          atDestination: true,
        },
      ],
    }),
  },
  {
    name: "attempted",
    weight: 3,
    ageDays: [4, 8],
    shipped: true,
    outcome: ({ shippedAt, now }) => ({
      status: "attempted",
      substatus: "not_home",
      attention: "exception",
      events: [
        transit(shippedAt + DAY),
        {
          status: "attempted",
          substatus: "not_home",
          rawCode: "AD",
          rawText: "Delivery attempted - no one available",
          at: now - DAY,
          atDestination: true,
        },
      ],
    }),
  },
  {
    name: "delayed",
    weight: 4,
    ageDays: [5, 10],
    shipped: true,
    outcome: ({ shippedAt, now }) => ({
      status: "delayed",
      substatus: "weather",
      attention: "late",
      events: [
        transit(shippedAt + DAY),
        {
          status: "delayed",
          substatus: "weather",
          rawCode: "WX",
          rawText: "Delay due to severe weather",
          at: now - DAY,
          atDestination: false,
        },
      ],
    }),
  },
  {
    name: "exception",
    weight: 4,
    ageDays: [5, 15],
    shipped: true,
    outcome: ({ shippedAt, now }) => ({
      status: "exception",
      substatus: "address_problem",
      attention: "exception",
      events: [
        transit(shippedAt + DAY),
        {
          status: "exception",
          substatus: "address_problem",
          rawCode: "AX",
          rawText: "Address information incomplete",
          at: now - 2 * DAY,
          atDestination: true,
        },
      ],
    }),
  },
  {
    name: "ready_for_pickup",
    weight: 3,
    ageDays: [4, 8],
    shipped: true,
    outcome: ({ shippedAt, now }) => ({
      status: "ready_for_pickup",
      events: [
        transit(shippedAt + DAY),
        {
          status: "ready_for_pickup",
          rawCode: "PU",
          rawText: "Available for pickup at access point",
          at: now - DAY,
          atDestination: true,
        },
      ],
    }),
  },
  {
    name: "returned",
    weight: 2,
    ageDays: [20, 40],
    shipped: true,
    outcome: ({ shippedAt }) => ({
      status: "returned",
      substatus: "returned_to_sender",
      events: [
        transit(shippedAt + DAY),
        {
          status: "exception",
          substatus: "refused",
          rawCode: "RF",
          rawText: "Refused by recipient",
          at: shippedAt + 4 * DAY,
          atDestination: true,
        },
        {
          status: "returned",
          substatus: "returned_to_sender",
          rawCode: "RS",
          rawText: "Returned to sender",
          at: shippedAt + 9 * DAY,
          atDestination: false,
        },
      ],
    }),
  },
  {
    name: "stuck",
    weight: 4,
    ageDays: [10, 20],
    shipped: true,
    outcome: ({ shippedAt }) => ({
      status: "in_transit",
      attention: "stuck",
      events: [transit(shippedAt + DAY, "Arrived at sort facility")],
    }),
  },
  {
    name: "late",
    weight: 4,
    ageDays: [8, 14],
    shipped: true,
    outcome: ({ shippedAt, now }) => ({
      status: "in_transit",
      attention: "late",
      events: [transit(shippedAt + DAY), transit(now - DAY, "In transit to destination")],
    }),
  },
];

export const TIME = { HOUR, DAY };
