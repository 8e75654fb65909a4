import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { startDemoStack } from "../../scripts/lib/demo-stack";
import { openLighthouse, type LighthouseRun } from "../storefront-lighthouse";
import type { RunContext, RunOutcome, SelfContainedScenario } from "../scenario";

const ASSETS_DIR = fileURLToPath(new URL("../../extensions/tracking-page/assets/", import.meta.url));
const ASSETS = ["tracking-page.js", "tracking-page.css"];
// Runs per page, alternating with and without the block; the median score of each is compared.
const RUNS = { full: 5, quick: 3 };
const BUDGET = { maxScoreDrop: 2, maxAssetsGzipBytes: 10 * 1024 };

// Lighthouse does not depend on the database: it runs once, on the SQLite pass.
async function run({ provider, options, cleanup, signal, log }: RunContext): Promise<RunOutcome> {
  if (provider !== "sqlite") {
    return {
      details: { skipped: "runs on the sqlite pass only" },
      summary: ["skipped: runs once, with sqlite"],
      problems: [],
    };
  }
  const assetsGzipBytes = Object.fromEntries(
    ASSETS.map((name) => [name, gzipSync(readFileSync(path.join(ASSETS_DIR, name)), { level: 9 }).length]),
  );
  const totalGzipBytes = Object.values(assetsGzipBytes).reduce((sum, bytes) => sum + bytes, 0);

  const directory = await mkdtemp(path.join(os.tmpdir(), "parcelwise-bench-storefront-"));
  const removeDirectory = cleanup.add("remove the storefront database", () =>
    rm(directory, { recursive: true, force: true }),
  );
  try {
    log("starting the demo stack with the storefront preview");
    const stack = await startDemoStack({
      databaseUrl: `file:${path.join(directory, "demo.db")}`,
      orders: 40,
    });
    const stopStack = cleanup.add("stop the demo stack (storefront)", stack.stop);
    const withBlock: LighthouseRun[] = [];
    const withoutBlock: LighthouseRun[] = [];
    try {
      const lighthouse = await openLighthouse();
      const closeLighthouse = cleanup.add("close Chromium (storefront)", lighthouse.close);
      try {
        const page = `${stack.storefront.url}/pages/track`;
        const runs = options.quick ? RUNS.quick : RUNS.full;
        // One unmeasured run each warms Chromium and the preview's caches.
        await lighthouse.run(page);
        await lighthouse.run(`${page}?block=0`);
        for (let index = 0; index < runs; index += 1) {
          signal.throwIfAborted();
          log(`Lighthouse run ${index + 1}/${runs}`);
          withBlock.push(await lighthouse.run(page));
          withoutBlock.push(await lighthouse.run(`${page}?block=0`));
        }
      } finally {
        await closeLighthouse();
      }
    } finally {
      await stopStack();
    }

    const median = (runs: LighthouseRun[]) => {
      const sorted = [...runs].sort((a, b) => a.score - b.score);
      return sorted[Math.floor(sorted.length / 2)] as LighthouseRun;
    };
    const [blockMedian, bareMedian] = [median(withBlock), median(withoutBlock)];
    const scoreDrop = bareMedian.score - blockMedian.score;
    const thirdParty = withBlock.reduce((sum, runResult) => sum + runResult.thirdPartyRequests, 0);
    const problems = [
      ...(scoreDrop <= BUDGET.maxScoreDrop
        ? []
        : [`performance score drops ${scoreDrop} points with the block (budget ${BUDGET.maxScoreDrop})`]),
      ...(totalGzipBytes <= BUDGET.maxAssetsGzipBytes
        ? []
        : [`JS + CSS are ${totalGzipBytes} bytes gzipped (budget ${BUDGET.maxAssetsGzipBytes})`]),
      ...(thirdParty === 0 ? [] : [`${thirdParty} third-party requests with the block`]),
      ...(blockMedian.cumulativeLayoutShift === 0
        ? []
        : [`layout shift ${blockMedian.cumulativeLayoutShift}`]),
    ];
    return {
      details: {
        page: "/pages/track of the storefront preview (storefront-preview/), with the block and with ?block=0",
        lighthouse:
          "12, performance category, default mobile emulation and simulated throttling, headless Chromium",
        runsPerPage: withBlock.length,
        withBlock: { median: blockMedian, scores: withBlock.map((runResult) => runResult.score) },
        withoutBlock: { median: bareMedian, scores: withoutBlock.map((runResult) => runResult.score) },
        scoreDrop,
        assetsGzipBytes,
        totalGzipBytes,
        budget: BUDGET,
      },
      summary: [
        `performance ${blockMedian.score} with the block, ${bareMedian.score} without (median of ${withBlock.length}): drop ${scoreDrop} (budget ${BUDGET.maxScoreDrop})`,
        `with the block: LCP ${blockMedian.largestContentfulPaintMs} ms, TBT ${blockMedian.totalBlockingTimeMs} ms, CLS ${blockMedian.cumulativeLayoutShift}, third-party requests ${thirdParty}`,
        `JS + CSS ${totalGzipBytes} bytes gzipped (${Object.entries(assetsGzipBytes)
          .map(([name, bytes]) => `${name} ${bytes}`)
          .join(", ")}; budget ${BUDGET.maxAssetsGzipBytes})`,
      ],
      problems,
    };
  } finally {
    await removeDirectory();
  }
}

const storefront: SelfContainedScenario = {
  kind: "self-contained",
  name: "storefront",
  description:
    "Lighthouse performance of the storefront preview's tracking page with and without the theme block (median of several runs), and the block's JS + CSS size gzipped.",
  run,
};

export default storefront;
