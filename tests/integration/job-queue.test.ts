import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { enqueueJob } from "../../app/models/jobs.server";
import { claimJob, completeJob, requeueExpiredLeases } from "../../app/services/jobs/job-queue.server";
import { runJob, startJobWorker } from "../../app/services/jobs/worker.server";

const SHOP = "jobs.myshopify.com";

beforeEach(async () => {
  await prisma.shop.deleteMany({});
  await prisma.shop.create({ data: { domain: SHOP, name: "Jobs" } });
});

async function enqueue(count: number, type = "test.work") {
  for (let index = 0; index < count; index += 1) {
    await prisma.$transaction((tx) =>
      enqueueJob(tx, { shop: SHOP, type, uniqueKey: `${type}:${index}`, payload: { index } }),
    );
  }
}

describe("job queue", () => {
  it("gives each job to exactly one of two concurrent workers, and loses none", async () => {
    await enqueue(60);
    const claimedBy = new Map<string, string[]>();
    const work = async (workerId: string) => {
      for (;;) {
        const job = await claimJob({ workerId, types: ["test.work"] });
        if (!job) return;
        claimedBy.set(job.id, [...(claimedBy.get(job.id) ?? []), workerId]);
        await completeJob(job, workerId);
      }
    };
    await Promise.all([work("worker-a"), work("worker-b")]);
    expect(claimedBy.size).toBe(60);
    expect([...claimedBy.values()].every((workers) => workers.length === 1)).toBe(true);
    expect(await prisma.job.count({ where: { status: "done" } })).toBe(60);
  });

  it("returns a dead worker's job to the queue once its lease expires", async () => {
    await enqueue(1);
    const now = new Date();
    const job = await claimJob({ workerId: "crashed", types: ["test.work"], now, leaseMs: 1_000 });
    expect(job).not.toBeNull();
    expect(await claimJob({ workerId: "other", types: ["test.work"], now })).toBeNull();
    const later = new Date(now.getTime() + 2_000);
    expect(await requeueExpiredLeases(new Date(now.getTime() + 500))).toBe(0);
    expect(await requeueExpiredLeases(later)).toBe(1);
    const reclaimed = await claimJob({ workerId: "other", types: ["test.work"], now: later });
    expect(reclaimed?.id).toBe(job?.id);
    expect(reclaimed?.attempts).toBe(2);
  });

  it("retries a failing job with backoff, then marks it dead after its last attempt", async () => {
    await enqueue(1, "test.flaky");
    await prisma.job.updateMany({ data: { maxAttempts: 2 } });
    const handlers = { "test.flaky": async () => Promise.reject(new Error("carrier down")) };
    let job = await claimJob({ workerId: "w", types: ["test.flaky"] });
    if (!job) throw new Error("no job");
    await runJob(job, "w", handlers);
    let stored = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored.status).toBe("queued");
    expect(stored.lastError).toBe("carrier down");
    expect(stored.runAt.getTime()).toBeGreaterThanOrEqual(Date.now() - 1000);

    job = await claimJob({ workerId: "w", types: ["test.flaky"], now: new Date(Date.now() + 3_600_000) });
    if (!job) throw new Error("no retry");
    await runJob(job, "w", handlers);
    stored = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored.status).toBe("dead");
  });

  it("never claims job types the worker cannot run", async () => {
    await enqueue(2, "later.capability");
    expect(await claimJob({ workerId: "w", types: ["test.work"] })).toBeNull();
    expect(await prisma.job.count({ where: { status: "queued" } })).toBe(2);
  });

  it("keeps the process answering while it drains a long queue of quick jobs", async () => {
    await prisma.job.createMany({
      data: Array.from({ length: 400 }, (_, index) => ({
        shop: SHOP,
        type: "test.quick",
        uniqueKey: `quick:${index}`,
      })),
    });
    let ran = 0;
    const worker = startJobWorker({
      pollIntervalMs: 5,
      concurrency: 4,
      handlers: { "test.quick": async () => void (ran += 1) },
    });
    try {
      // A 1 ms timer stands for an HTTP request or a download chunk waiting while the lanes drain: between
      // two of its turns only a few jobs may run.
      let seen = 0;
      let largestBurst = 0;
      while (seen < 400) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        largestBurst = Math.max(largestBurst, ran - seen);
        seen = ran;
      }
      expect(largestBurst, "jobs run between two turns of a 1 ms timer").toBeLessThan(40);
    } finally {
      await worker.stop();
    }
  });
});
