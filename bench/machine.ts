import { execFileSync } from "node:child_process";
import os from "node:os";

export type MachineInfo = {
  cpus: number;
  cpuModel: string;
  totalMemoryMiB: number;
  // Load before the run started: a busy machine explains slow numbers.
  loadAverage1m: number;
  platform: string;
  arch: string;
  kernel: string;
  node: string;
  date: string;
  gitCommit: string | null;
  gitDirty: boolean | null;
};

export function describeMachine(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    totalMemoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    loadAverage1m: Number(os.loadavg()[0]?.toFixed(2) ?? 0),
    platform: process.platform,
    arch: process.arch,
    kernel: os.release(),
    node: process.version,
    date: new Date().toISOString(),
    gitCommit: git(["rev-parse", "HEAD"]),
    gitDirty: gitIsDirty(),
  };
}

function gitIsDirty(): boolean | null {
  const status = git(["status", "--porcelain", "--untracked-files=no"]);
  return status === null ? null : status.length > 0;
}

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5_000,
    }).trim();
  } catch {
    return null;
  }
}
