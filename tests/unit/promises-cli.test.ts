import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { sharedDir } from "../../shopify-standin/shared-dir";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const deliverySample = path.join(sharedDir(), "data/delivery/olist-delivered-sample.csv");
const sampleExists = existsSync(deliverySample);

if (!sampleExists) console.warn(`skipping the promises evaluation on real data: ${deliverySample} not found`);

function promisesCli(args: string[]) {
  const result = spawnSync("npx", ["tsx", "scripts/promises.ts", ...args], {
    cwd: projectRoot,
    encoding: "utf8",
  });
  const lines = result.stdout.split("\n").filter((line) => line.trim() !== "");
  return { status: result.status, stderr: result.stderr, lines };
}

const workDir = mkdtempSync(path.join(os.tmpdir(), "parcelwise-promises-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.skipIf(!sampleExists)("npm run promises on the Olist delivery sample", () => {
  it("beats the merchant's own promise on the latest fifth of the orders, learning from the rest", () => {
    const historyCsv = path.join(workDir, "history.csv");
    const testCsv = path.join(workDir, "test.csv");
    const split = promisesCli([
      "split",
      "--input",
      deliverySample,
      "--history-out",
      historyCsv,
      "--test-out",
      testCsv,
      "--test-share",
      "0.2",
    ]);
    expect(split.status).toBe(0);
    expect(JSON.parse(split.lines[0] ?? "")).toEqual({
      history: 4800,
      test: 1200,
      undated: 0,
      testFrom: "2017-09-06T01:19:00.000Z",
    });
    expect(readFileSync(testCsv, "utf8").split(/\r?\n/)[0]).toBe(
      readFileSync(deliverySample, "utf8").split(/\r?\n/)[0],
    );

    const evaluation = promisesCli(["evaluate", "--history", historyCsv, "--test", testCsv]);
    expect(evaluation.status).toBe(0);
    expect(evaluation.lines).toHaveLength(1);
    const report = JSON.parse(evaluation.lines[0] ?? "");
    expect(Object.keys(report)).toEqual([
      "n",
      "coverage",
      "meanWindowDays",
      "maeDays",
      "lateShare",
      "baseline",
    ]);
    expect(Object.keys(report.baseline)).toEqual(["maeDays", "lateShare"]);
    expect(report.n).toBe(1200);
    // The goal.
    expect(report.maeDays).toBeLessThanOrEqual(0.5 * report.baseline.maeDays);
    expect(report.lateShare).toBeLessThanOrEqual(report.baseline.lateShare);
    expect(report.coverage).toBeGreaterThanOrEqual(0.85);
  });
});

describe("npm run promises usage", () => {
  it("exits 2 with the usage on a missing option, a bad share or an unknown command", () => {
    for (const args of [
      [],
      ["nonsense"],
      ["evaluate", "--history", "h.csv"],
      ["evaluate", "--history", "h.csv", "--test", "t.csv", "--coverage", "1.5"],
      [
        "split",
        "--input",
        "in.csv",
        "--history-out",
        "/tmp/h.csv",
        "--test-out",
        "/tmp/t.csv",
        "--bogus",
        "1",
      ],
    ]) {
      const { status, stderr, lines } = promisesCli(args);
      expect(status, args.join(" ")).toBe(2);
      expect(stderr).toContain("npm run -s promises -- evaluate --history <csv> --test <csv>");
      expect(lines).toEqual([]);
    }
  });

  it("will not write a split inside the project", () => {
    const { status, stderr } = promisesCli([
      "split",
      "--input",
      deliverySample,
      "--history-out",
      "history.csv",
      "--test-out",
      path.join(workDir, "test.csv"),
    ]);
    expect(status).toBe(2);
    expect(stderr).toContain("--history-out must be outside the project");
    expect(existsSync(path.join(projectRoot, "history.csv"))).toBe(false);
  });

  it("exits 1 naming the file when a CSV is missing or malformed", () => {
    const missing = promisesCli(["evaluate", "--history", path.join(workDir, "none.csv"), "--test", "x.csv"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("none.csv");
    const malformed = path.join(workDir, "malformed.csv");
    writeFileSync(malformed, "order_id,ordered_at\no1,2017-01-01T00:00:00Z\n");
    const invalid = promisesCli(["evaluate", "--history", malformed, "--test", malformed]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain(`${malformed}: missing column(s) shipped_at`);
  });
});
