// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  buildFlowTriggerPayload,
  FLOW_TRIGGER_FIELDS,
  FLOW_TRIGGER_HANDLES,
  type FlowTriggerShipment,
} from "../../app/models/flow-triggers.server";
import { FLOW_TRIGGERS, type FlowTrigger } from "../../app/models/notification-rules";
import { SHIPMENT_STATUSES } from "../../app/models/shipment-status";
import { SUBSTATUSES } from "../../app/models/tracking-taxonomy";
import { parseExtensionToml } from "../../shopify-standin/extension-toml";
import {
  FlowTriggerRegistry,
  flowTriggerDefinitionFromToml,
  type FlowTriggerDefinition,
} from "../../shopify-standin/flow-triggers";
import { TEST_ENV } from "../setup/test-env";
import { EXTENSIONS_DIR } from "../helpers/extension-harness";

// The payload Parcelwise sends and the fields each Flow trigger extension declares must stay the same list:
// Flow refuses a payload with a field missing, extra or of another type, and merchants' workflows stop.

// Building a payload needs no database; the model module opens one when imported.
vi.mock("../../app/db.server", () => ({ default: {} }));

const SHOP = "flow-config.myshopify.com";
const NOW = new Date("2026-11-20T12:00:00Z");

function extensionDirs(): string[] {
  return readdirSync(EXTENSIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith("flow-"))
    .map((entry) => entry.name)
    .sort();
}

function readDefinition(dir: string): FlowTriggerDefinition {
  const file = path.join(EXTENSIONS_DIR, dir, "shopify.extension.toml");
  return flowTriggerDefinitionFromToml(readFileSync(file, "utf8"), file);
}

const definitionOf = (trigger: FlowTrigger) => readDefinition(`flow-${FLOW_TRIGGER_HANDLES[trigger]}`);

const EMPTY_SHIPMENT: FlowTriggerShipment = {
  status: "pending",
  substatus: null,
  trackingNumber: null,
  trackingCompany: null,
  carrier: null,
  shippedAt: null,
  lastEventAt: null,
  deliveredAt: null,
  shopifyDeliveredAt: null,
  windowEnd: null,
  carrierEstimatedAt: null,
  promisedBy: null,
  order: { id: "order-1", shopifyId: "gid://shopify/Order/1" },
};

const at = (iso: string) => new Date(iso);

// Shipments from knowing nothing to knowing everything, in every status and substatus.
const SHIPMENTS: FlowTriggerShipment[] = [
  EMPTY_SHIPMENT,
  ...SHIPMENT_STATUSES.map((status) => ({ ...EMPTY_SHIPMENT, status, carrier: "ups" })),
  ...Object.entries(SUBSTATUSES).map(([substatus, { status }]) => ({
    ...EMPTY_SHIPMENT,
    status,
    substatus,
    trackingNumber: "1ZA1B2C30376543213",
    trackingCompany: "UPS",
    carrier: "ups",
    shippedAt: at("2026-11-14T10:00:00Z"),
    lastEventAt: at("2026-11-18T09:30:00Z"),
    deliveredAt: status === "delivered" ? at("2026-11-19T15:42:10Z") : null,
    shopifyDeliveredAt: status === "delivered" ? at("2026-11-19T15:40:00Z") : null,
    windowEnd: at("2026-11-24T23:00:00Z"),
    carrierEstimatedAt: at("2026-11-23T23:00:00Z"),
    promisedBy: at("2026-11-21T23:00:00Z"),
    // Above 2^53: the digits must reach Flow unchanged.
    order: { id: "order-2", shopifyId: "gid://shopify/Order/820982911946154508" },
  })),
];

beforeAll(() => {
  for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("Flow trigger extensions", () => {
  it("are one extension per trigger, in extensions/flow-<handle>", () => {
    expect(extensionDirs()).toEqual(
      FLOW_TRIGGERS.map((trigger) => `flow-${FLOW_TRIGGER_HANDLES[trigger]}`).sort(),
    );
  });

  it.each(FLOW_TRIGGERS)(
    "%s: parses as TOML with one flow_trigger extension named for merchants",
    (trigger) => {
      const dir = `flow-${FLOW_TRIGGER_HANDLES[trigger]}`;
      const toml = parseExtensionToml(
        readFileSync(path.join(EXTENSIONS_DIR, dir, "shopify.extension.toml"), "utf8"),
        dir,
      );
      expect(toml.extensions).toEqual([
        {
          type: "flow_trigger",
          handle: FLOW_TRIGGER_HANDLES[trigger],
          name: `Shipment ${trigger}`,
          description: expect.stringMatching(/\S/),
        },
      ]);
      expect(Object.keys(toml).sort()).toEqual(["extensions", "settings"]);
    },
  );

  it.each(FLOW_TRIGGERS)(
    "%s: declares exactly the fields the app sends, with the same types, each described",
    (trigger) => {
      // flowTriggerDefinitionFromToml also applies the Shopify CLI's rules (supported types, key characters).
      const definition = definitionOf(trigger);
      expect(definition.fields.map((field) => ({ key: field.payloadKey, type: field.type }))).toEqual(
        FLOW_TRIGGER_FIELDS[trigger],
      );
      for (const field of definition.fields) expect(field.description, field.payloadKey).toMatch(/\S/);
    },
  );

  it.each(FLOW_TRIGGERS)(
    "%s: every payload the app builds is one Flow accepts for that extension",
    (trigger) => {
      const flow = new FlowTriggerRegistry([definitionOf(trigger)]);
      for (const shipment of SHIPMENTS) {
        for (const reason of [undefined, "Held at the depot"]) {
          const payload = buildFlowTriggerPayload({ shop: SHOP, trigger, shipment, reason, now: NOW });
          expect(
            flow.receive(SHOP, FLOW_TRIGGER_HANDLES[trigger], payload),
            `${shipment.status}/${shipment.substatus}`,
          ).toEqual([]);
          expect(payload.order_id).toBe(shipment.order.shopifyId.replace("gid://shopify/Order/", ""));
        }
      }
      expect(flow.received(SHOP)).toHaveLength(SHIPMENTS.length * 2);
    },
  );

  it("link the tracking page at the storefront path of shopify.app.toml's app proxy", () => {
    const appToml = readFileSync(path.join(EXTENSIONS_DIR, "..", "shopify.app.toml"), "utf8");
    const proxy = appToml.slice(appToml.indexOf("[app_proxy]"));
    const prefix = /^prefix = "([^"]+)"$/m.exec(proxy)?.[1];
    const subpath = /^subpath = "([^"]+)"$/m.exec(proxy)?.[1];
    const payload = buildFlowTriggerPayload({
      shop: SHOP,
      trigger: "delivered",
      shipment: EMPTY_SHIPMENT,
      now: NOW,
    });
    const link = new URL(String(payload["Tracking URL"]));
    expect(`${link.origin}${link.pathname}`).toBe(`https://${SHOP}/${prefix}/${subpath}`);
  });
});
