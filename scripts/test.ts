// `npm test`: every suite — Vitest on SQLite, Vitest integration tests on a throwaway PostgreSQL,
// and Playwright against the production server in Chromium — then one line totalling them all.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { postgresAvailable } from "@/test/support/postgres-cluster";

const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, ".tmp", "reports");
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

type Tally = { name: string; passed: number; failed: number; exitCode: number };
const tallies: Tally[] = [];
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function vitest(name: string, env: Record<string, string>, extra: string[] = []): void {
  const out = path.join(reports, `${name}.json`);
  const r = spawnSync(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...extra], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  const report = readJson<{ numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean }>(out);
  // A runner that died without a report counts as one failure, never as silence.
  tallies.push({
    name,
    passed: report?.numPassedTests ?? 0,
    failed: report ? report.numFailedTests : 1,
    exitCode: r.status ?? 1,
  });
}

function playwright(): void {
  const out = path.join(reports, "playwright.json");
  const r = spawnSync(bin("playwright"), ["test"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  });
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(out);
  tallies.push({
    name: "playwright",
    passed: report ? report.stats.expected + report.stats.flaky : 0,
    failed: report ? report.stats.unexpected : 1,
    exitCode: r.status ?? 1,
  });
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

const only = process.argv[2];
if (!only || only === "unit") vitest("vitest-sqlite", {});
if (!only || only === "postgres") {
  if (postgresAvailable() || process.env.CI === "true") {
    vitest("vitest-postgresql", { LANTERN_TEST_DB: "postgresql" });
  } else {
    console.warn("\n*** PostgreSQL server binaries not found: SKIPPING the PostgreSQL lane (CI=true makes this a failure) ***\n");
  }
}
if (!only || only === "e2e") playwright();

// Figures tests recorded with test/support/measures.ts (issue 8: fuzzed requests, CLI runs under
// load, memory beside the server, ...), before the totals so the last line stays the totals.
const measures = fs.existsSync(path.join(reports, "measures.txt")) ? fs.readFileSync(path.join(reports, "measures.txt"), "utf8").trim() : "";
if (measures) {
  console.log("\nMeasures:");
  for (const line of measures.split("\n")) console.log(`  ${line}`);
}

console.log("\nSuites:");
for (const t of tallies) console.log(`  ${t.name}: ${t.passed} passed, ${t.failed} failed (exit ${t.exitCode})`);
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed + (t.failed === 0 && t.exitCode !== 0 ? 1 : 0), 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
