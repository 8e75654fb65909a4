import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AxeResults } from "axe-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminPages, resolvePaths, type ResolvedAdminPage } from "../../scripts/lib/admin-pages";
import { DEMO, startDemoStack, type DemoStack } from "../../scripts/lib/demo-stack";
import { launchChromium } from "./browser";
import { requireBuild, temporarySqliteUrl } from "./built-app";

// Every admin page of the demo (each route module under /app with a component, found when the test runs: a new
// page is checked without editing this file), in Chromium on a desktop and on a 360 px phone:
// - axe-core finds no serious or critical violation of WCAG 2.0/2.1 A and AA, and the page has its own title;
// - Tab, from the top of the page to its end, reaches the page's own controls (past the navigation), and every
//   element it stops on is on screen, has a name and is not hidden from assistive technology.

const AXE_SOURCE = readFileSync(
  fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url)),
  "utf8",
);
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "360 px", width: 360, height: 740 },
] as const;
// Tab stops walked at most: the longest page (a full page of shipments) has fewer.
const MAX_TAB_STOPS = 300;
// Pages found when the file is collected; their URLs (seeded ids for params) once the demo runs.
const PAGES = adminPages();

let stack: DemoStack;
let browser: Browser;
let resolved: ResolvedAdminPage[] = [];
const databaseUrl = temporarySqliteUrl("accessibility");

beforeAll(async () => {
  requireBuild();
  // 120 orders, as the support walk: the demo shop then has a stuck parcel and an open help request.
  stack = await startDemoStack({ databaseUrl, orders: 120 });
  browser = await launchChromium();
  resolved = await resolvePaths(databaseUrl, DEMO.shop, PAGES);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

function urlOf(pattern: string): string {
  const page = resolved.find((candidate) => candidate.pattern === pattern);
  if (!page?.url) throw new Error(`${pattern}: the demo has no row for :${page?.missing ?? "?"}`);
  return `${stack.app.url}${page.url}`;
}

// Loaded, hydrated and drawn: charts render in the browser only, after hydration.
async function openPage(viewport: (typeof VIEWPORTS)[number], url: string): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: viewport.width, height: viewport.height },
    reducedMotion: "reduce",
  });
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  await page.locator("h1").first().waitFor();
  await page.waitForFunction(() => "__remixRouter" in window);
  // A page that keeps polling never goes quiet: it is checked as it is after a while.
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
  await page.waitForFunction(
    () => [...document.querySelectorAll("[data-chart]")].every((chart) => chart.querySelector("svg")),
    undefined,
    { timeout: 15_000 },
  );
  await page.waitForTimeout(300);
  return page;
}

type Violation = { rule: string; impact: string; help: string; targets: string[] };

async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } };
    const results = await axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? "unknown",
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  }, WCAG_TAGS);
}

type Focused = {
  element: string;
  name: string;
  visible: boolean;
  hidden: boolean;
  afterHeading: boolean;
};

