import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { adminPages, resolvePaths } from "../../scripts/lib/admin-pages";
import { startDemoStack } from "../../scripts/lib/demo-stack";
import { createThrowawayDatabase } from "../databases";
import { recordOutputTail } from "../processes";
import type { RunContext, RunOutcome, SelfContainedScenario } from "../scenario";

// Built for Shopify's web vitals for the embedded admin, on the demo: every admin page of app/routes (found by
// scripts/lib/admin-pages.ts), loaded in Chromium with Google's web-vitals library injected, on a desktop and on
// a 360 px phone with a 4x slower CPU.
// LCP ≤ 2.5 s, CLS ≤ 0.1 and INP ≤ 200 ms per page (the medians of several loads), and no horizontal scroll at
// 360 px. See bench/README.md.

const WEB_VITALS = fileURLToPath(
  new URL("../../node_modules/web-vitals/dist/web-vitals.attribution.iife.js", import.meta.url),
);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The demo's own size: what `npm run demo` seeds.
const DEMO_ORDERS = 160;
const RUNS = { full: 5, quick: 3 };
const THRESHOLDS = { lcpMs: 2_500, cls: 0.1, inpMs: 200 };
const SETTLE_MS = 400;
// One load, interaction included; a page still busy after this is reported, and the bench goes on.
const LOAD_TIMEOUT_MS = 120_000;

type Profile = {
  name: "desktop" | "mobile";
  viewport: { width: number; height: number };
  deviceScaleFactor: number;
  isMobile: boolean;
  cpuSlowdown: number;
};

const PROFILES: Profile[] = [
  {
    name: "desktop",
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    isMobile: false,
    cpuSlowdown: 1,
  },
  {
    name: "mobile",
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    cpuSlowdown: 4,
  },
];

type Vitals = {
  lcpMs: number | null;
  cls: number | null;
  inpMs: number | null;
  ttfbMs: number | null;
  fcpMs: number | null;
};
// Where each metric came from (web-vitals' attribution build): the LCP element, the element that shifted
// most, the element interacted with.
type Attribution = { lcpElement: string | null; largestShift: string | null; inpTarget: string | null };
type Load = Vitals & {
  interaction: string;
  horizontalOverflowPx: number;
  status: number;
  attribution: Attribution;
};
type PageResult = {
  page: string;
  url: string;
  profile: Profile["name"];
  median: Vitals;
  runs: Load[];
  horizontalOverflowPx: number;
  interactions: string[];
  passes: { lcp: boolean; cls: boolean; inp: boolean; noHorizontalScroll: boolean };
};

// ---------------------------------------------------------------------------------------------------------
// One page load: web-vitals records as the page runs; after load the page is left to settle, a merchant
// clicks a control that changes only what is on screen (a disclosure, a tab, a filter's select, a checkbox;
// never a button that sends a form), presses Escape and Tab, then the page is hidden, which makes web-vitals
// report its final values.

// web-vitals' IIFE (its attribution build) and the recorder as one init script: Playwright runs each init
// script in its own function scope, so the IIFE's top-level `var webVitals` is only visible to code in the same
// script.
const RECORDER = `${readFileSync(WEB_VITALS, "utf8")}
;(() => {
  window.__vitals = {};
  window.__attribution = {};
  const record = (metric) => {
    window.__vitals[metric.name] = metric.value;
    const a = metric.attribution || {};
    const target = a.element || a.largestShiftTarget || a.interactionTarget || null;
    if (target) window.__attribution[metric.name] = target;
  };
  webVitals.onLCP(record, { reportAllChanges: true });
  webVitals.onCLS(record, { reportAllChanges: true });
  webVitals.onINP(record, { reportAllChanges: true, durationThreshold: 16 });
  webVitals.onTTFB(record);
  webVitals.onFCP(record);
})();
`;

