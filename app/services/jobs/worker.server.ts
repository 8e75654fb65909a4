import os from "node:os";
import type { Job } from "@prisma/client";
import { applyQueuedWebhooks } from "../../models/webhook-inbox.server";
import { dispatchDueNotifications } from "../notifications/dispatcher.server";
import { claimJob, completeJob, failJob, requeueExpiredLeases } from "./job-queue.server";
import { JOB_HANDLERS, type JobHandler } from "./job-handlers.server";

export async function runJob(
  job: Job,
  workerId: string,
  handlers: Record<string, JobHandler> = JOB_HANDLERS,
) {
  const handler = handlers[job.type];
  if (!handler) return;
  try {
    const result = await handler({ shop: job.shop, payload: JSON.parse(job.payload), now: new Date() });
    await completeJob(job, workerId, result?.runAgainAt);
  } catch (error) {
    console.error(
      `job ${job.type} ${job.id} failed (attempt ${job.attempts}):`,
      error instanceof Error ? error.message : error,
    );
    await failJob(job, workerId, error);
  }
}

// Runs due jobs until none is left, then waits for the next tick. Several workers (processes or machines)
// can run at once: claiming is atomic (job-queue.server.ts). `concurrency` lanes run side by side because most
// jobs wait on a carrier or Shopify rather than on this CPU.
export function startJobWorker({
  workerId = `${os.hostname()}:${process.pid}`,
  pollIntervalMs = 1_000,
  handlers = JOB_HANDLERS,
  concurrency = Number(process.env.JOBS_CONCURRENCY ?? 4),
  notifications = true,
}: {
  workerId?: string;
  pollIntervalMs?: number;
  handlers?: Record<string, JobHandler>;
  concurrency?: number;
  notifications?: boolean;
} = {}) {
  let stopped = false;
  const types = Object.keys(handlers);
  // Verified webhooks waiting to be applied go first, in their own lane: they are what keeps orders current.
  const drainWebhookInbox = async () => {
    while (!stopped && (await applyQueuedWebhooks()) > 0) await yieldToIo();
  };
  // Shopper messages have their own lane too: a backlog of carrier polls never delays an "out for delivery".
  const drainNotifications = async () => {
    while (!stopped && (await dispatchDueNotifications()) > 0) await yieldToIo();
  };
  const drainJobs = async () => {
    while (!stopped) {
      const job = await claimJob({ workerId, types });
      if (!job) return;
      await runJob(job, workerId, handlers);
      await yieldToIo();
    }
  };
  // Each lane restarts on its own tick once it is idle, so one long job (a backfill import) never holds the
  // other lanes back.
  const lanes: Array<{ drain: () => Promise<void>; running: Promise<void> | null }> = [
    { drain: drainWebhookInbox, running: null },
    // Several: a batch waiting on one shop's Shopify budget (contacts are read at send time) leaves lanes free.
    ...(notifications
      ? Array.from({ length: NOTIFICATION_LANES }, () => ({ drain: drainNotifications, running: null }))
      : []),
    ...Array.from({ length: Math.max(1, concurrency) }, () => ({ drain: drainJobs, running: null })),
  ];
  const timer = setInterval(() => {
    void requeueExpiredLeases().catch(reportWorkerError);
    for (const lane of lanes) {
      lane.running ??= lane
        .drain()
        .catch(reportWorkerError)
        .finally(() => {
          lane.running = null;
        });
    }
  }, pollIntervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all(lanes.map((lane) => lane.running));
    },
  };
}

const NOTIFICATION_LANES = Number(process.env.NOTIFICATIONS_CONCURRENCY ?? 4);

// On SQLite every query resolves without touching the event loop's I/O phase (the driver is synchronous), so
// a lane draining thousands of quick jobs would starve HTTP requests and streamed downloads (a backfill's
// JSONL) until the queue is empty. One macrotask turn between jobs lets them through.
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function reportWorkerError(error: unknown) {
  console.error("job worker:", error instanceof Error ? error.message : error);
}