// What has focus: a short description, its accessible name by the usual sources (aria-labelledby, aria-label,
// a label, alt, title, placeholder, text), whether it is on screen (or, for a visually hidden native input, its
// drawn control is), whether it sits in content hidden from assistive technology, and whether it comes after
// the page's main heading. Null once focus has left the page's elements (after the last one).
async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body || element === document.documentElement) return null;
    const text = (node: Element | null | undefined) => (node?.textContent ?? "").replace(/\s+/g, " ").trim();
    const labelledBy = (element.getAttribute("aria-labelledby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => text(document.getElementById(id)))
      .join(" ")
      .trim();
    const labels = "labels" in element ? [...((element as HTMLInputElement).labels ?? [])] : [];
    const images = [...element.querySelectorAll("img[alt], svg title, [aria-label]")].map(
      (node) => node.getAttribute("alt") ?? node.getAttribute("aria-label") ?? text(node),
    );
    const name =
      [
        labelledBy,
        element.getAttribute("aria-label") ?? "",
        labels.map((label) => text(label)).join(" "),
        element.getAttribute("alt") ?? "",
        element.getAttribute("title") ?? "",
        element.getAttribute("placeholder") ?? "",
        text(element),
        images.join(" "),
      ]
        .map((candidate) => candidate.trim())
        .find(Boolean) ?? "";
    const onScreen = (node: Element | null) => {
      if (!node) return false;
      const box = node.getBoundingClientRect();
      const style = getComputedStyle(node);
      return (
        box.width > 1 &&
        box.height > 1 &&
        style.visibility !== "hidden" &&
        Number(style.opacity) > 0 &&
        box.bottom > 0 &&
        box.right > 0 &&
        box.top < window.innerHeight &&
        box.left < window.innerWidth
      );
    };
    // Polaris draws checkboxes, radios and the like next to a transparent native input.
    const visible = onScreen(element) || onScreen(element.parentElement);
    const heading = document.querySelector("h1");
    const afterHeading = Boolean(
      heading &&
      (heading.contains(element) ||
        heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING),
    );
    const description = [
      element.tagName.toLowerCase(),
      element.getAttribute("role") ? `[role=${element.getAttribute("role")}]` : "",
      element.id ? `#${element.id}` : "",
    ].join("");
    const hidden = Boolean(element.closest('[aria-hidden="true"], [hidden], [inert]'));
    return { element: description, name, visible, hidden, afterHeading };
  });
}

describe("accessibility of every admin page, in Chromium", () => {
  it("finds the admin pages and a seeded row for each of their params", () => {
    expect(PAGES.map((page) => page.pattern)).toEqual(
      expect.arrayContaining(["/app", "/app/shipments", "/app/carriers", "/app/shipments/:shipmentId"]),
    );
    expect(resolved.filter((page) => !page.url).map((page) => `${page.pattern} (:${page.missing})`)).toEqual(
      [],
    );
  });

  describe.each(PAGES)("$pattern", ({ pattern }) => {
    it("has no serious or critical WCAG 2.1 A/AA violation (axe-core) on a desktop or at 360 px", async () => {
      const found: string[] = [];
      for (const viewport of VIEWPORTS) {
        const page = await openPage(viewport, urlOf(pattern));
        try {
          // Named for the page, then the app: "Shipments · Parcelwise".
          const title = await page.title();
          if (!/^\S.* · Parcelwise$/.test(title))
            found.push(`${pattern} at ${viewport.name}: title "${title}"`);
          for (const violation of await axeViolations(page)) {
            const line = `${pattern} at ${viewport.name}: ${violation.rule} (${violation.impact}, ${violation.help}) on ${violation.targets.length}: ${violation.targets.slice(0, 6).join(" | ")}`;
            if (BLOCKING_IMPACTS.has(violation.impact)) found.push(line);
            else console.log(`not blocking: ${line}`);
          }
        } finally {
          await page.close();
        }
      }
      expect(found).toEqual([]);
    }, 120_000);

    it("can be used with Tab from the top to the end: the page's own controls, each on screen and named", async () => {
      const problems: string[] = [];
      for (const viewport of VIEWPORTS) {
        const page = await openPage(viewport, urlOf(pattern));
        try {
          const stops: Focused[] = [];
          // Until focus leaves the page after its last element (or comes back round to the first).
          while (stops.length < MAX_TAB_STOPS) {
            await page.keyboard.press("Tab");
            const now = await focused(page);
            if (
              !now ||
              (stops.length > 0 && now.element === stops[0]?.element && now.name === stops[0]?.name)
            )
              break;
            stops.push(now);
            const where = `${viewport.name}: Tab ${stops.length} stops on ${now.element} "${now.name}"`;
            if (!now.name) problems.push(`${where} with no name`);
            if (!now.visible) problems.push(`${where} off screen`);
            if (now.hidden) problems.push(`${where} inside content hidden from assistive technology`);
          }
          if (!stops.some((stop) => stop.afterHeading))
            problems.push(
              `${viewport.name}: Tab never reaches past the page's heading (${stops.map((stop) => stop.name).join(" → ")})`,
            );
        } finally {
          await page.close();
        }
      }
      expect(problems, pattern).toEqual([]);
    }, 120_000);
  });
});
