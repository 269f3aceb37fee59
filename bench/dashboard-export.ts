// `npm run bench -- dashboard-export` (issue 12, "How it is measured"), in two separate parts:
//   (a) the dashboard query set over 100,000 cases, 20,000 actions and 1,000,000 audit events,
//       next to a bare SELECT count(*) (owned by the dashboard work);
//   (b) the export of a case with 1 GiB of evidence through the real server, next to `cp` of the
//       same blob files, with the server's peak RSS growth (bench/export-case-file.ts).
// `npm run bench -- dashboard-export a` or `... b` runs one part only (BENCH_DASHBOARD_EXPORT_PART=a|b also works).
// Both run on SQLite, or on PostgreSQL with `--db postgresql` (bench/bench-database.ts; each part in a
// process of its own creates its database on the cluster bench/run.ts started), and name it in their output.
import { runDashboardQueriesBench } from "./dashboard-queries";
import { runExportBench } from "./export-case-file";

// ---------------------------------------------------------------------------------------------
// Part (a): dashboard queries (bench/dashboard-queries.ts, in a process of its own).
async function runDashboardPart(): Promise<string> {
  return runDashboardQueriesBench();
}

// ---------------------------------------------------------------------------------------------
// Part (b): case file export (bench/export-case-file.ts).
async function runExportPart(): Promise<string> {
  return runExportBench();
}

export async function runDashboardExportBench(args: string[] = []): Promise<void> {
  const only = args[0] ?? process.env.BENCH_DASHBOARD_EXPORT_PART;
  if (only !== "b") console.log(await runDashboardPart());
  if (only !== "a") console.log(await runExportPart());
}
