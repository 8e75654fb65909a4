import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";

const SAMPLE_INTERVAL_MS = 200;
const BYTES_PER_KIB = 1024;

export type RssSampler = { stopAndReadPeakBytes: () => Promise<number | null> };

// Samples the resident set size of another process every 200 ms and keeps the highest value seen.
export function sampleRss(pid: number): RssSampler {
  let peakBytes: number | null = null;
  let pending: Promise<void> | null = null;
  const sample = () => {
    pending ??= readRssBytes(pid)
      .then((bytes) => {
        if (bytes !== null) peakBytes = Math.max(peakBytes ?? 0, bytes);
      })
      .finally(() => {
        pending = null;
      });
  };
  sample();
  const timer = setInterval(sample, SAMPLE_INTERVAL_MS);
  return {
    stopAndReadPeakBytes: async () => {
      clearInterval(timer);
      await pending;
      sample();
      await pending;
      return peakBytes;
    },
  };
}

export async function readRssBytes(pid: number): Promise<number | null> {
  if (process.platform === "linux") return readProcStatusBytes(pid, "VmRSS");
  const { stdout } = await promisify(execFile)("ps", ["-o", "rss=", "-p", String(pid)]).catch(() => ({
    stdout: "",
  }));
  const kib = Number.parseInt(stdout.trim(), 10);
  return Number.isFinite(kib) ? kib * BYTES_PER_KIB : null;
}

// The kernel's high-water mark over the whole life of the process, including peaks between samples (Linux).
export async function readLifetimePeakRssBytes(pid: number): Promise<number | null> {
  return process.platform === "linux" ? readProcStatusBytes(pid, "VmHWM") : null;
}

async function readProcStatusBytes(pid: number, field: "VmRSS" | "VmHWM"): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status)?.[1];
  return kib === undefined ? null : Number(kib) * BYTES_PER_KIB;
}
