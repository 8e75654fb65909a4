import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// End-to-end tests drive the production build, as a merchant's server would run it.
export function requireBuild(): void {
  if (!existsSync("build/server/index.js")) {
    throw new Error(
      "build/ is missing: run `npm run build` before the end-to-end tests (npm run test:all does)",
    );
  }
}

export function temporarySqliteUrl(name: string): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), `parcelwise-e2e-${name}-`));
  return `file:${path.join(directory, "demo.db")}`;
}

export const SCREENSHOT_DIR = "test-results/screenshots";
