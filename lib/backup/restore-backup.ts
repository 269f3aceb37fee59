// `npm run restore -- DIR`: checks every file of the backup against manifest.json, then copies it
// into an empty data folder (LANTERN_DATA_DIR, or the database and evidence paths the configuration
// names), so that `npm start` on that folder runs the instance as it was at the backup.
import fs from "node:fs";
import path from "node:path";
import { readManifest, verifyBackup, type BackupManifest } from "@/lib/backup/backup-manifest";
import { DB_NAME, EVIDENCE_NAME, instancePaths, isEmptyOrAbsent } from "@/lib/backup/backup-layout";
import { AppError } from "@/lib/errors";

export type RestoreResult = { manifest: BackupManifest; files: number; dataDir: string };

export async function restoreBackup(backupDir: string): Promise<RestoreResult> {
  const from = path.resolve(backupDir);
  const to = instancePaths();
  if (!isEmptyOrAbsent(to.dataDir)) throw new AppError("CONFLICT", `The data folder ${to.dataDir} is not empty: restore into an empty one (set LANTERN_DATA_DIR)`);
  for (const target of [to.databaseFile, to.evidenceDir]) {
    if (fs.existsSync(target) && !isEmptyOrAbsent(target)) throw new AppError("CONFLICT", `${target} already exists: restore into an empty data folder`);
  }
  const manifest = readManifest(from);
  verifyBackup(from, manifest);

  for (const entry of manifest.files) {
    const source = path.join(from, ...entry.path.split("/"));
    const [head, ...rest] = entry.path.split("/");
    const destination =
      entry.path === DB_NAME ? to.databaseFile
      : head === EVIDENCE_NAME ? path.join(to.evidenceDir, ...rest)
      : path.join(to.dataDir, ...entry.path.split("/"));
    fs.mkdirSync(path.dirname(destination), { recursive: true, mode: 0o700 });
    fs.copyFileSync(source, destination, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(destination, 0o600);
  }
  return { manifest, files: manifest.files.length, dataDir: to.dataDir };
}
