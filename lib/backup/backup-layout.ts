// What a backup holds and where it comes from. The backup folder mirrors the data folder:
//   lantern.db                              the SQLite database (one file, no -wal/-shm)
//   evidence/sha256/<aa>/<bb>/<sha256>      the committed evidence blobs, named by their hash
//   signing-key.pem, signing-keys-retired/  the signing keys (lib/signing), when kept as files
//   auth-secret                             the session secret (lib/auth/auth-secret.ts), when a file
//   manifest.json                           sizes and hashes of all of the above
// Only SQLite with the local blob store can be backed up this way; PostgreSQL and S3 have their own
// tools (README, "Backup and restore").
import fs from "node:fs";
import path from "node:path";
import { authSecretPath } from "@/lib/auth/auth-secret";
import { sqlitePath } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { retiredKeysDir, signingKeyPath } from "@/lib/signing/signing-key";

export const DB_NAME = "lantern.db";
export const EVIDENCE_NAME = "evidence";
/** Committed blobs only: tmp/, claims/, gc/ and leases are in-flight state, not content. */
export const BLOBS_SUBDIR = "sha256";
const SHA256_NAME = /^[0-9a-f]{64}$/;

export type InstancePaths = {
  databaseFile: string;
  evidenceDir: string;
  dataDir: string;
  /** Secret files, as [path in the backup, path on this instance]. */
  secrets: Array<[string, string]>;
  /** Keys and secrets set by environment variables: keep them yourself. */
  fromEnvironment: string[];
};

export function instancePaths(): InstancePaths {
  const config = env();
  if (config.databaseProvider !== "sqlite") {
    throw new AppError(
      "INVALID_INPUT",
      "DATABASE_URL is PostgreSQL: back it up with pg_dump -Fc (or continuous archiving with WAL) as the README's \"Backup and restore\" section shows; npm run backup covers SQLite only",
    );
  }
  if (config.LANTERN_STORAGE !== "local") {
    throw new AppError(
      "INVALID_INPUT",
      "LANTERN_STORAGE=s3: protect the bucket with versioning or replication as the README's \"Backup and restore\" section shows; npm run backup covers the local evidence folder only",
    );
  }
  const secrets: Array<[string, string]> = [];
  const fromEnvironment: string[] = [];
  if (config.LANTERN_SIGNING_KEY) fromEnvironment.push("LANTERN_SIGNING_KEY");
  else secrets.push(["signing-key.pem", signingKeyPath()]);
  if (config.AUTH_SECRET) fromEnvironment.push("AUTH_SECRET");
  else secrets.push(["auth-secret", authSecretPath()]);
  // Retired public keys live in the data folder even when the current key comes from the environment.
  const retired = retiredKeysDir();
  for (const name of listFiles(retired)) secrets.push([`signing-keys-retired/${name}`, path.join(retired, name)]);
  return { databaseFile: path.resolve(sqlitePath(config.databaseUrl)), evidenceDir: config.evidenceDir, dataDir: config.dataDir, secrets, fromEnvironment };
}

function listFiles(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/** Committed blobs under <evidenceDir>/sha256, as paths relative to evidenceDir ("sha256/aa/bb/<hash>"). */
export function listBlobs(evidenceDir: string): string[] {
  const root = path.join(evidenceDir, BLOBS_SUBDIR);
  const found: string[] = [];
  for (const a of listDirs(root)) {
    for (const b of listDirs(path.join(root, a))) {
      for (const name of listFiles(path.join(root, a, b))) {
        if (SHA256_NAME.test(name) && name.startsWith(a + b)) found.push(`${BLOBS_SUBDIR}/${a}/${b}/${name}`);
      }
    }
  }
  return found;
}

function listDirs(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/** Absent, or a folder with nothing in it. */
export function isEmptyOrAbsent(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return true;
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR") return false;
    throw e;
  }
}
