import type { ChildProcess } from "node:child_process";
import { once } from "node:events";

const STOP_GRACE_MS = 5_000;

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

// SIGTERM first so the server closes cleanly; SIGKILL if it has not exited within the grace period.
export async function stopChildProcess(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(resolve, STOP_GRACE_MS, "timeout").unref());
  if ((await Promise.race([exited, timeout])) === "timeout" && !hasExited(child)) {
    child.kill("SIGKILL");
    await exited;
  }
}

// The last few kilobytes a child printed, to show next to a failing scenario (e.g. the stack of a 500).
export function recordOutputTail(child: ChildProcess, maxCharacters = 4_000): () => string {
  let tail = "";
  const append = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-maxCharacters);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => tail;
}

// Resolves with the first capture of `pattern` in the child's output; rejects if it exits or times out first.
export async function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<string> {
  let output = "";
  return new Promise<string>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      settle();
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const captured = pattern.exec(output)?.[1];
      if (captured !== undefined) finish(() => resolve(captured));
    };
    const onExit = (code: number | null) =>
      finish(() => reject(new Error(`process exited (code ${code}) before printing ${pattern}:\n${output}`)));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`))),
      timeoutMs,
    );
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}
