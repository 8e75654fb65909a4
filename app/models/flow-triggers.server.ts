import { z } from "zod";
import prisma from "../db.server";
import type { AdminGraphql } from "../services/admin-graphql.server";
import type { JobHandler } from "../services/jobs/job-handlers.server";
import { adminGraphqlForStoredShop } from "../services/shop-admin.server";
import { attentionReasonLabel } from "./attention-guidance";
import type { FlowTriggerReceiveMutation } from "../types/admin.generated";
import type { JobRequest } from "./jobs.server";
import { trackingLinkFor } from "./notification-links.server";
import { FLOW_TRIGGERS, type FlowTrigger } from "./notification-rules";
import { statusLabel } from "./shipment-status";
import { isSubstatus, SUBSTATUSES } from "./tracking-taxonomy";

// Shopify Flow triggers: merchants start workflows from Parcelwise's shipment events ("Shipment delayed" →
// tag the order, message support, …). Each trigger is an extension under extensions/flow-shipment-*; its TOML
// declares exactly the fields FLOW_TRIGGER_FIELDS lists (tests/extensions/flow-triggers.test.ts).

export const FLOW_TRIGGER_RECEIVE_MUTATION = `#graphql
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors {
        field
        message
      }
    }
  }
`;

export const FLOW_TRIGGER_HANDLES = {
  delayed: "shipment-delayed",
  exception: "shipment-exception",
  delivered: "shipment-delivered",
  stuck: "shipment-stuck",
} as const satisfies Record<FlowTrigger, string>;

export const FLOW_TRIGGER_JOB_TYPE = "flow.trigger";

// Flow trigger fields can only be these types (Shopify CLI), hence times as ISO 8601 text.
export type FlowTriggerFieldType = "order_reference" | "single_line_text_field" | "url" | "number_decimal";
export type FlowTriggerFieldSpec = { key: string; type: FlowTriggerFieldType };

const COMMON_FIELDS: FlowTriggerFieldSpec[] = [
  // An order_reference field travels as "order_id"; Flow then loads the order for the workflow.
  { key: "order_id", type: "order_reference" },
  { key: "Tracking number", type: "single_line_text_field" },
  { key: "Carrier", type: "single_line_text_field" },
  { key: "Status", type: "single_line_text_field" },
  { key: "Tracking URL", type: "url" },
];

export const FLOW_TRIGGER_FIELDS: Record<FlowTrigger, readonly FlowTriggerFieldSpec[]> = {
  delayed: [
    ...COMMON_FIELDS,
    { key: "Reason", type: "single_line_text_field" },
    { key: "Promised by", type: "single_line_text_field" },
    { key: "Now expected by", type: "single_line_text_field" },
  ],
  exception: [
    ...COMMON_FIELDS,
    { key: "Reason", type: "single_line_text_field" },
    { key: "Next step", type: "single_line_text_field" },
  ],
  delivered: [...COMMON_FIELDS, { key: "Delivered at", type: "single_line_text_field" }],
  stuck: [
    ...COMMON_FIELDS,
    { key: "Last scan at", type: "single_line_text_field" },
    { key: "Hours without a scan", type: "number_decimal" },
  ],
};

export type FlowTriggerPayload = Record<string, string | number>;

export class FlowTriggerError extends Error {}

export function flowTriggerJobRequest({
  shop,
  shipmentId,
  trigger,
  reason,
}: {
  shop: string;
  shipmentId: string;
  trigger: FlowTrigger;
  reason?: string;
}): JobRequest {
  return {
    shop,
    type: FLOW_TRIGGER_JOB_TYPE,
    uniqueKey: `flow.trigger:${trigger}:${shipmentId}`,
    payload: reason === undefined ? { shipmentId, trigger } : { shipmentId, trigger, reason },
  };
}

// What the payload is built from: the shipment as stored, its order, and the first window promised.
export type FlowTriggerShipment = {
  status: string;
  substatus: string | null;
  trackingNumber: string | null;
  trackingCompany: string | null;
  carrier: string | null;
  shippedAt: Date | null;
  lastEventAt: Date | null;
  deliveredAt: Date | null;
  shopifyDeliveredAt: Date | null;
  windowEnd: Date | null;
  carrierEstimatedAt: Date | null;
  promisedBy: Date | null;
  order: { id: string; shopifyId: string };
};

const DEFAULT_REASON: Record<"delayed" | "exception", string> = {
  delayed: "Running later than promised",
  exception: "The carrier reported a problem",
};
const DEFAULT_NEXT_STEP = SUBSTATUSES.carrier_failure.next;
// The delays Parcelwise finds itself arrive as their message situation (notification-milestones.ts).
const FOUND_DELAY_REASONS: Record<string, string | null> = {
  late: attentionReasonLabel("window_passed"),
  window_moved: attentionReasonLabel("window_moved_past_promise"),
};
const HOUR_MS = 60 * 60 * 1000;

