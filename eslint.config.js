// ESLint 9 flat config for Parcelwise.
// Non-type-aware typescript-eslint (fast, no tsconfig project needed).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig(
  globalIgnores([
    "**/node_modules/**",
    "build/**",
    ".cache/**",
    "public/build/**",
    "app/types/*.d.ts", // GraphQL codegen output
    "prisma/postgresql/**", // generated from prisma/schema.prisma
    "coverage/**",
    "test-results/**",
    "bench/results/**",
    "extensions/*/dist/**",
    "extensions/*/shopify.d.ts", // the `shopify` global's types, written by Shopify CLI (`shopify app dev`)
    ".shopify/**",
    ".tmp/**", // local scratch space (gitignored)
  ]),
  {
    linterOptions: {
      reportUnusedDisableDirectives: "error",
    },
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  // Everything outside the theme extensions runs on Node (server, scripts, tests, configs).
  {
    files: ["**/*.{js,mjs,cjs,ts,mts,cts,tsx}"],
    ignores: ["extensions/**/assets/**"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },

  // Remix app code is rendered on the server and hydrated in the browser.
  {
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
  },

  // React (JSX files only).
  {
    files: ["**/*.tsx", "**/*.jsx"],
    ...react.configs.flat.recommended,
    settings: { react: { version: "detect" } },
  },
  {
    files: ["**/*.tsx", "**/*.jsx"],
    ...react.configs.flat["jsx-runtime"],
  },
  {
    files: ["**/*.tsx", "**/*.jsx"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
    },
  },

  // Theme app extension assets: plain browser scripts served by Shopify's CDN.
  {
    files: ["extensions/**/assets/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser },
    },
  },

  // Project-wide rules.
  {
    rules: {
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          args: "after-used",
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      "@typescript-eslint/no-non-null-assertion": "error",
    },
  },

  // CommonJS/plain-JS scripts may legitimately use require().
  {
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
