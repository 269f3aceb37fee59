// A Lantern production server of a spec's own — `npm start` (scripts/start.mjs: the set-up child
// scripts/start.ts migrates, sweeps, bootstraps; then `next start`) on its own port and data
// folder, from the build the shared e2e server uses — for specs that must kill or restart the
// server without touching the shared one.
// It runs in a process group of its own, so a signal reaches every process of it, the `next start`
// child that actually serves requests included.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");

export type OwnServerOptions = {
  port: number;
  dataDir: string;
  admin: { email: string; password: string };
  env?: Record<string, string>;
};

export type OwnServer = {
  baseUrl: string;
  pid: number;
  /** The launcher's exit code, or the signal that ended it; null while it runs. */
  exitCode: () => number | string | null;
  /** Everything the server printed so far (stdout and stderr, interleaved). */
  output: () => string;
  /** Resolves once GET /api/health answers 200; rejects (with the output) if the server exits first. */
  ready: (timeoutMs?: number) => Promise<void>;
  /** Signals the whole process group and waits until none of its processes is alive. Idempotent. */
  kill: (signal: "SIGKILL" | "SIGTERM") => Promise<void>;
};

export async function startOwnServer(opts: OwnServerOptions): Promise<OwnServer> {
  if (await portAnswers(opts.port)) throw new Error(`Port ${opts.port} is already in use; set another with LANTERN_E2E_CRASH_PORT`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(opts.port),
    LANTERN_DATA_DIR: opts.dataDir,
    LANTERN_ADMIN_EMAIL: opts.admin.email,
    LANTERN_ADMIN_PASSWORD: opts.admin.password,
    DATABASE_URL: "",
    ...opts.env,
  };
  // --no-build: serve the shared server's build; a rebuild would delete it from under that server.
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs", "--no-build"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start scripts/start.mjs");
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  let exitCode: number | string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exitCode = code ?? signal;
      resolve();
    }),
  );
  const baseUrl = `http://127.0.0.1:${opts.port}`;

  return {
    baseUrl,
    pid,
    exitCode: () => exitCode,
    output: () => output,
    ready: async (timeoutMs = 120_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exitCode !== null) throw new Error(`The server exited (${exitCode}) before it was ready. Output:\n${output}`);
        const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        if (Date.now() > deadline) throw new Error(`The server was not ready within ${timeoutMs} ms. Output:\n${output}`);
        await tick(100);
      }
    },
    kill: async (signal) => {
      try {
        process.kill(-pid, signal);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
      }
      // SIGTERM lets the launcher forward the signal and `next start` shut down; give it a while,
      // then make sure.
      const settled = await groupGone(pid, signal === "SIGKILL" ? 15_000 : 30_000);
      if (!settled && signal === "SIGTERM") {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          /* gone meanwhile */
        }
        await groupGone(pid, 15_000);
      }
      if (!(await groupGone(pid, 0))) throw new Error(`Processes of group ${pid} survived ${signal}`);
      await exited; // reaped, its pipes closed
    },
  };
}

/** Polls until no live (non-zombie) process is left in the group; false on timeout. */
async function groupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (liveMembers(pgid).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await tick(25);
  }
}

// From /proc (Linux): members of a process group that are still running. A killed grandchild is
// re-parented to whatever reaps orphans here, and may linger as a zombie, which holds no files
// or sockets: it counts as gone. But a process's main thread can show as a zombie while another
// of its threads is still in the kernel (the evidence writer's worker finishing an O_DIRECT write
// or an fdatasync, which a signal does not interrupt); until that thread is out, the process's
// files, the listening socket included, stay open. So every thread must be gone.
function liveMembers(pgid: number): number[] {
  const live: number[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    if (Number(statFields(stat)[2]) !== pgid) continue;
    if (threadStates(name).some((state) => state !== "Z" && state !== "X")) live.push(Number(name));
  }
  return live;
}

// "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
const statFields = (stat: string) => stat.slice(stat.lastIndexOf(")") + 2).split(" ");

function threadStates(pid: string): string[] {
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return []; // exited meanwhile
  }
  return tids.flatMap((tid) => {
    try {
      return [statFields(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8"))[0]];
    } catch {
      return []; // exited meanwhile
    }
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function tick(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