export function buildFlowTriggerPayload({
  shop,
  trigger,
  shipment,
  reason,
  now,
}: {
  shop: string;
  trigger: FlowTrigger;
  shipment: FlowTriggerShipment;
  reason?: string;
  now: Date;
}): FlowTriggerPayload {
  const common: FlowTriggerPayload = {
    order_id: legacyOrderId(shipment.order.shopifyId),
    "Tracking number": shipment.trackingNumber ?? "",
    Carrier: shipment.trackingCompany ?? shipment.carrier ?? "",
    Status: statusLabel(shipment.status),
    "Tracking URL": trackingLinkFor({
      // The myshopify domain redirects to the shop's primary domain, path and query included.
      storefrontUrl: `https://${shop}`,
      shop,
      orderId: shipment.order.id,
      now: now.getTime(),
    }),
  };
  switch (trigger) {
    case "delayed":
      return {
        ...common,
        Reason: reasonFor("delayed", shipment.substatus, reason),
        "Promised by": isoTime(shipment.promisedBy),
        "Now expected by": isoTime(shipment.windowEnd ?? shipment.carrierEstimatedAt),
      };
    case "exception": {
      const substatus = matchingSubstatus("exception", substatusIn(reason) ?? shipment.substatus);
      return {
        ...common,
        Reason: reasonFor("exception", shipment.substatus, reason),
        "Next step": substatus ? SUBSTATUSES[substatus].next : DEFAULT_NEXT_STEP,
      };
    }
    case "delivered":
      return { ...common, "Delivered at": isoTime(shipment.deliveredAt ?? shipment.shopifyDeliveredAt) };
    case "stuck": {
      const since = shipment.lastEventAt ?? shipment.shippedAt;
      return {
        ...common,
        "Last scan at": isoTime(shipment.lastEventAt),
        "Hours without a scan": since
          ? Math.max(0, Math.floor((now.getTime() - since.getTime()) / HOUR_MS))
          : 0,
      };
    }
  }
}

export type FlowTriggerOutcome = "fired" | "no_shipment";

// Throws on a transport error or a userError, so the job queue retries with backoff.
export async function fireFlowTrigger({
  shop,
  admin,
  shipmentId,
  trigger,
  reason,
  now = new Date(),
}: {
  shop: string;
  admin: AdminGraphql;
  shipmentId: string;
  trigger: FlowTrigger;
  reason?: string;
  now?: Date;
}): Promise<FlowTriggerOutcome> {
  const stored = await prisma.shipment.findFirst({
    where: { id: shipmentId, shop },
    select: {
      status: true,
      substatus: true,
      trackingNumber: true,
      trackingCompany: true,
      carrier: true,
      shippedAt: true,
      lastEventAt: true,
      deliveredAt: true,
      shopifyDeliveredAt: true,
      windowEnd: true,
      carrierEstimatedAt: true,
      order: { select: { id: true, shopifyId: true } },
      estimates: {
        where: { isOriginal: true },
        orderBy: { createdAt: "asc" },
        take: 1,
        select: { latestAt: true },
      },
    },
  });
  if (!stored) return "no_shipment";
  const { estimates, ...shipment } = stored;
  const payload = buildFlowTriggerPayload({
    shop,
    trigger,
    shipment: { ...shipment, promisedBy: estimates[0]?.latestAt ?? null },
    reason,
    now,
  });
  const handle = FLOW_TRIGGER_HANDLES[trigger];
  const data = await admin.request<FlowTriggerReceiveMutation>(FLOW_TRIGGER_RECEIVE_MUTATION, {
    handle,
    payload,
  });
  if (!data.flowTriggerReceive) throw new FlowTriggerError(`Shopify did not answer the ${handle} trigger`);
  const { userErrors } = data.flowTriggerReceive;
  if (userErrors.length) {
    throw new FlowTriggerError(
      `Shopify Flow refused the ${handle} trigger: ${userErrors.map((error) => error.message.trim()).join("; ")}`,
    );
  }
  return "fired";
}

const flowTriggerJobPayload = z.object({
  shipmentId: z.string(),
  trigger: z.enum(FLOW_TRIGGERS),
  reason: z.string().optional(),
});

export const runFlowTriggerJob: JobHandler = async ({ shop, payload, now }) => {
  const { shipmentId, trigger, reason } = flowTriggerJobPayload.parse(payload);
  await fireFlowTrigger({
    shop,
    admin: await adminGraphqlForStoredShop(shop),
    shipmentId,
    trigger,
    reason,
    now,
  });
};

// Order IDs can exceed 2^53: the digits stay a string from the GID to the payload.
function legacyOrderId(shopifyId: string): string {
  const digits = /^(?:gid:\/\/shopify\/Order\/)?(\d+)$/.exec(shopifyId)?.[1];
  if (!digits) throw new FlowTriggerError(`order ${shopifyId} has no Shopify order ID`);
  return digits;
}

function matchingSubstatus(status: "delayed" | "exception", substatus: string | null) {
  return isSubstatus(substatus) && SUBSTATUSES[substatus].status === status ? substatus : null;
}

// A caller's reason is plain text, or the substatus code of the scan that fired the trigger.
function substatusIn(reason: string | undefined) {
  const given = reason?.trim();
  return isSubstatus(given) ? given : null;
}

function reasonFor(trigger: "delayed" | "exception", substatus: string | null, reason: string | undefined) {
  const given = reason?.trim();
  const foundDelay = given && Object.hasOwn(FOUND_DELAY_REASONS, given) ? FOUND_DELAY_REASONS[given] : null;
  if (foundDelay) return foundDelay;
  if (given && !isSubstatus(given)) return given;
  const known = matchingSubstatus(trigger, substatusIn(reason) ?? substatus);
  return known ? SUBSTATUSES[known].label : DEFAULT_REASON[trigger];
}

// Whole seconds in UTC, like Shopify's own DateTime; empty when unknown, since Flow needs every field.
function isoTime(value: Date | null): string {
  return value ? value.toISOString().replace(/\.\d{3}Z$/, "Z") : "";
}
