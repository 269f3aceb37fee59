// `npm start` / `npm run dev`: the launcher. It is the one process that stays beside the server for
// the server's whole life, so it is plain JavaScript that loads nothing (no tsx, no Prisma, no app
// code): ~45 MB, a bare Node. The start-up work (configuration check, migrations, crash sweep,
// first admin, build check and build) runs in scripts/start.ts, a child process under tsx that
// exits once done and hands back, over IPC, how to start the server. The launcher then starts the
// server, forwards SIGINT, SIGTERM and SIGHUP to whichever child is running, and ends as the
// server does: with its exit code; when the signal it forwarded (a stop asked of it) ended the
// server, by the same signal re-raised on itself; when any other signal ended the server (the OOM
// killer's SIGKILL, a stray kill), with 128 + the signal's number, as a shell reports it. So a
// supervisor (systemd Restart=on-failure, a container restart policy) sees a crash as a failure
// and a stop as a stop.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const setupScript = path.join(root, "scripts", "start.ts");

/** @type {import("node:child_process").ChildProcess | undefined} */
let running;
/** @type {NodeJS.Signals | undefined} */
let stopping;
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  process.on(signal, () => {
    stopping = signal;
    running?.kill(signal);
  });
}

/** Ends this process as a child ended: with its exit code; killed by the same signal when that is
 *  the stop this process was asked for and forwarded; else with 128 + the signal's number. */
function endLike({ code, signal }) {
  if (signal && signal !== stopping) process.exit(128 + (os.constants.signals[signal] ?? 0));
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    // Only if the signal's default action did not end us: the status a shell would give.
    setTimeout(() => process.exit(128 + (os.constants.signals[signal] ?? 0)), 1000).unref();
    return;
  }
  process.exit(code ?? 1);
}

/** @returns {Promise<{ end: { code: number | null, signal: NodeJS.Signals | null }, server?: { args: string[], env: NodeJS.ProcessEnv } }>} */
function runSetup() {
  return new Promise((resolve) => {
    let server;
    let end;
    let disconnected = false;
    // Done when the child has exited and its IPC channel is closed (so its message, if any, is in).
    const settle = () => end && disconnected && resolve({ end, server });
    running = spawn(process.execPath, ["--import", "tsx", setupScript, ...process.argv.slice(2)], {
      cwd: root,
      stdio: ["inherit", "inherit", "inherit", "ipc"],
    });
    running.on("message", (message) => (server = message.server));
    running.on("disconnect", () => {
      disconnected = true;
      settle();
    });
    running.on("exit", (code, signal) => {
      end = { code, signal };
      settle();
    });
  });
}

const setup = await runSetup();
if (setup.end.code !== 0 || !setup.server) {
  endLike(setup.end.code === 0 ? { code: 1, signal: null } : setup.end);
} else if (stopping) {
  endLike({ code: null, signal: stopping }); // asked to stop before the server started
} else {
  running = spawn(process.execPath, setup.server.args, { cwd: root, stdio: "inherit", env: setup.server.env });
  running.on("exit", (code, signal) => endLike({ code, signal }));
}