// The first control of these kinds that is visible, not disabled and would not send a form.
const SAFE_CONTROLS = [
  'button[aria-expanded="false"]',
  '[role="tab"][aria-selected="false"]',
  // A filter: clicking a select opens its list without changing its value (Escape closes it). Desktop only: a
  // phone's native picker holds the page's input.
  "select",
  'input[type="checkbox"]',
  "h1",
];

async function interact(page: Page, profile: Profile): Promise<string> {
  let used = "Tab only";
  const selectors = SAFE_CONTROLS.filter((selector) => !(profile.isMobile && selector === "select"));
  search: for (const selector of selectors) {
    const candidates = page.locator(selector);
    const count = Math.min(await candidates.count(), 20);
    for (let index = 0; index < count; index += 1) {
      const control = candidates.nth(index);
      const usable = await control
        .evaluate(
          (element) => {
            const button = element.closest("button");
            const box = element.getBoundingClientRect();
            const visible =
              box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden";
            const disabled =
              (element as HTMLButtonElement).disabled || element.getAttribute("aria-disabled") === "true";
            const submits = button !== null && (button.type === "submit" || button.form !== null);
            return visible && !disabled && !submits;
            // Short: the page may have re-rendered since it was counted (hydration on a slow CPU), and a locator
            // waits for its element to come back.
          },
          undefined,
          { timeout: 1_000 },
        )
        .catch(() => false);
      if (!usable) continue;
      // Something else on top of it (a sticky bar, a focused skip link): the next candidate.
      const clicked = await control
        .click({ timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
      if (!clicked) continue;
      used = selector;
      await page.waitForTimeout(SETTLE_MS);
      await page.keyboard.press("Escape");
      break search;
    }
  }
  // A keyboard interaction too: focus moves to the first control.
  await page.keyboard.press("Tab");
  return used;
}

async function loadOnce(
  context: BrowserContext,
  url: string,
  profile: Profile,
  progress: { step: string },
): Promise<Load> {
  progress.step = "opening a tab";
  const page = await context.newPage();
  try {
    if (profile.cpuSlowdown > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpuSlowdown });
    }
    progress.step = "loading";
    const response = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => undefined);
    await page.waitForTimeout(SETTLE_MS);
    progress.step = "reading the page's width";
    const horizontalOverflowPx = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    progress.step = "interacting";
    const interaction = await interact(page, profile);
    await page.waitForTimeout(SETTLE_MS);
    // Hidden: web-vitals reports the final LCP, CLS and INP on visibilitychange, as when a tab is left.
    progress.step = "reading the vitals";
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    const { vitals, attribution } = await page.evaluate(() => {
      const recorded = window as unknown as {
        __vitals: Record<string, number>;
        __attribution: Record<string, string>;
      };
      return { vitals: recorded.__vitals, attribution: recorded.__attribution };
    });
    const value = (name: string, digits = 0) =>
      typeof vitals[name] === "number" ? Number(vitals[name].toFixed(digits)) : null;
    return {
      status: response?.status() ?? 0,
      lcpMs: value("LCP"),
      cls: value("CLS", 4),
      inpMs: value("INP"),
      ttfbMs: value("TTFB"),
      fcpMs: value("FCP"),
      interaction,
      horizontalOverflowPx,
      attribution: {
        lcpElement: attribution.LCP ?? null,
        largestShift: attribution.CLS ?? null,
        inpTarget: attribution.INP ?? null,
      },
    };
  } finally {
    await page.close();
  }
}

function median(values: Array<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (!present.length) return null;
  const middle = Math.floor(present.length / 2);
  const upper = present[middle] ?? 0;
  const value = present.length % 2 ? upper : ((present[middle - 1] ?? upper) + upper) / 2;
  return Number(value.toFixed(4));
}

