// `npm run test:mutation [-- name ...]`: mutation testing (Stryker, Vitest runner) of the
// security-critical modules, each against its own test files only. With names (e.g.
// `login-throttle case-status`), only those modules. Not in CI: all eight take 30-60 minutes
// on two cores. Scores and how to read them: docs/MUTATION.md.
// Stryker 10's command line refuses Node 20; its API works (../shared/OFFLINE.md), hence this script.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { MutantResult } from "@stryker-mutator/api/core";
import type { Stryker as StrykerClass } from "@stryker-mutator/core";

type Module = { name: string; source: string; tests: string[] };

export const MODULES: Module[] = [
  { name: "case-policy", source: "lib/access/case-policy.ts", tests: ["lib/access/case-policy.test.ts"] },
  { name: "permissions", source: "lib/access/permissions.ts", tests: ["lib/access/permissions.test.ts", "lib/access/case-policy.test.ts"] },
  { name: "safe-redirect", source: "lib/http/safe-redirect.ts", tests: ["lib/http/safe-redirect.test.ts"] },
  {
    name: "verify-audit-chain",
    source: "lib/audit/verify-audit-chain.ts",
    tests: ["lib/audit/verify-audit-chain.integration.test.ts", "lib/audit/audit-chain.integration.test.ts"],
  },
  { name: "case-status", source: "lib/cases/case-status.ts", tests: ["lib/cases/case-status.test.ts", "lib/cases/cases.integration.test.ts"] },
  { name: "canonical", source: "lib/audit/canonical.ts", tests: ["lib/audit/canonical.test.ts", "lib/audit/audit-chain.integration.test.ts"] },
  { name: "multipart-form-parser", source: "lib/http/multipart-form-parser.ts", tests: ["lib/http/multipart-form-parser.test.ts"] },
  {
    name: "login-throttle",
    source: "lib/auth/login-throttle.ts",
    tests: ["lib/auth/login-throttle.integration.test.ts", "lib/auth/auth.integration.test.ts"],
  },
];

const root = path.resolve(import.meta.dirname, "..");
// The package's entry also loads its command line, which refuses Node 20 at import: load the class alone.
const { Stryker } = (await import(
  pathToFileURL(path.join(root, "node_modules/@stryker-mutator/core/dist/src/stryker.js")).href
)) as { Stryker: typeof StrykerClass };
const outDir = path.join(root, ".tmp", "mutation");

type Tally = { killed: number; timeout: number; survived: number; noCoverage: number; errors: number; ignored: number };

function tally(results: MutantResult[]): Tally {
  const t: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, ignored: 0 };
  for (const r of results) {
    if (r.status === "Killed") t.killed++;
    else if (r.status === "Timeout") t.timeout++;
    else if (r.status === "Survived") t.survived++;
    else if (r.status === "NoCoverage") t.noCoverage++;
    else if (r.status === "Ignored") t.ignored++;
    else t.errors++; // CompileError, RuntimeError, Pending
  }
  return t;
}

/** Stryker's mutation score: detected (killed + timeout) over detected + undetected (survived + no coverage). */
function score(t: Tally): number {
  const detected = t.killed + t.timeout;
  const valid = detected + t.survived + t.noCoverage;
  return valid === 0 ? 100 : (100 * detected) / valid;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !MODULES.some((m) => m.name === w));
  if (unknown.length > 0) {
    console.error(`Unknown module(s): ${unknown.join(", ")}. Known: ${MODULES.map((m) => m.name).join(", ")}`);
    process.exit(2);
  }
  const modules = wanted.length > 0 ? MODULES.filter((m) => wanted.includes(m.name)) : MODULES;
  fs.mkdirSync(outDir, { recursive: true });
  const rows: string[] = [];
  let failed = false;
  for (const m of modules) {
    const started = Date.now();
    console.log(`\n=== ${m.name}: mutating ${m.source}, running ${m.tests.join(", ")} ===`);
    process.env.LANTERN_MUTATION_TESTS = m.tests.join(","); // read by scripts/mutation.vitest.config.ts
    const results = await new Stryker({
      configFile: path.join(root, "stryker.config.json"),
      mutate: [m.source],
      jsonReporter: { fileName: path.relative(root, path.join(outDir, `${m.name}.json`)) },
      ...(process.env.STRYKER_CONCURRENCY ? { concurrency: Number(process.env.STRYKER_CONCURRENCY) } : {}),
    }).runMutationTest();
    const t = tally(results);
    const s = score(t);
    if (s < 90) failed = true;
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    rows.push(`| ${m.name} | ${s.toFixed(1)}% | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.ignored} | ${t.errors} | ${minutes} min |`);
    for (const r of results.filter((x) => x.status === "Survived" || x.status === "NoCoverage")) {
      const at = `${r.location.start.line}:${r.location.start.column}`;
      console.log(`  ${r.status} ${m.source}:${at} ${r.mutatorName}${r.replacement ? ` -> ${JSON.stringify(r.replacement).slice(0, 100)}` : ""}`);
    }
  }
  console.log("\n| module | score | killed | timeout | survived | no coverage | ignored | errors | time |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const row of rows) console.log(row);
  if (failed) {
    console.log("\nAt least one module scored under 90%.");
    process.exitCode = 1;
  }
}

await main();
