import type { Job } from "@prisma/client";
import prisma from "../../db.server";
import { backoffDelay } from "../admin-graphql.server";

// Long enough for any job to finish; a crashed worker's job waits this long before another worker takes it.
const LEASE_MS = Number(process.env.JOBS_LEASE_MS ?? 5 * 60_000);

// A job whose worker died keeps its lease until it expires; then it returns to the queue. Run once per worker
// tick rather than before every claim.
export async function requeueExpiredLeases(now = new Date()): Promise<number> {
  const { count } = await prisma.job.updateMany({
    where: { status: "running", lockedUntil: { lt: now } },
    data: { status: "queued", lockedBy: null, lockedUntil: null },
  });
  return count;
}

// Claims one due job. The conditional update (still "queued"?) is the lock: on PostgreSQL a second worker's
// UPDATE waits for the first to commit and then matches nothing; on SQLite writes are serialized anyway.
export async function claimJob({
  workerId,
  types,
  now = new Date(),
  leaseMs = LEASE_MS,
}: {
  workerId: string;
  types: string[];
  now?: Date;
  leaseMs?: number;
}): Promise<Job | null> {
  const candidates = await prisma.job.findMany({
    where: { status: "queued", runAt: { lte: now }, type: { in: types } },
    orderBy: [{ runAt: "asc" }, { id: "asc" }],
    take: 5,
    select: { id: true },
  });
  for (const candidate of candidates) {
    // runAt again: the candidate may have run and been rescheduled by another worker since it was listed.
    const { count } = await prisma.job.updateMany({
      where: { id: candidate.id, status: "queued", runAt: { lte: now } },
      data: {
        status: "running",
        lockedBy: workerId,
        lockedUntil: new Date(now.getTime() + leaseMs),
        attempts: { increment: 1 },
        runs: { increment: 1 },
      },
    });
    if (count === 1) return prisma.job.findUnique({ where: { id: candidate.id } });
  }
  return null;
}

export async function completeJob(job: Job, workerId: string, runAgainAt?: Date): Promise<void> {
  await prisma.job.updateMany({
    where: { id: job.id, lockedBy: workerId },
    data: runAgainAt
      ? {
          status: "queued",
          runAt: runAgainAt,
          attempts: 0,
          lockedBy: null,
          lockedUntil: null,
          lastError: null,
        }
      : { status: "done", lockedBy: null, lockedUntil: null, lastError: null },
  });
}

// A failed job is retried later with backoff; after maxAttempts it is dead and shows up for a person to see.
export async function failJob(job: Job, workerId: string, error: unknown, now = new Date()): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const dead = job.attempts >= job.maxAttempts;
  await prisma.job.updateMany({
    where: { id: job.id, lockedBy: workerId },
    data: {
      status: dead ? "dead" : "queued",
      lastError: message.slice(0, 1000),
      lockedBy: null,
      lockedUntil: null,
      runAt: new Date(
        now.getTime() +
          backoffDelay(job.attempts, { baseDelayMs: 5_000, maxDelayMs: 30 * 60_000, random: Math.random }),
      ),
    },
  });
}
