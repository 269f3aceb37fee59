// Builds the optional native addon native/sendfile (zero-copy evidence in the case file export,
// decision 0031) with node-gyp, as the root package's postinstall. Never fails the install: where
// it cannot be built (no compiler, not Linux), the export copies the bytes itself and this says so.
// `npm run build:native` runs it again by hand.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const dir = path.join(import.meta.dirname, "..", "native", "sendfile");
const built = path.join(dir, "build", "Release", "lantern_sendfile.node");

if (process.platform !== "linux") {
  console.log("native/sendfile: not built (Linux only); the case file export copies evidence instead");
  process.exit(0);
}
// npm hands its own node-gyp to lifecycle scripts; by hand, the one on PATH.
const gyp = process.env.npm_config_node_gyp;
const [command, args] = gyp ? [process.execPath, [gyp, "rebuild"]] : ["node-gyp", ["rebuild"]];
const run = spawnSync(command, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
if (run.status === 0 && existsSync(built)) {
  console.log("native/sendfile: built (zero-copy case file export)");
} else {
  const why = `${run.error?.message ?? ""}${run.stderr ?? ""}`.trim().split("\n").slice(-8).join("\n");
  console.warn(`native/sendfile: NOT built; the case file export will copy evidence instead (slower, same bytes).\n${why}`);
}
