import autocannon, { type Options, type Request, type Result } from "autocannon";

export type LoadSettings = {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
};

export type Measurement = {
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  // Connection errors, timeouts included.
  errors: number;
  timeouts: number;
  // Every response outside 200–299, redirects included: a benchmarked request is expected to succeed.
  non2xx: number;
  statusCodes: Record<string, number>;
  bytes: number;
  bytesPerResponse: number;
  // The warm-up is not counted above, but a request failing during it is still a failure.
  warmupFailures: number;
};

// Each connection waits at most this long for a response before autocannon counts a timeout.
const REQUEST_TIMEOUT_SECONDS = 10;

export async function measureLoad({
  url,
  requests,
  settings,
  signal,
}: {
  url: string;
  requests: Request[];
  settings: LoadSettings;
  signal: AbortSignal;
}): Promise<Measurement> {
  const load = { url, requests, connections: settings.connections, timeout: REQUEST_TIMEOUT_SECONDS };
  const warmup = await runUntilDoneOrAborted({ ...load, duration: settings.warmupSeconds }, signal);
  const { result } = await runUntilDoneOrAborted({ ...load, duration: settings.durationSeconds }, signal);
  return toMeasurement(result, result.duration, warmup.result);
}

// Exactly `amount` requests, split by autocannon over the connections; no warm-up (a caller that needs one
// runs this twice). The requests' setupRequest decides what each one is, e.g. a delivery sent only once.
export async function measureAmount({
  url,
  connections,
  requests,
  amount,
  signal,
}: {
  url: string;
  connections: number;
  requests: Request[];
  amount: number;
  signal: AbortSignal;
}): Promise<Measurement> {
  const run = await runUntilDoneOrAborted(
    {
      url,
      requests,
      amount,
      // autocannon refuses more connections than requests.
      connections: Math.min(connections, amount),
      timeout: REQUEST_TIMEOUT_SECONDS,
    },
    signal,
  );
  // autocannon's own duration runs to its next 1 s sampling tick after the last response; this does not.
  const seconds = ((run.lastResponseAt ?? run.startedAt) - run.startedAt) / 1000;
  return toMeasurement(run.result, Math.round(seconds * 1000) / 1000, null);
}

function toMeasurement(result: Result, durationSeconds: number, warmup: Result | null): Measurement {
  const completed = result.requests.total;
  return {
    requests: completed,
    durationSeconds,
    requestsPerSecond: durationSeconds > 0 ? Math.round((completed / durationSeconds) * 10) / 10 : 0,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
    ),
    bytes: result.throughput.total,
    bytesPerResponse: completed > 0 ? Math.round(result.throughput.total / completed) : 0,
    warmupFailures: warmup ? warmup.errors + warmup.non2xx : 0,
  };
}

type Run = { result: Result; startedAt: number; lastResponseAt: number | null };

async function runUntilDoneOrAborted(options: Options, signal: AbortSignal): Promise<Run> {
  signal.throwIfAborted();
  const startedAt = performance.now();
  let lastResponseAt: number | null = null;
  const instance = autocannon(options);
  instance.on("response", () => {
    lastResponseAt = performance.now();
  });
  const stop = () => instance.stop();
  signal.addEventListener("abort", stop, { once: true });
  let result: Result;
  try {
    result = await instance;
  } finally {
    signal.removeEventListener("abort", stop);
  }
  // A stopped run resolves with partial numbers; they must not pass for a result.
  signal.throwIfAborted();
  return { result, startedAt, lastResponseAt };
}

// Why a measurement cannot be trusted as a result; empty when it can.
export function findProblems(measurement: Measurement): string[] {
  const problems: string[] = [];
  if (measurement.requests === 0) problems.push("no request completed");
  if (measurement.non2xx > 0) {
    const statuses = Object.entries(measurement.statusCodes)
      .filter(([status]) => !status.startsWith("2"))
      .map(([status, count]) => `${count}× ${status}`);
    problems.push(`${measurement.non2xx} non-2xx responses (${statuses.join(", ")})`);
  }
  if (measurement.errors > 0) {
    problems.push(`${measurement.errors} connection errors (${measurement.timeouts} timeouts)`);
  }
  if (measurement.warmupFailures > 0) problems.push(`${measurement.warmupFailures} failed during warm-up`);
  return problems;
}
