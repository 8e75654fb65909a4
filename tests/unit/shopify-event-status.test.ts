import { describe, expect, it } from "vitest";
import {
  normalizeShopifyEventStatus,
  SHOPIFY_EVENT_STATUS,
  SHOPIFY_FULFILLMENT_DISPLAY_STATUS,
} from "../../app/models/shopify-event-status";
import { loadAdminSchemas } from "../../shopify-standin/admin-schema";
import { GraphQLEnumType } from "graphql";
import { isSubstatus, SUBSTATUSES, type SubstatusCode } from "../../app/models/tracking-taxonomy";

const schemas = loadAdminSchemas();
if (!schemas) console.warn("skipping FulfillmentEventStatus coverage: ../shared not found");

describe("Shopify fulfillment event statuses", () => {
  it.skipIf(!schemas)("maps every FulfillmentEventStatus value of both Admin schemas", () => {
    for (const schema of [schemas?.jan2025, schemas?.unstable]) {
      const type = schema?.getType("FulfillmentEventStatus");
      expect(type).toBeInstanceOf(GraphQLEnumType);
      for (const value of (type as GraphQLEnumType).getValues()) {
        expect(SHOPIFY_EVENT_STATUS[value.name], value.name).toBeDefined();
      }
    }
  });

  it.skipIf(!schemas)("maps every FulfillmentDisplayStatus value of both Admin schemas", () => {
    for (const schema of [schemas?.jan2025, schemas?.unstable]) {
      const type = schema?.getType("FulfillmentDisplayStatus");
      expect(type).toBeInstanceOf(GraphQLEnumType);
      for (const value of (type as GraphQLEnumType).getValues()) {
        expect(SHOPIFY_FULFILLMENT_DISPLAY_STATUS[value.name], value.name).toBeDefined();
      }
    }
  });

  it("reads REST webhooks' lower-case values the same as GraphQL's", () => {
    expect(normalizeShopifyEventStatus("in_transit")).toEqual(normalizeShopifyEventStatus("IN_TRANSIT"));
    expect(normalizeShopifyEventStatus("carrier_picked_up")).toEqual({
      status: "in_transit",
      substatus: "picked_up",
    });
    expect(normalizeShopifyEventStatus("delayed")?.status).toBe("delayed");
    expect(normalizeShopifyEventStatus("something_new")).toBeNull();
    expect(normalizeShopifyEventStatus(null)).toBeNull();
  });
});

describe("the tracking taxonomy", () => {
  it("describes every substatus Shopify's statuses map to, under the same status", () => {
    for (const [code, mapped] of Object.entries(SHOPIFY_FULFILLMENT_DISPLAY_STATUS)) {
      if (!mapped.substatus) continue;
      expect(isSubstatus(mapped.substatus), `${code} → ${mapped.substatus}`).toBe(true);
      expect(SUBSTATUSES[mapped.substatus as SubstatusCode].status, code).toBe(mapped.status);
    }
  });

  it("gives every substatus plain-language text a shopper can act on", () => {
    for (const [code, substatus] of Object.entries(SUBSTATUSES)) {
      expect(substatus.label.length, code).toBeGreaterThan(5);
      expect(substatus.next.length, code).toBeGreaterThan(5);
      expect(substatus.label, code).not.toMatch(/_/);
    }
  });
});
