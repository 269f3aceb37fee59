// `npm run backup -- DIR`: a consistent copy of a running SQLite instance (decision 0025).
// 1. The database through SQLite's online backup API on a connection of its own, copied in one
//    step: that step reads one snapshot (WAL lets writers go on meanwhile), so the copy is the
//    database as it was at one instant, never a torn mix of pages.
// 2. Then the committed evidence blobs. A blob is written and renamed into place before the row
//    that names it commits, and never changes after, so every blob the snapshot refers to is on
//    disk when the copy of the blobs begins. Blobs committed later come along too (harmless:
//    unreferenced, and the collector removes them after its grace period). The kernel copies them
//    on the thread pool while this thread hashes the copies (copy-blobs.ts).
// 3. The keys and secrets kept in the data folder, and manifest.json with every file's size and
//    SHA-256, written last: a folder without a manifest is an unfinished backup.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BACKUP_FORMAT, copyHashing, hashFile, MANIFEST_NAME, type BackupManifest, type ManifestFile } from "@/lib/backup/backup-manifest";
import { DB_NAME, EVIDENCE_NAME, instancePaths, isEmptyOrAbsent, listBlobs } from "@/lib/backup/backup-layout";
import { copyBlobs } from "@/lib/backup/copy-blobs";
import { AppError } from "@/lib/errors";

export type BackupResult = {
  manifest: BackupManifest;
  durationMs: number;
  bytes: number;
  /** Blobs whose content no longer matches their name (copied as they are; `npm run evidence -- verify-all` names their items). */
  damagedBlobs: string[];
  /** Milliseconds spent on the database snapshot, and then on the blobs (copied while the snapshot's file is hashed). */
  phases: { databaseMs: number; blobsMs: number };
};

/** All pages in a single backup step (better-sqlite3 caps the count at 2^31 - 1). */
const ALL_PAGES = 0x7fffffff;

export async function createBackup(targetDir: string): Promise<BackupResult> {
  const target = path.resolve(targetDir);
  const source = instancePaths();
  if (!isEmptyOrAbsent(target)) throw new AppError("CONFLICT", `${target} is not empty: back up into a new or empty folder`);
  if (!fs.existsSync(source.databaseFile)) throw new AppError("NOT_FOUND", `No database at ${source.databaseFile}: nothing to back up`);
  const inside = path.relative(source.dataDir, target);
  if (!inside.startsWith("..") && !path.isAbsolute(inside)) throw new AppError("INVALID_INPUT", `${target} is inside the data folder ${source.dataDir}: back up somewhere else`);

  const began = performance.now();
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  const files: ManifestFile[] = [];

  const startedAt = new Date();
  const connection = new Database(source.databaseFile, { readonly: true, fileMustExist: true });
  try {
    await connection.backup(path.join(target, DB_NAME), { progress: () => ALL_PAGES });
  } finally {
    connection.close();
  }
  fs.chmodSync(path.join(target, DB_NAME), 0o600);
  const databaseMs = performance.now() - began;

  // The blobs' copies start on the thread pool; this thread hashes the database file meanwhile.
  const copying = copyBlobs(source.evidenceDir, path.join(target, EVIDENCE_NAME), listBlobs(source.evidenceDir), `${EVIDENCE_NAME}/`);
  copying.catch(() => undefined); // awaited below; not unhandled if hashing the database throws first
  files.push({ path: DB_NAME, ...hashFile(path.join(target, DB_NAME)) });
  const blobs = await copying;
  files.push(...blobs.files);
  const damagedBlobs = blobs.damaged;

  const blobsMs = performance.now() - began - databaseMs;
  const secrets: string[] = [];
  for (const [relative, from] of source.secrets) {
    if (!fs.existsSync(from)) continue;
    const to = path.join(target, ...relative.split("/"));
    fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
    files.push({ path: relative, ...copyHashing(from, to) });
    secrets.push(relative);
  }

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    database: { provider: "sqlite", path: DB_NAME },
    evidence: { blobs: blobs.files.length, bytes: blobs.bytes },
    secrets,
    notInBackup: source.fromEnvironment.map((name) => `${name} (set by the environment: keep it with your configuration)`),
    files,
  };
  fs.writeFileSync(path.join(target, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
  return { manifest, durationMs: performance.now() - began, bytes: files.reduce((n, f) => n + f.bytes, 0), damagedBlobs, phases: { databaseMs, blobsMs } };
}
