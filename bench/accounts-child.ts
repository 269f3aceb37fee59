// Runs bench/accounts.ts in a Node process of its own, so its peak RSS is the accounts part's alone.
// V8 heap cap: the import's live heap stays near 110 MB, but with no cap V8 lets the garbage of
// 100,000 parsed rows grow to ~700 MB before it collects; 192 MB keeps collections regular
// (no slow-down measurable in these noisy runs; docs/BENCHMARKS.md).
import { spawn } from "node:child_process";
import path from "node:path";
import { formatAccountsResult, type AccountsBenchResult } from "./accounts";

export const ACCOUNTS_BENCH_NODE_FLAGS = ["--max-old-space-size=192"];

export async function runAccountsBench(): Promise<string> {
  const script = path.join(import.meta.dirname, "accounts.ts");
  const child = spawn(process.execPath, [...ACCOUNTS_BENCH_NODE_FLAGS, "--import", "tsx", script], {
    cwd: path.join(import.meta.dirname, ".."),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const line = out.split("\n").find((l) => l.startsWith("ACCOUNTS-BENCH "));
  if (code !== 0 || !line) throw new Error(`The accounts benchmark failed (exit ${code}):\n${out}`);
  return formatAccountsResult(JSON.parse(line.slice("ACCOUNTS-BENCH ".length)) as AccountsBenchResult);
}
