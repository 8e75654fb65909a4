// A background worker without the web server: `node worker.mjs` (after `npm run build`). Run as many as
// needed, on one machine or several: jobs are claimed atomically from the database.
const build = await import("./build/server/index.js");

const worker = build.entry.module.startJobWorker({
  pollIntervalMs: Number(process.env.JOBS_POLL_INTERVAL_MS ?? 1000),
  ...(process.env.JOBS_WORKER_ID ? { workerId: process.env.JOBS_WORKER_ID } : {}),
});
console.log(`parcelwise worker ${process.env.JOBS_WORKER_ID ?? process.pid} started`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    Promise.resolve(worker.stop()).finally(() => process.exit(0));
  });
}
