// `npm run restore -- DIR`: checks a backup made by `npm run backup` against its manifest (every
// file's size and SHA-256), then restores it into an empty data folder (LANTERN_DATA_DIR), ready
// for `npm start` (lib/backup, decision 0025).
import { restoreBackup } from "@/lib/backup/restore-backup";
import { runCli } from "./run-cli";

async function main(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0].startsWith("-")) {
    console.error("Usage: npm run restore -- DIR   (into an empty LANTERN_DATA_DIR)");
    return 2;
  }
  const { manifest, files, dataDir } = await restoreBackup(args[0]);
  console.log(`Restored ${files} files (snapshot of ${manifest.startedAt}) into ${dataDir}`);
  for (const note of manifest.notInBackup) console.log(`Not in the backup, set it again: ${note}`);
  return 0;
}

runCli(() => main(process.argv.slice(2)));
