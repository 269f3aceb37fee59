// Issue 8, point 2: the admin CLI and a busy writer share one SQLite file without timing each other
// out. A second process (test/support/case-writers.ts) creates cases through lib/ with 50 writers
// at once, as the server does under 50 concurrent POST /api/v1/cases; meanwhile
// `npm run admin -- create-user` runs again and again. Neither side may see an error.
import { execFile, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { promisify } from "node:util";
import { expect, it, onTestFinished } from "vitest";
import { db } from "@/lib/db/client";
import { recordMeasure } from "@/test/support/measures";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");
const WRITERS = 50;
const LOAD_MS = 30_000;
const MIN_RUNS = 5;

it(`runs the admin CLI again and again during a ${WRITERS}-writer load with no error on either side`, { timeout: 180_000 }, async () => {
  expect(process.env.DATABASE_URL).toMatch(/^file:/); // SQLite's write lock is what this is about
  const writers = spawn(process.execPath, [tsxCli, "test/support/case-writers.ts", String(WRITERS)], {
    cwd: root,
    env: process.env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: writers.stdout! });
  const summary = new Promise<{ created: number; errorCount: number; errors: string[] }>((resolve, reject) => {
    lines.on("line", (line) => {
      if (line.startsWith("{")) resolve(JSON.parse(line));
    });
    writers.once("exit", (code) => reject(new Error(`the writers exited (${code}) without a summary`)));
  });
  summary.catch(() => undefined); // awaited below; a failure before then is not an unhandled rejection
  onTestFinished(() => {
    if (writers.exitCode === null && writers.signalCode === null) writers.kill("SIGKILL"); // never outlives the test
  });
  await new Promise<void>((resolve, reject) => {
    lines.on("line", (line) => line === "ready" && resolve());
    writers.once("exit", (code) => reject(new Error(`the writers exited (${code}) before writing`)));
  });
  // The load is on once cases are arriving.
  while ((await db().case.count()) < WRITERS) await new Promise((r) => setTimeout(r, 50));

  let runs = 0;
  const cliErrors: string[] = [];
  // At least LOAD_MS and at least MIN_RUNS runs (each is a fresh Node process, slow on a busy machine).
  const until = Date.now() + LOAD_MS;
  while (Date.now() < until || runs < MIN_RUNS) {
    runs += 1;
    const email = `cli-${runs}@example.test`;
    await run(process.execPath, [tsxCli, "scripts/admin.ts", "create-user", "--email", email, "--role", "INVESTIGATOR", "--password", "a very long password"], {
      cwd: root,
      env: process.env,
    }).catch((e: { code: number; stderr: string }) => cliErrors.push(`exit ${e.code}: ${failureOf(e.stderr)}`));
  }
  const casesDuringCli = await db().case.count();
  writers.stdin!.end();
  const server = await summary;

  recordMeasure(`CLI runs during load: ${runs}, errors: CLI ${cliErrors.length} / server ${server.errorCount} (${server.created} cases created)`);
  expect(cliErrors).toEqual([]);
  expect(server.errors).toEqual([]);
  expect(server.errorCount).toBe(0);
  expect(casesDuringCli).toBeGreaterThan(WRITERS * 2); // the load kept going while the CLI ran
  expect(await db().user.count({ where: { email: { startsWith: "cli-" } } })).toBe(runs - cliErrors.length);
});

/** The Prisma code and the first error line of a failed run's output. */
function failureOf(stderr: string): string {
  const code = /code: '(P\d{4})'/.exec(stderr)?.[1] ?? "";
  const line = stderr.split("\n").find((l) => /error|timed out|locked/i.test(l)) ?? stderr.slice(0, 200);
  return `${code} ${line.trim()}`.trim();
}
