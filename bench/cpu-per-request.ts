// CPU seconds per request of one load phase, read from /proc for the server's process tree and, when
// the database is a local PostgreSQL, for its whole cluster (postmaster and backends), so that the
// machine's load (other builds and benches on the same 2 cores) does not enter the figures as it
// enters latency. At saturation a route's p95 against the trivial route's follows its CPU per request.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { cpuSeconds, processTree } from "./process-tree";

export type CpuSample = { server: number; database: number | undefined };

/** The postmaster's pid of a PostgreSQL on this machine (the parent of our backend), or undefined. */
export async function postgresClusterPid(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
    const stat = fs.readFileSync(`/proc/${rows[0].pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined; // a remote server, or no /proc
  } finally {
    await client.end();
  }
}

/** CPU seconds used so far by the server's tree and the database cluster's tree. */
export function sampleCpu(serverPid: number, databasePid: number | undefined): CpuSample {
  return { server: treeCpuSeconds(serverPid), database: databasePid === undefined ? undefined : treeCpuSeconds(databasePid) };
}

/** The live tree's CPU plus what its root's children used before they exited (cutime, cstime: the
 *  postmaster reaps a backend that closes, e.g. an idle pool connection, and its CPU moves there). */
function treeCpuSeconds(root: number): number {
  return cpuSeconds(processTree(root)) + reapedChildrenCpuSeconds(root);
}

function reapedChildrenCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[13]) + Number(f[14])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** "server 1.23 ms/request, PostgreSQL 0.98 ms/request" between two samples. */
export function formatCpuPerRequest(before: CpuSample, after: CpuSample, requests: number): string {
  const ms = (s: number) => ((s * 1000) / Math.max(1, requests)).toFixed(2);
  const server = `server CPU ${ms(after.server - before.server)} ms/request`;
  return before.database === undefined || after.database === undefined ? server : `${server}, PostgreSQL ${ms(after.database - before.database)} ms/request`;
}
