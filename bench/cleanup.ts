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

  exitOnSignals(): void {
    for (const [signal, code] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
    ] as const) {
      process.once(signal, () => {
        process.stderr.write(`\n[bench] ${signal}: stopping servers and dropping databases\n`);
        void this.runAll().finally(() => process.exit(code));
      });
    }
  }
}
