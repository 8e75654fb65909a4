// Everything the run starts (servers, throwaway databases) registers how to undo it, so normal completion, an
// error and Ctrl+C all tear down the same things, newest first, each exactly once.
export class Cleanup {
  #pending: Array<{ label: string; run: () => Promise<void> }> = [];

  // Returns the undo step itself, to run early once its resource is no longer needed.
  add(label: string, undo: () => Promise<void>): () => Promise<void> {
    let running: Promise<void> | undefined;
    const entry = {
      label,
      run: () => {
        running ??= (async () => {
          this.#pending = this.#pending.filter((pending) => pending !== entry);
          await undo();
        })();
        return running;
      },
    };
    this.#pending.push(entry);
    return entry.run;
  }

  // Keeps going when one step fails, so one stuck resource does not leak the others.
  async runAll(): Promise<void> {
    for (const entry of [...this.#pending].reverse()) {
      await entry.run().catch((error: unknown) => {
        process.stderr.write(`[bench] cleanup "${entry.label}" failed: ${String(error)}\n`);
      });
    }
  }
}

export class Interrupted extends Error {
  constructor(readonly exitCode: number) {
    super("interrupted");
  }
}

// Seeding cannot be aborted half-way; past this, the run is cleaned up from outside and the process exits.
const FORCED_EXIT_AFTER_MS = 5_000;

// Ctrl+C or SIGTERM aborts the run, which then unwinds through its own finally blocks (so nothing new starts
// after the cleanup). Later signals are ignored rather than killing the process before it has cleaned up.
export function abortOnSignals(cleanup: Cleanup): AbortSignal {
  const controller = new AbortController();
  for (const [signal, exitCode] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.on(signal, () => {
      if (controller.signal.aborted) return;
      process.stderr.write(`\n[bench] ${signal}: stopping servers and dropping databases\n`);
      controller.abort(new Interrupted(exitCode));
      setTimeout(() => {
        void cleanup.runAll().finally(() => process.exit(exitCode));
      }, FORCED_EXIT_AFTER_MS).unref();
    });
  }
  return controller.signal;
}
