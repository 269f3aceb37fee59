// Starts the production server (`next start`, building first if stale) on a data folder and port
// of the benchmark's own, and stops it afterwards.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { buildIsStale } from "@/lib/setup/build-freshness";
import { SERVER_NODE_FLAGS, serverMallocEnv } from "@/lib/setup/server-process";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

export type Server = { baseUrl: string; pid: number; stop: () => Promise<void> };

export async function startServer(env: Record<string, string>, port: number): Promise<Server> {
  if (buildIsStale(root)) {
    console.log("Building (sources changed since the last build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  // The flags `npm start` gives the server, then BENCH_SERVER_NODE_ARGS: more flags for the server's
  // Node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes (Node refuses
  // --cpu-prof in NODE_OPTIONS), or "--no-single-threaded-gc" to compare (lib/setup/server-process.ts).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, nextBin, "start", "-p", String(port)], {
    cwd: root,
    env: serverMallocEnv({ ...process.env, ...env, AUTH_TRUST_HOST: "true", NODE_ENV: "production" }),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
