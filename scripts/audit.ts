// `npm run audit -- verify [--checkpoint FILE]`: recomputes the audit hash chain; exit 0 when
// intact, 1 when broken. With a checkpoint file (one an outsider kept), it also detects a chain
// that was cut or rewritten before that checkpoint (decision 0024).
// `npm run audit -- checkpoint [--out FILE]`: signs the current head and writes the checkpoint file
// (default audit-checkpoint-<seq>.json in the current folder).
import fs from "node:fs";
import { parseCheckpointFile } from "@/lib/audit/checkpoint-file";
import { publishCheckpoint, verifyAgainstCheckpoint } from "@/lib/audit/checkpoints";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { runCli } from "./run-cli";

const USAGE = `Usage:
  npm run audit -- verify [--checkpoint FILE]
  npm run audit -- checkpoint [--out FILE]`;

function option(args: string[], name: string): string | undefined | null {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  return args[i + 1] ?? null;
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === "verify") {
    const checkpointPath = option(rest, "--checkpoint");
    if (checkpointPath === null) {
      console.error(USAGE);
      return 2;
    }
    if (checkpointPath) {
      const parsed = parseCheckpointFile(fs.readFileSync(checkpointPath, "utf8"));
      if ("error" in parsed) {
        console.error(`${checkpointPath}: ${parsed.error}`);
        return 2;
      }
      const report = await verifyAgainstCheckpoint(parsed.file, db());
      if (report.ok) {
        console.log(`OK: ${report.events} events, chain head ${report.headHash}; event ${report.checkpointSeq} matches the checkpoint`);
        return 0;
      }
      console.log(`BROKEN${report.brokenSeq ? ` at event ${report.brokenSeq}` : ""}: ${report.reason}`);
      return 1;
    }
    const report = await verifyAuditChain(db());
    if (report.ok) {
      console.log(`OK: ${report.events} events, chain head ${report.headHash}`);
      return 0;
    }
    console.log(`BROKEN at event ${report.brokenSeq}: ${report.reason} (${report.events} events verified before it)`);
    return 1;
  }
  if (command === "checkpoint") {
    const out = option(rest, "--out");
    if (out === null) {
      console.error(USAGE);
      return 2;
    }
    const file = await publishCheckpoint(db());
    if (!file) {
      console.error("The audit trail is empty; there is nothing to checkpoint yet.");
      return 1;
    }
    const target = out ?? `audit-checkpoint-${file.checkpoint.seq}.json`;
    fs.writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`Checkpoint of event ${file.checkpoint.seq} (${file.checkpoint.hash}) signed by key ${file.keyId}, written to ${target}`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

runCli(() => main(process.argv.slice(2)));
