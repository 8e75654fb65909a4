import { existsSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

// Lighthouse 12 (performance only, its default mobile emulation with simulated throttling) on a URL, in
// Debian's headless Chromium.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export type LighthouseRun = {
  score: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  cumulativeLayoutShift: number;
  speedIndexMs: number;
  thirdPartyRequests: number;
};

export type LighthouseSession = { run: (url: string) => Promise<LighthouseRun>; close: () => Promise<void> };

export async function openLighthouse(): Promise<LighthouseSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: set CHROMIUM_PATH`);
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  return {
    async run(url) {
      const result = await lighthouse(
        url,
        { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] },
        undefined,
      );
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
      const numeric = (id: string) => Math.round((lhr.audits[id]?.numericValue ?? Number.NaN) * 1000) / 1000;
      const origin = new URL(url).origin;
      const requests =
        (lhr.audits["network-requests"]?.details as { items?: Array<{ url: string }> } | undefined)?.items ??
        [];
      return {
        score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        firstContentfulPaintMs: numeric("first-contentful-paint"),
        largestContentfulPaintMs: numeric("largest-contentful-paint"),
        totalBlockingTimeMs: numeric("total-blocking-time"),
        cumulativeLayoutShift: numeric("cumulative-layout-shift"),
        speedIndexMs: numeric("speed-index"),
        thirdPartyRequests: requests.filter((request) => !request.url.startsWith(origin)).length,
      };
    },
    close: async () => {
      chrome.kill();
    },
  };
}
