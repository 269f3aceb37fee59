// `npm run backup -- DIR`: a consistent copy of this SQLite instance (database, evidence blobs, keys
// and secrets, manifest.json with hashes) into a new or empty folder, while the app runs
// (lib/backup, decision 0025). PostgreSQL and S3 are refused with a pointer to the README.
import { createBackup } from "@/lib/backup/create-backup";
import { runCli } from "./run-cli";

async function main(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0].startsWith("-")) {
    console.error("Usage: npm run backup -- DIR   (DIR: a new or empty folder)");
    return 2;
  }
  const { manifest, durationMs, bytes, damagedBlobs, phases } = await createBackup(args[0]);
  console.log(`Backed up ${manifest.files.length} files (${bytes} bytes: the database, ${manifest.evidence.blobs} evidence blobs, ${manifest.secrets.length} key/secret files) in ${Math.round(durationMs)} ms` +
    ` (database ${Math.round(phases.databaseMs)} ms, blobs ${Math.round(phases.blobsMs)} ms)`);
  console.log(`Snapshot taken at ${manifest.startedAt}; manifest: ${args[0]}/manifest.json`);
  for (const blob of damagedBlobs) console.error(`WARNING: ${blob} does not match its SHA-256 name (damaged before the backup; run npm run evidence -- verify-all)`);
  for (const note of manifest.notInBackup) console.log(`Not in the backup: ${note}`);
  return 0;
}

runCli(() => main(process.argv.slice(2)));
