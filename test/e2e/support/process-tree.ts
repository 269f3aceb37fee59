// A process and its descendants, with their resident memory, read from /proc (Linux).
import fs from "node:fs";

export type TreeProcess = { pid: number; ppid: number; name: string; command: string; rssKb: number };

// "pid (comm) state ppid ...": comm may hold spaces and parentheses.
function parentOf(pid: string): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null; // exited meanwhile
  }
}

function describe(pid: number, ppid: number): TreeProcess | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "m").exec(status)?.[1] ?? "";
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    // VmRSS is missing for a zombie: it holds no memory.
    return { pid, ppid, name: field("Name"), command, rssKb: Number(field("VmRSS").replace(/\s*kB$/, "") || 0) };
  } catch {
    return null;
  }
}

/** `root` and every process below it, parents before children. */
export function processTree(root: number): TreeProcess[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(name);
    if (ppid !== null) children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const tree: TreeProcess[] = [];
  const visit = (pid: number, ppid: number) => {
    const p = describe(pid, ppid);
    if (!p) return;
    tree.push(p);
    for (const child of children.get(pid) ?? []) visit(child, pid);
  };
  visit(root, parentOf(String(root)) ?? 0);
  return tree;
}

/** next start renames its process "next-server (vX.Y.Z)". */
export const isNextServer = (p: TreeProcess) => p.command.startsWith("next-server") || p.name.startsWith("next-server");
