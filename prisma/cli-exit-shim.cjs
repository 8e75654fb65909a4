// Preloaded into the Prisma CLI by scripts/db.ts. On PostgreSQL the wasm schema engine arms a 10 s timer it
// never clears (seen with Prisma 6.19.3: `migrate deploy` prints its result, then idles 10 s before exiting).
// Unref'd, such timers still fire while the CLI has open connections, but no longer hold it open once done.
const LONG_TIMER_MS = 5_000;
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, delay, ...args) {
  const timer = originalSetTimeout.call(this, callback, delay, ...args);
  if (typeof delay === "number" && delay >= LONG_TIMER_MS) timer.unref();
  return timer;
};
