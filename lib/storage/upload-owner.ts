// Which process owns a temporary (or a commit claim) in the blob store, and whether it still runs.
// Every name the store writes for an upload in progress starts with its owner's tag:
//   <host>-<pid>-<start>     host: 8 hex digits naming this machine and its PID namespace
//                            pid: the process; start: its start time in clock ticks since boot
// A process on the same host and in the same PID namespace can tell for certain whether the owner
// still runs (the pid exists, is not a zombie, and started at the same tick: a recycled pid is a
// different process). For an owner elsewhere (another container, a shared network folder or object
// store) nothing can be told from here: callers fall back to the age of what it left.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";

const TAG = /^([0-9a-f]{8})-(\d+)-(\d+)$/;

type Owner = { host: string; pid: number; start: string };

let self: string | undefined;

/** This process's tag. */
export function uploadOwnerTag(): string {
  self ??= formatTag({ host: hostId(), pid: process.pid, start: processStart(process.pid) ?? "0" });
  return self;
}

/** A name for something this process writes: "<tag>.<suffix>". */
export function ownedName(suffix: string): string {
  return `${uploadOwnerTag()}.${suffix}`;
}

/** The owner tag a name starts with ("<tag>." prefix), or undefined for a name in another form. */
export function ownerTagOf(name: string): string | undefined {
  const dot = name.indexOf(".");
  const tag = dot < 0 ? name : name.slice(0, dot);
  return TAG.test(tag) ? tag : undefined;
}

/**
 * true: the owner has certainly ended (same host and PID namespace, and its process is gone, a
 * zombie, or a different process under a recycled pid). false: it certainly runs. undefined: it
 * lives elsewhere (or the name is in an older form), so nobody here can tell.
 */
export function isOwnerGone(tag: string | undefined): boolean | undefined {
  const owner = tag === undefined ? undefined : parseTag(tag);
  if (!owner || owner.host !== hostId()) return undefined;
  if (owner.pid === process.pid) return owner.start !== uploadOwnerTag().split("-")[2];
  const state = procStat(owner.pid);
  if (state === null) return !processExists(owner.pid); // no /proc (not Linux): the pid alone
  if (state === undefined) return true; // no such process
  if (state.state === "Z" || state.state === "X") return true;
  return owner.start !== "0" && state.start !== owner.start;
}

function formatTag(o: Owner): string {
  return `${o.host}-${o.pid}-${o.start}`;
}

function parseTag(tag: string): Owner | undefined {
  const m = TAG.exec(tag);
  return m ? { host: m[1], pid: Number(m[2]), start: m[3] } : undefined;
}

let host: string | undefined;

/** The machine and PID namespace: two containers on one host see different PID numbers. */
function hostId(): string {
  if (host) return host;
  let pidNamespace = "";
  try {
    pidNamespace = fs.readlinkSync("/proc/self/ns/pid");
  } catch {
    /* not Linux: the host name alone */
  }
  let bootId = "";
  try {
    bootId = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    /* not Linux */
  }
  // The boot id makes a tag from before a reboot foreign to this boot's pids (they restart at 1).
  host = createHash("sha256").update(`${os.hostname()}\n${pidNamespace}\n${bootId}`).digest("hex").slice(0, 8);
  return host;
}

function processStart(pid: number): string | undefined {
  const stat = procStat(pid);
  return stat ? stat.start : undefined;
}

/** From /proc/<pid>/stat: null without /proc, undefined when the process does not exist. */
function procStat(pid: number): { state: string; start: string } | null | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch (e) {
    // ENOENT with a /proc of our own: no such process. Anything else: ask the pid alone.
    if ((e as NodeJS.ErrnoException).code === "ENOENT" && fs.existsSync("/proc/self/stat")) return undefined;
    return null;
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses; starttime is field 22.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0], start: fields[19] };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
