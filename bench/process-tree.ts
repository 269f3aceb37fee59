// Memory and CPU of a process and all its descendants, read from /proc (Linux only). `next start`
// may fork workers, so the server's figures are summed over its whole tree, not just its pid.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

// /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so fields
// are counted from the last ")".
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // exited meanwhile
  }
}

/** The pid and every live descendant of it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const ppid = Number(statFields(pid)?.[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(pid);
  }
  const tree: number[] = [];
  for (const queue = [root]; queue.length > 0; ) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function statusBytes(pids: number[], field: "VmRSS" | "VmHWM"): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const kb = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}

/** Resident set size in bytes, summed over the given pids. */
export const rssBytes = (pids: number[]) => statusBytes(pids, "VmRSS");

/** The kernel's own peak RSS (VmHWM) since the last resetPeakRss, summed over the given pids.
 *  It catches spikes shorter than the sampling interval. */
export const peakRssBytes = (pids: number[]) => statusBytes(pids, "VmHWM");

/** Resets VmHWM to the current RSS ("5" > clear_refs); false where the kernel does not allow it. */
export function resetPeakRss(pids: number[]): boolean {
  try {
    for (const pid of pids) fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** Fields of /proc/<pid>/stat summed over the given pids (indexes as statFields returns them). */
function sumStat(pids: number[], indexes: number[]): number {
  let total = 0;
  for (const pid of pids) {
    const f = statFields(pid);
    if (f) for (const i of indexes) total += Number(f[i]);
  }
  return total;
}

/** User + system CPU seconds consumed so far (utime, stime: fields 14 and 15 of stat). */
export const cpuSeconds = (pids: number[]) => sumStat(pids, [11, 12]) / CLOCK_TICKS;

/** CPU seconds so far per thread ("<thread name> <tid>"), over the given pids: shows which thread
 *  an upload's time goes to (event loop, libuv pool, workers, V8 helpers). */
export function threadCpuSeconds(pids: number[]): Map<string, number> {
  const threads = new Map<string, number>();
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited meanwhile
    }
    for (const tid of tids) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        threads.set(`${name} ${tid}`, (Number(f[11]) + Number(f[12])) / CLOCK_TICKS);
      } catch {
        /* exited meanwhile */
      }
    }
  }
  return threads;
}

/** Minor page faults so far (minflt, field 10 of stat): pages the kernel had to map in. On a VM
 *  whose memory the host reclaims each is costly; the upload's count shows whether fresh memory is
 *  being touched. */
export const minorFaults = (pids: number[]) => sumStat(pids, [7]);

export type RssSampler = { stop(): { peak: number; samples: number } };

/** Samples the tree's RSS every `intervalMs` (re-listing the tree every second) until stopped. */
export function sampleRss(root: number, intervalMs = 50): RssSampler {
  let pids = processTree(root);
  let listed = Date.now();
  let peak = rssBytes(pids);
  let samples = 1;
  const timer = setInterval(() => {
    if (Date.now() - listed > 1000) {
      pids = processTree(root);
      listed = Date.now();
    }
    peak = Math.max(peak, rssBytes(pids));
    samples++;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, rssBytes(pids));
      return { peak, samples: samples + 1 };
    },
  };
}