async function measurePage(
  browser: Browser,
  url: string,
  profile: Profile,
  runs: number,
): Promise<{ runs: Load[]; median: Vitals; stuck: string[] }> {
  const loads: Load[] = [];
  const stuck: string[] = [];
  // One unmeasured load warms the server's and Chromium's caches for the page; then each measured load gets a
  // fresh context (an empty HTTP cache, as a merchant opening the page for the first time that day).
  for (let index = 0; index <= runs; index += 1) {
    const context = await browser.newContext({
      viewport: profile.viewport,
      deviceScaleFactor: profile.deviceScaleFactor,
      isMobile: profile.isMobile,
      hasTouch: profile.isMobile,
    });
    await context.addInitScript(RECORDER);
    const progress = { step: "" };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timed out">((resolve) => {
      timer = setTimeout(() => resolve("timed out"), LOAD_TIMEOUT_MS);
    });
    try {
      const attempt = loadOnce(context, url, profile, progress);
      // Once abandoned, its failure (the closed context) is expected: not an unhandled rejection.
      attempt.catch(() => undefined);
      const load = await Promise.race([attempt, timedOut]);
      if (load === "timed out") {
        // A page that never finishes (a busy main thread, a hung interaction) is a result, not a reason to hang.
        stuck.push(
          `load ${index + 1} stopped answering while ${progress.step} (${LOAD_TIMEOUT_MS / 1000} s)`,
        );
      } else if (index > 0) loads.push(load);
    } finally {
      clearTimeout(timer);
      await Promise.race([context.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
  }
  return {
    runs: loads,
    stuck,
    median: {
      lcpMs: median(loads.map((load) => load.lcpMs)),
      cls: median(loads.map((load) => load.cls)),
      inpMs: median(loads.map((load) => load.inpMs)),
      ttfbMs: median(loads.map((load) => load.ttfbMs)),
      fcpMs: median(loads.map((load) => load.fcpMs)),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

async function run({ provider, options, cleanup, signal, log }: RunContext): Promise<RunOutcome> {
  // The pages' timings hardly depend on the database at the demo's size: the plain `npm run bench` measures
  // them once, on the SQLite pass; `--scenario admin-vitals` measures on every database it is given.
  if (options.quick && provider !== "sqlite" && options.databases.includes("sqlite")) {
    return {
      details: { skipped: "the quick form runs on the sqlite pass only" },
      summary: ["skipped: the quick form runs once, with sqlite"],
      problems: [],
    };
  }
  const runs = options.quick ? RUNS.quick : RUNS.full;
  const database = await createThrowawayDatabase(provider);
  const dropDatabase = cleanup.add(`drop the ${provider} database (admin-vitals)`, database.drop);
  try {
    log(`starting the demo stack (${DEMO_ORDERS} orders, ${provider})`);
    const stack = await startDemoStack({ databaseUrl: database.url, orders: DEMO_ORDERS });
    const stopStack = cleanup.add(`stop the demo stack (admin-vitals, ${provider})`, stack.stop);
    const serverOutput = recordOutputTail(stack.app.process);
    const results: PageResult[] = [];
    const problems: string[] = [];
    try {
      const pages = await resolvePaths(database.url, "parcelwise-demo.myshopify.com", adminPages());
      for (const page of pages)
        if (!page.url) problems.push(`${page.id}: no seeded row for :${page.missing}`);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--no-sandbox",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
        ],
      });
      const closeBrowser = cleanup.add("close Chromium (admin-vitals)", () => browser.close());
      try {
        for (const profile of PROFILES) {
          for (const page of pages) {
            if (!page.url) continue;
            signal.throwIfAborted();
            log(`${profile.name} ${page.url}: ${runs} loads`);
            const measured = await measurePage(browser, `${stack.app.url}${page.url}`, profile, runs);
            for (const message of measured.stuck) problems.push(`${profile.name} ${page.url}: ${message}`);
            const failedLoads = measured.runs.filter((load) => load.status !== 200);
            if (failedLoads.length)
              problems.push(
                `${profile.name} ${page.url}: HTTP ${failedLoads.map((load) => load.status).join(", ")}`,
              );
            const overflow = Math.max(0, ...measured.runs.map((load) => load.horizontalOverflowPx));
            const { lcpMs, cls, inpMs } = measured.median;
            const result: PageResult = {
              page: page.id,
              url: page.url,
              profile: profile.name,
              median: measured.median,
              runs: measured.runs,
              horizontalOverflowPx: overflow,
              interactions: [...new Set(measured.runs.map((load) => load.interaction))],
              passes: {
                lcp: lcpMs !== null && lcpMs <= THRESHOLDS.lcpMs,
                cls: cls !== null && cls <= THRESHOLDS.cls,
                inp: inpMs !== null && inpMs <= THRESHOLDS.inpMs,
                noHorizontalScroll: profile.name !== "mobile" || overflow <= 0,
              },
            };
            results.push(result);
            const failing = Object.entries(result.passes)
              .filter(([, passed]) => !passed)
              .map(([name]) => name);
            if (failing.length) {
              const where = measured.runs[0]?.attribution;
              const culprits = [
                !result.passes.lcp && where?.lcpElement ? `LCP element ${where.lcpElement}` : null,
                !result.passes.cls && where?.largestShift ? `largest shift ${where.largestShift}` : null,
                !result.passes.inp && where?.inpTarget ? `slowest interaction on ${where.inpTarget}` : null,
              ].filter(Boolean);
              problems.push(
                `${profile.name} ${page.url}: ${failing.join(", ")} (LCP ${lcpMs} ms, CLS ${cls}, INP ${inpMs} ms, overflow ${overflow} px${culprits.length ? `; ${culprits.join("; ")}` : ""})`,
              );
            }
          }
        }
      } finally {
        await closeBrowser();
      }
    } finally {
      await stopStack();
    }
    if (problems.length) log(`problems; the app's last output:\n${serverOutput()}`);
    return {
      details: {
        pages: results.length / PROFILES.length,
        runsPerPage: runs,
        thresholds: THRESHOLDS,
        profiles: PROFILES,
        browser: "headless Chromium (playwright-core), web-vitals 4 injected before the app's scripts",
        demo: `demo stack, ${DEMO_ORDERS} seeded orders, ${provider}`,
        results,
      },
      summary: [
        "page                          profile  LCP ms  CLS     INP ms  TTFB ms  FCP ms  overflow  verdict",
        ...results.map((result) =>
          [
            result.url.replace(/\/app\/(shipments|support)\/[^/]+$/, "/app/$1/:id").padEnd(30),
            result.profile.padEnd(8),
            String(result.median.lcpMs ?? "—").padStart(6),
            String(result.median.cls ?? "—").padStart(7),
            String(result.median.inpMs ?? "—").padStart(6),
            String(result.median.ttfbMs ?? "—").padStart(7),
            String(result.median.fcpMs ?? "—").padStart(6),
            `${result.horizontalOverflowPx} px`.padStart(8),
            Object.values(result.passes).every(Boolean) ? " pass" : " FAIL",
          ].join("  "),
        ),
        `medians of ${runs} loads per page and profile; thresholds LCP ≤ ${THRESHOLDS.lcpMs} ms, CLS ≤ ${THRESHOLDS.cls}, INP ≤ ${THRESHOLDS.inpMs} ms; mobile: 360 px, CPU ×4`,
      ],
      problems,
    };
  } finally {
    await dropDatabase();
  }
}

const adminVitals: SelfContainedScenario = {
  kind: "self-contained",
  name: "admin-vitals",
  description:
    "Web vitals (LCP, CLS, INP, TTFB, FCP) of every admin page of the demo in Chromium with web-vitals, desktop and 360 px mobile with a 4x CPU slowdown, medians against Built for Shopify's thresholds, and no horizontal scroll at 360 px.",
  run,
};

export default adminVitals;
