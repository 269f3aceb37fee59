// Decides whether `next build` must run before `next start`: no build yet, or a source file newer
// than the last build.
import fs from "node:fs";
import path from "node:path";

// Everything `next build` compiles: both routers, the root hooks (instrumentation, proxy) and the config.
const SOURCES = [
  "app",
  "pages",
  "components",
  "lib",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (SKIP.has(entry) || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}
