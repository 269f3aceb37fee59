// Part (a) of `npm run bench -- dashboard-export`: the dashboard query set (lib/dashboard) over
// 100,000 cases, 20,000 actions and 1,000,000 audit events on SQLite (or, with `--db postgresql`,
// PostgreSQL: bench/bench-database.ts), for a MANAGER and for an
// INVESTIGATOR, next to a bare `SELECT count(*) FROM "Case"` timed in the same run. Target: the
// whole set < 300 ms. It runs in a Node process of its own (bench/dashboard-queries-child.ts) so its
// database and environment stay apart from part (b). BENCH_DASHBOARD_CASES / _ACTIONS / _AUDIT
// scale it down for a quick try.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";

export type DashboardBenchResult = {
  database: string;
  cases: number;
  actions: number;
  auditEvents: number;
  accounts: number;
  seedSeconds: number;
  rounds: number;
  bareCount: { median: number; p95: number };
  manager: { median: number; p95: number };
  investigator: { median: number; p95: number };
  parts: Record<string, number>;
};

export async function runDashboardQueriesBench(): Promise<string> {
  const script = path.join(import.meta.dirname, "dashboard-queries-child.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: path.join(import.meta.dirname, ".."), stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const line = out.split("\n").find((l) => l.startsWith("DASHBOARD-BENCH "));
  if (code !== 0 || !line) throw new Error(`The dashboard benchmark failed (exit ${code}):\n${out}`);
  return formatDashboardResult(JSON.parse(line.slice("DASHBOARD-BENCH ".length)) as DashboardBenchResult);
}

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

export function formatDashboardResult(r: DashboardBenchResult): string {
  const target = (t: { median: number }) => (t.median < 300 ? "met" : "NOT met");
  return [
    `Dashboard queries (part a): ${r.cases.toLocaleString("en")} cases, ${r.actions.toLocaleString("en")} actions, ${r.auditEvents.toLocaleString("en")} audit events, ${r.accounts.toLocaleString("en")} accounts on ${r.database} (seeded in ${r.seedSeconds.toFixed(1)} s); ${r.rounds} rounds each, in turn (load average ${os.loadavg()[0].toFixed(1)})`,
    `bare SELECT count(*) FROM "Case"   median ${ms(r.bareCount.median)}   p95 ${ms(r.bareCount.p95)}`,
    `dashboard, MANAGER                 median ${ms(r.manager.median)}   p95 ${ms(r.manager.p95)}   = ${(r.manager.median / r.bareCount.median).toFixed(1)}x the bare count (target < 300 ms: ${target(r.manager)})`,
    `dashboard, INVESTIGATOR            median ${ms(r.investigator.median)}   p95 ${ms(r.investigator.p95)}   = ${(r.investigator.median / r.bareCount.median).toFixed(1)}x the bare count (target < 300 ms: ${target(r.investigator)})`,
    `parts for the MANAGER (median, run one at a time): ${Object.entries(r.parts).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(", ")}`,
  ].join("\n");
}
