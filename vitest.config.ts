import { defineConfig } from "vitest/config";

// Unit tests run once; integration tests run once per database (tests/setup/*), so both providers pass the
// same suite. End-to-end tests drive the built demo in Chromium.
export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "tests/unit/**/*.test.ts",
            "tests/extensions/**/*.test.ts",
            // Checkout and customer account UI extensions, through @shopify/ui-extensions-tester.
            "tests/extensions/**/*.test.tsx",
            "tests/*.test.ts",
            "shopify-standin/**/*.test.ts",
          ],
          // The tester imports the extension's module itself: inlined, that import goes through Vite (TSX).
          server: { deps: { inline: ["@shopify/ui-extensions-tester"] } },
        },
      },
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/sqlite-template.ts"],
          setupFiles: ["tests/setup/database-per-file.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgresql",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/postgresql-template.ts"],
          setupFiles: ["tests/setup/database-per-file.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
        },
      },
    ],
  },
});
