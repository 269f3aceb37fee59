// The evidence blobs of a backup, copied by the kernel and hashed on the thread pool (decision 0025).
// Each blob goes through one of LANES concurrent lanes: `fs.promises.copyFile` (copy_file_range on
// Linux: no bytes through JavaScript), then the copy is read back and hashed with WebCrypto's
// SHA-256 digest, which, like the copy and the read, runs on libuv's thread pool. So the copying and
// the hashing of different blobs run side by side on every core, and on a busy machine the backup's
// several threads get their share of the CPU instead of one thread's. A copy larger than
// POOL_HASH_MAX_BYTES is hashed on this thread in 1 MiB reads instead, so memory stays bounded
// (a read buffer of POOL_HASH_MAX_BYTES a lane, reused, and the digest's copy of what it holds).
// The hash is of the copy, so the manifest describes exactly the bytes in the backup; a blob is
// named by its SHA-256, so a copy whose hash differs from its name is a blob damaged at the source
// (or on the way), reported as such and kept as it is.
import { webcrypto } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hashFile, type ManifestFile } from "@/lib/backup/backup-manifest";

/** Blobs in progress at once (libuv's thread pool runs 4 tasks at a time by default). */
const LANES = 6;
const POOL_HASH_MAX_BYTES = 4 * 1024 * 1024;

export type CopiedBlobs = { files: ManifestFile[]; bytes: number; damaged: string[] };

/**
 * Copies `blobs` ("sha256/aa/bb/<hash>", relative to `evidenceDir`) to `targetEvidenceDir`, hashing each copy;
 * the manifest entries come in the order of `blobs`. A blob removed since it was listed (only the
 * collector removes one, and only one no row names) is skipped.
 */
export async function copyBlobs(evidenceDir: string, targetEvidenceDir: string, blobs: string[], pathPrefix: string): Promise<CopiedBlobs> {
  const made = new Set<string>();
  const copyAndHash = async (blob: string, buffer: () => Buffer): Promise<{ bytes: number; sha256: string } | undefined> => {
    const from = path.join(evidenceDir, ...blob.split("/"));
    const to = path.join(targetEvidenceDir, ...blob.split("/"));
    const dir = path.dirname(to);
    if (!made.has(dir)) {
      made.add(dir);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    try {
      await fs.promises.copyFile(from, to, fs.constants.COPYFILE_EXCL);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" && !fs.existsSync(from)) return undefined;
      throw e;
    }
    await fs.promises.chmod(to, 0o600);
    return hashCopy(to, buffer);
  };

  const results: Array<{ bytes: number; sha256: string } | undefined> = new Array(blobs.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    // One read buffer a lane, made when first needed and reused: fresh memory for every blob costs
    // the kernel a page fault and a zeroed page per 4 KiB.
    let own: Buffer | undefined;
    const buffer = () => (own ??= Buffer.allocUnsafeSlow(POOL_HASH_MAX_BYTES));
    while (next < blobs.length && !failed) {
      const index = next++;
      try {
        results[index] = await copyAndHash(blobs[index], buffer);
      } catch (e) {
        failed = true; // the other lanes start no further blob
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES, blobs.length) }, lane));

  const copied: CopiedBlobs = { files: [], bytes: 0, damaged: [] };
  blobs.forEach((blob, index) => {
    const result = results[index];
    if (result === undefined) return;
    copied.files.push({ path: `${pathPrefix}${blob}`, ...result });
    copied.bytes += result.bytes;
    if (result.sha256 !== path.basename(blob)) copied.damaged.push(blob);
  });
  return copied;
}

/** Size and SHA-256 of a copy just made: read into the lane's buffer and digested on the thread pool, or here when large. */
async function hashCopy(file: string, buffer: () => Buffer): Promise<{ bytes: number; sha256: string }> {
  const handle = await fs.promises.open(file, "r");
  try {
    const { size } = await handle.stat();
    if (size > POOL_HASH_MAX_BYTES) return hashFile(file);
    const into = buffer();
    let bytes = 0;
    for (let n; bytes < size && (n = (await handle.read(into, bytes, size - bytes, bytes)).bytesRead) > 0; ) bytes += n;
    const digest = await webcrypto.subtle.digest("SHA-256", into.subarray(0, bytes));
    return { bytes, sha256: Buffer.from(digest).toString("hex") };
  } finally {
    await handle.close();
  }
}
