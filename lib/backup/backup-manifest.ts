// manifest.json of a backup folder: every file's path (relative, "/"-separated), size and SHA-256,
// what was backed up and when. Restore checks every entry before it copies anything.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";

export const MANIFEST_NAME = "manifest.json";
export const BACKUP_FORMAT = "lantern-backup/1";

const ZManifestFile = z.object({
  path: z.string().min(1).refine((p) => !p.startsWith("/") && !p.split("/").includes("..") && !p.includes("\\"), "must be a relative path inside the backup"),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ZBackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  /** When the database snapshot began: every write acknowledged before it is in the backup. */
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  database: z.object({ provider: z.literal("sqlite"), path: z.string() }),
  evidence: z.object({ blobs: z.number().int().min(0), bytes: z.number().int().min(0) }),
  /** Keys and secrets copied from the data folder; those set by environment variables are not here. */
  secrets: z.array(z.string()),
  notInBackup: z.array(z.string()),
  files: z.array(ZManifestFile),
});

export type BackupManifest = z.infer<typeof ZBackupManifest>;
export type ManifestFile = z.infer<typeof ZManifestFile>;

const CHUNK_BYTES = 1024 * 1024;

/** Size and SHA-256 of a file, read once (synchronously: per file, much cheaper than a stream). */
export function hashFile(file: string): { bytes: number; sha256: string } {
  return copyHashing(file, undefined);
}

/** Copies `from` to a new file `to` (never overwriting), hashing the bytes on the way: one read, one write. */
export function copyHashing(from: string, to: string | undefined): { bytes: number; sha256: string } {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const input = fs.openSync(from, "r");
  let output: number | undefined;
  let bytes = 0;
  try {
    if (to !== undefined) output = fs.openSync(to, "wx", 0o600);
    for (let n; (n = fs.readSync(input, buffer, 0, CHUNK_BYTES, null)) > 0; ) {
      const chunk = buffer.subarray(0, n);
      hash.update(chunk);
      if (output !== undefined) for (let off = 0; off < n; ) off += fs.writeSync(output, chunk, off, n - off);
      bytes += n;
    }
  } finally {
    fs.closeSync(input);
    if (output !== undefined) fs.closeSync(output);
  }
  return { bytes, sha256: hash.digest("hex") };
}

export function readManifest(backupDir: string): BackupManifest {
  const file = path.join(backupDir, MANIFEST_NAME);
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch {
    throw new AppError("INVALID_INPUT", `${file} is missing: not a Lantern backup folder`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError("INVALID_INPUT", `${file} is not valid JSON`);
  }
  const parsed = ZBackupManifest.safeParse(json);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", `${file} is not a Lantern backup manifest: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

/** Every file of the manifest present with its size and hash, and no file it does not list. */
export function verifyBackup(backupDir: string, manifest: BackupManifest): void {
  for (const entry of manifest.files) {
    const file = path.join(backupDir, ...entry.path.split("/"));
    if (!fs.existsSync(file)) throw new AppError("INVALID_INPUT", `The backup is incomplete: ${entry.path} is missing`);
    const actual = hashFile(file);
    if (actual.bytes !== entry.bytes || actual.sha256 !== entry.sha256) {
      throw new AppError("INVALID_INPUT", `The backup is altered: ${entry.path} does not match its size and SHA-256 in ${MANIFEST_NAME}`);
    }
  }
}
