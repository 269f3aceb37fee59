// `npm test`: ESLint, then every suite — Vitest on SQLite, Vitest integration tests on a throwaway
// PostgreSQL, and Playwright against the production server in Chromium — then one line totalling
// them all. A lint error counts as a failure there; the lint's own figures are printed above it.
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

type LintResult = { filePath: string; errorCount: number; warningCount: number; messages: { line: number; column: number; ruleId: string | null; message: string; severity: number }[] };
let lintLine = "";
let lintFailures = 0;

/** `npm run lint` with a JSON report; its findings are printed one a line, its counts in the summary. */
function lint(): void {
  const out = path.join(reports, "eslint.json");
  const started = Date.now();
  const r = spawnSync(bin("eslint"), [".", "--format", "json", "--output-file", out], { cwd: root, stdio: "inherit", env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const report = readJson<LintResult[]>(out);
  const errors = report ? report.reduce((n, f) => n + f.errorCount, 0) : 0;
  const warnings = report ? report.reduce((n, f) => n + f.warningCount, 0) : 0;
  for (const f of report ?? []) {
    for (const m of f.messages) {
      console.log(`${path.relative(root, f.filePath)}:${m.line}:${m.column} ${m.severity === 2 ? "error" : "warning"} ${m.message} (${m.ruleId ?? "fatal"})`);
    }
  }
  lintLine = report
    ? `lint: ${errors} errors, ${warnings} warnings in ${report.length} files (${seconds} s, exit ${r.status ?? 1})`
    : `lint: no report (exit ${r.status ?? 1})`;
  console.log(`\n${lintLine}\n`);
  // Each lint error counts as one failure in the totals; ESLint exiting non-zero without an error
  // (exit 2: it could not run) or without a report counts as one: a failure, never silence.
  lintFailures = errors || (report && r.status === 0 ? 0 : 1);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

const only = process.argv[2];
if (!only || only === "lint") lint();
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
if (lintLine) console.log(`  ${lintLine}`);
for (const t of tallies) console.log(`  ${t.name}: ${t.passed} passed, ${t.failed} failed (exit ${t.exitCode})`);
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = lintFailures + tallies.reduce((n, t) => n + t.failed + (t.failed === 0 && t.exitCode !== 0 ? 1 : 0), 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
