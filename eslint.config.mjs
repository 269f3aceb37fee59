// ESLint flat config (decision 0028). `npm run lint` runs it; `npm test` runs it first and prints its
// result in the closing summary, and an error fails the run.
//
// Rule sets: ESLint's and typescript-eslint's recommended sets (not the type-aware ones: they cost
// minutes on a 2-core machine and `tsc --noEmit` already type-checks), Next's core-web-vitals set,
// React hooks' recommended set, and import-x for cycles and for the one-way direction
// app -> components -> lib (lib/architecture.test.ts also keeps lib's own folders one way).
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// import-x's TypeScript settings, with the resolver given below in its newer form instead.
const { "import-x/resolver": _legacyResolver, ...importXTypeScriptSettings } = importX.flatConfigs.typescript.settings;

export default tseslint.config(
  {
    // Generated, vendored or produced by a run: never ours to lint.
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "native/*/build/**",
      "prisma/postgresql/**",
      "test/stix2.1-schemas/**",
      ".tmp/**",
      "data/**",
      "coverage/**",
      "reports/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    rules: {
      // TypeScript checks names itself (and knows the DOM, Node and React globals); ESLint's copy
      // only repeats it wrongly for types. typescript-eslint recommends turning it off.
      "no-undef": "off",
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // A CommonJS file (a `node --require` preload) has no other way to import.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Playwright reads a test's first parameter as its fixtures and requires it to be destructured,
    // so a test that needs only testInfo writes `async ({}, testInfo) => ...`.
    files: ["test/e2e/**"],
    rules: { "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }] },
  },
  {
    rules: {
      // `_`-prefixed names are the house way to say "deliberately unused" (destructuring a field
      // away, a callback's unused parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
  {
    // React code lives in app/ and components/. The set's compiler-based rules compile every file
    // they see, so they see only these (on all files they were three quarters of the lint's time).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    plugins: { "import-x": importX },
    settings: {
      // Without the TypeScript extensions and parser import-x reads no .ts file's imports, and
      // no-cycle silently finds nothing.
      ...importXTypeScriptSettings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "import-x/no-useless-path-segments": "error",
    },
  },
  {
    // One way: app -> components -> lib. lib/ never reaches up into components/ or app/, and
    // components/ never into app/. Both the "@/..." alias and relative paths are caught. Tests are
    // exempt: an integration test beside lib/ code may drive the route handler in app/ that serves it.
    files: ["lib/**", "components/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: "./app", message: "lib/ must not import app/ (app -> components -> lib)." },
            { target: "./lib", from: "./components", message: "lib/ must not import components/ (app -> components -> lib)." },
            { target: "./components", from: "./app", message: "components/ must not import app/ (app -> components -> lib)." },
          ],
        },
      ],
    },
  },
);
