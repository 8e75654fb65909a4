import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runParse, type ParseIo } from "../../../scripts/carriers-parse";
import {
  readSharedResponse,
  sharedResponsePath,
  sharedResponsesAvailable,
  warnIfSharedMissing,
} from "./shared-responses";

warnIfSharedMissing("carriers parse CLI tests");

const projectRoot = fileURLToPath(new URL("../../..", import.meta.url));

async function parse(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: ParseIo = {
    readFile: async (file) => readSharedResponse(file.replace(/^.*\//, "")),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  const code = await runParse(args, io);
  return { code, json: out.length > 0 ? (JSON.parse(out.join("\n")) as Record<string, unknown>) : null, err };
}

const EVENT_KEYS = ["status", "occurredAt", "location", "description", "rawCode"];

describe.skipIf(!sharedResponsesAvailable)("carriers parse <carrier> <response-file>", () => {
  it.each([
    ["ups", "ups__TrackingResponseJSON.json", "in_transit", 1],
    ["fedex", "fedex__TrackingResponse.json", "in_transit", 1],
    ["usps", "usps__TrackingResponse.json", "delivered", 12],
    ["dhl", "dhl_universal__TrackingResponseJSON.json", "pre_transit", 1],
    ["dhl_express", "dhl_express__TrackingResponseXML.xml", "delivered", 16],
    ["canada_post", "canadapost__TrackingResponseXml.xml", "delivered", 6],
  ])("%s %s prints the normalized result", async (carrier, file, status, events) => {
    const { code, json } = await parse(["parse", carrier, file]);
    expect(code).toBe(0);
    expect(json).toMatchObject({ status });
    expect(Object.keys(json ?? {}).slice(0, 5)).toEqual([
      "status",
      "substatus",
      "estimatedDeliveryAt",
      "deliveredAt",
      "events",
    ]);
    const list = (json?.events ?? []) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(events);
    for (const event of list) {
      expect(Object.keys(event)).toEqual(EVENT_KEYS);
      expect(event.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    }
  });

  it("writes locations as one readable string and dates as ISO", async () => {
    const { json } = await parse(["usps", "usps__TrackingResponse.json"]);
    expect(json).toMatchObject({ deliveredAt: "2024-11-22T18:58:40.000Z", estimatedDeliveryAt: null });
    expect((json?.events as Array<Record<string, unknown>>).at(-1)).toEqual({
      status: "delivered",
      occurredAt: "2024-11-22T18:58:40.000Z",
      location: "HERNANDO, FL, US",
      description: "Delivered, Parcel Locker",
      rawCode: "01",
    });
  });

  it.each([
    ["ups", "ups__AuthError.json", "auth_failed"],
    ["ups", "ups__InvalidTrackingNumberResponseJSON.json", "not_found"],
    ["canada_post", "canadapost__AuthError.xml", "auth_failed"],
  ])("%s %s prints {error:{kind,message}} and exits 1", async (carrier, file, kind) => {
    const { code, json } = await parse([carrier, file]);
    expect(code).toBe(1);
    expect(json).toEqual({ error: { kind, message: expect.any(String) } });
  });

  it("picks an AWB of a multi-shipment answer by the optional tracking number", async () => {
    const { json } = await parse(["dhl_express", "dhl_express__TrackingResponseXML.xml", "1815115363"]);
    expect(json?.events).toHaveLength(2);
  });

  it("runs through npm run carriers -- parse, with its exit codes", () => {
    const cli = (args: string[]) =>
      spawnSync("npx", ["tsx", "scripts/carriers.ts", "parse", ...args], {
        cwd: projectRoot,
        encoding: "utf8",
      });
    const ok = cli(["canada_post", sharedResponsePath("canadapost__TrackingResponseXml.xml")]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: "delivered", substatus: "signed" });
    const refused = cli(["dhl_express", sharedResponsePath("dhl_express__AuthError.xml")]);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { kind: "auth_failed" } });
  });
});

describe("carriers parse usage", () => {
  it("answers 2 for a missing file argument or an unknown carrier", async () => {
    expect((await parse(["ups"])).code).toBe(2);
    const unknown = await parse(["royal_mail", "file.json"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err.join("\n")).toContain('unknown carrier "royal_mail"');
  });
});
