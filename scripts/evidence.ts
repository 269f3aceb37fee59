// `npm run evidence -- verify-all`: exit 0 when every blob matches its hash (and its CRC-32 on
// record, if any), 1 otherwise; blobs that no item refers to are listed too, without failing.
// `npm run evidence -- gc`: removes the temporaries no live upload owns and the unreferenced blobs
// older than LANTERN_BLOB_GC_GRACE_MINUTES (the server also does it on a timer; decision 0010).
import { describeMaintenance, maintainStorage } from "@/lib/evidence/storage-maintenance";
import { verifyAllEvidence } from "@/lib/evidence/verify-all-evidence";
import { runCli } from "./run-cli";

async function main(command: string | undefined): Promise<number> {
  if (command === "gc") {
    console.log(describeMaintenance(await maintainStorage()));
    return 0;
  }
  if (command !== "verify-all") {
    console.error("Usage: npm run evidence -- verify-all | gc");
    return 2;
  }
  const report = await verifyAllEvidence((n) => process.stderr.write(`\rchecked ${n}`));
  process.stderr.write("\n");
  for (const f of report.failures) {
    // CRC32: the content matches its SHA-256, but the CRC-32 recorded for it did not (now corrected).
    const crc = f.crc32 ? `  crc32 on record ${f.crc32.recorded}, content ${f.crc32.observed} (record corrected)` : "";
    console.log(`${f.problem.toUpperCase()}  evidence ${f.evidenceId}  case ${f.caseId}  sha256 ${f.sha256}${crc}`);
  }
  // Not a failure: content stored without a row (its upload failed after the commit). Kept for review.
  for (const sha256 of report.unreferenced) console.log(`UNREFERENCED  sha256 ${sha256}  (stored, but no evidence item refers to it)`);
  console.log(report.failures.length ? `${report.failures.length} of ${report.checked} items FAILED` : `OK: ${report.checked} items verified`);
  return report.failures.length ? 1 : 0;
}

runCli(() => main(process.argv[2]));
