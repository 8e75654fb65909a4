import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { normalizePatternSource } from "../../app/services/carriers/number-pattern";
import {
  CourierDataError,
  loadTrackingNumberData,
  trackingNumberData,
} from "../../app/services/carriers/tracking-number-data";

const quiet = () => {};
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// A data directory with one courier file, written by the test.
function dataDirWith(fileName: string, content: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parcelwise-couriers-"));
  dirs.push(dir);
  mkdirSync(path.join(dir, "couriers"));
  const text = typeof content === "string" ? content : JSON.stringify(content);
  writeFileSync(path.join(dir, "couriers", fileName), text);
  return dir;
}

const exampleType = {
  name: "Example (10)",
  regex: "\\s*E\\s*X\\s*(?<SerialNumber>([0-9]\\s*){7})(?<CheckDigit>[0-9])",
  validation: { checksum: { name: "mod7" } },
  tracking_url: "https://example.test/track/%s",
  test_numbers: { valid: [], invalid: [] },
};

function exampleCourier(...types: Array<Record<string, unknown>>) {
  return { name: "Example Express", courier_code: "example", tracking_numbers: types };
}

function withChanges(changes: Record<string, unknown>) {
  return exampleCourier({ ...exampleType, ...changes });
}

function load(dir: string) {
  return loadTrackingNumberData({ TRACKING_NUMBER_DATA_DIR: dir }, quiet);
}

describe("loading courier files", () => {
  it("compiles a valid directory, deriving ids for types without one", () => {
    const data = load(dataDirWith("example.json", exampleCourier(exampleType)));
    expect(data.source.kind).toBe("directory");
    expect(data.numberTypes.map((type) => [type.typeId, type.carrier])).toEqual([["example_10", "example"]]);
  });

  it("names the file when it is not JSON", () => {
    const dir = dataDirWith("broken.json", "{ not json");
    expect(() => load(dir)).toThrow(CourierDataError);
    expect(() => load(dir)).toThrow(/couriers\/broken\.json/);
  });

  it("names the file and the field when the data does not validate", () => {
    const courier = withChanges({ validation: { checksum: { name: "mod11" } } });
    expect(() => load(dataDirWith("example.json", courier))).toThrow(
      /example\.json is not a valid courier file:\n {2}tracking_numbers\.0\.validation\.checksum\.name/,
    );
  });

  it("refuses checksum parameters the algorithm cannot honour", () => {
    const courier = withChanges({ validation: { checksum: { name: "mod7", modulo: 11 } } });
    expect(() => load(dataDirWith("example.json", courier))).toThrow(/validation\.checksum\.modulo/);
  });

  it("names the file and the type when a regex does not compile", () => {
    const courier = withChanges({ regex: "(?<SerialNumber>[0-9]" });
    expect(() => load(dataDirWith("example.json", courier))).toThrow(
      /example\.json: tracking_numbers\.0 \("Example \(10\)"\)/,
    );
  });

  it("refuses two number types with the same id", () => {
    const courier = exampleCourier(exampleType, { ...exampleType, name: "Example (10)" });
    expect(() => load(dataDirWith("example.json", courier))).toThrow(/id "example_10" is already used/);
  });

  it("refuses a required lookup the type does not define", () => {
    const courier = withChanges({ validation: { additional: { exists: ["Courier"] } } });
    expect(() => load(dataDirWith("example.json", courier))).toThrow(/requires the lookup "Courier"/);
  });

  it("fails when the directory exists without a couriers folder", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "parcelwise-couriers-"));
    dirs.push(dir);
    expect(() => load(dir)).toThrow(/couriers not found/);
  });
});

describe("the process-wide data", () => {
  it("is loaded and logged once", () => {
    const log = vi.fn();
    const first = trackingNumberData(log);
    expect(trackingNumberData(log)).toBe(first);
    expect(log).toHaveBeenCalledOnce();
  });
});

describe("pattern normalization", () => {
  it("drops whitespace matchers and literal hyphens, but not character-class ranges", () => {
    expect(normalizePatternSource("\\s*1\\s*L\\s*S[0-9]\\s*-\\s*1\\-2[A\\-Z]")).toBe("1LS[0-9]12[A\\-Z]");
  });
});
