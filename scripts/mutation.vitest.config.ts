// The Vitest configuration for `npm run test:mutation`: the project's own, running only the test
// files named in LANTERN_MUTATION_TESTS (comma-separated). Not Stryker's `testFiles` option: with
// it, Stryker 10 activates static mutants (a table, a constant) only after the module has loaded,
// so every one of them "survives" (scripts/mutation.ts, docs/MUTATION.md).
import path from "node:path";
import { defineConfig } from "vitest/config";
import base from "../vitest.config";

const tests = (process.env.LANTERN_MUTATION_TESTS ?? "").split(",").filter(Boolean);
if (tests.length === 0) throw new Error("LANTERN_MUTATION_TESTS names no test file");

export default defineConfig({
  ...base,
  root: path.resolve(import.meta.dirname, ".."),
  test: { ...base.test, include: tests },
});
