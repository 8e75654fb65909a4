import type { AdminContext } from "./admin-context";
import { checkBulkQuery } from "./bulk-query-rules";
import { badRequest } from "./resolver-errors";
import { createStandinFulfillmentEvent, type StandinFulfillmentEventInput } from "./store-updates";

interface UserError {
  field: string[] | null;
  message: string;
  code?: string;
}

export function fulfillmentEventCreate(
  _root: unknown,
  { fulfillmentEvent: input }: { fulfillmentEvent: StandinFulfillmentEventInput },
  { shop }: AdminContext,
): { fulfillmentEvent: unknown; userErrors: UserError[] } {
  for (const field of ["happenedAt", "estimatedDeliveryAt"] as const) {
    const value = input[field];
    if (value != null && Number.isNaN(Date.parse(value)))
      throw badRequest(`Invalid DateTime for ${field}: ${value}`);
  }
  const created = createStandinFulfillmentEvent(shop, input);
  if (!created) {
    return {
      fulfillmentEvent: null,
      userErrors: [{ field: ["fulfillmentEvent", "fulfillmentId"], message: "Fulfillment does not exist." }],
    };
  }
  return { fulfillmentEvent: created.event, userErrors: [] };
}

export function bulkOperationRunQuery(
  _root: unknown,
  { query }: { query: string },
  { shop, schemas, bulkOperations }: AdminContext,
): { bulkOperation: unknown; userErrors: UserError[] } {
  const check = checkBulkQuery(schemas, query, bulkOperations.options);
  if (!check.valid) {
    return {
      bulkOperation: null,
      userErrors: check.messages.map((message) => ({ field: ["query"], message, code: "INVALID" })),
    };
  }
  const running = bulkOperations.inProgress(shop);
  if (running) {
    return {
      bulkOperation: null,
      userErrors: [
        {
          field: null,
          message: `A bulk query operation for this app and shop is already in progress: ${running.id}.`,
          code: "OPERATION_IN_PROGRESS",
        },
      ],
    };
  }
  return { bulkOperation: bulkOperations.start(shop, query, check.plan), userErrors: [] };
}

interface FlowTriggerReceiveArgs {
  handle?: string | null;
  payload?: unknown;
}

// The deprecated `body` argument is not in Admin 2025-01, so a document using it never gets this far.
export function flowTriggerReceive(
  _root: unknown,
  { handle, payload }: FlowTriggerReceiveArgs,
  { shop, flowTriggers }: AdminContext,
): { userErrors: UserError[] } {
  if (!handle || payload == null) {
    return { userErrors: [{ field: ["handle"], message: "`handle` and `payload` arguments are required" }] };
  }
  return { userErrors: flowTriggers.receive(shop.myshopifyDomain, handle, payload) };
}
