// Blobs in a local folder:
//   <root>/tmp/<uuid>                      content being received (or left by a crash)
//   <root>/sha256/<aa>/<bb>/<sha256>       committed content, read-only
// Write path: stream to the temporary while hashing it (hashing-file-writer.ts), fsync it, rename it
// into place, fsync the directory. rename() is atomic on one filesystem, which is why tmp/ lives
// under the same root: a reader sees either no blob or the whole blob, never a partial one.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import type { BlobStore, ByteRange, StagedBlob, StageOptions } from "@/lib/storage/blob-store";
import { assertByteRange, rangeNotSatisfiable } from "@/lib/storage/byte-range";
import { assertSha256 } from "@/lib/storage/content-address";
import { fsyncDir, mkdirDurable, unlinkIfExists } from "@/lib/storage/durable-fs";
import { HashingFileWriter, type HashedFile } from "@/lib/storage/hashing-file-writer";
import { emptyBody } from "@/lib/storage/metered-body";

export type LocalBlobStoreOptions = {
  root: string;
  /** Write through the page cache even where O_DIRECT works (see hashing-file-writer.ts). */
  buffered?: boolean;
};

export class LocalBlobStore implements BlobStore {
  readonly root: string;
  private readonly tmpDir: string;
  private readonly buffered: boolean;

  constructor(opts: LocalBlobStoreOptions) {
    this.root = path.resolve(opts.root);
    this.tmpDir = path.join(this.root, "tmp");
    this.buffered = opts.buffered ?? false;
  }

  /** Where a blob lives; two levels of fan-out keep directories small with millions of blobs. */
  blobPath(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.root, "sha256", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async stage(body: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, opts: StageOptions): Promise<StagedBlob> {
    await mkdirDurable(this.tmpDir);
    const tmp = path.join(this.tmpDir, randomUUID());
    let written: HashedFile;
    try {
      // "wx" in the writer: never follow or reuse an existing file; 0o600: evidence is nobody else's business.
      const writer = await HashingFileWriter.open(tmp, { ...opts, buffered: this.buffered });
      await pipeline(body, writer);
      written = writer.hashed();
      if (written.sizeBytes === 0) throw emptyBody();
    } catch (e) {
      await unlinkIfExists(tmp);
      throw e;
    }
    return this.staged(tmp, written.sha256, written.sizeBytes);
  }

  private staged(tmp: string, sha256: string, sizeBytes: number): StagedBlob {
    return {
      sha256,
      sizeBytes,
      commit: () => this.commit(tmp, sha256),
      discard: () => unlinkIfExists(tmp),
    };
  }

  private async commit(tmp: string, sha256: string): Promise<void> {
    const target = this.blobPath(sha256);
    await mkdirDurable(path.dirname(target));
    if (await pathExists(target)) {
      // Same address, same bytes: keep the blob we have. This also makes a repeated commit a no-op.
      await unlinkIfExists(tmp);
    } else {
      // Read-only on disk: content never changes, so nothing should be able to open it for writing
      // by accident. (Two racing commits of the same content both rename; the second simply
      // replaces identical bytes.)
      await fs.chmod(tmp, 0o444);
      await fs.rename(tmp, target);
      await fsyncDir(path.dirname(target));
    }
    await fsyncDir(this.tmpDir);
  }

  async open(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const file = this.blobPath(sha256);
    if (range) assertByteRange(range);
    // Open first, so a missing blob is an error here rather than a stream error later.
    const handle = await fs.open(file, "r").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") throw new AppError("NOT_FOUND", "Evidence content not found");
      throw e;
    });
    if (range) {
      const { size } = await handle.stat().catch(async (e) => {
        await handle.close();
        throw e;
      });
      if (range.start >= size) {
        await handle.close();
        throw rangeNotSatisfiable();
      }
    }
    // The stream owns the handle from here and closes it when it ends or is destroyed.
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async exists(sha256: string): Promise<boolean> {
    return pathExists(this.blobPath(sha256));
  }

  async *list(): AsyncIterable<string> {
    const top = path.join(this.root, "sha256");
    // Two fan-out levels (aa/bb); anything that is not a hash (a stray file) is not a blob.
    for (const aa of await readdirOrEmpty(top)) {
      for (const bb of await readdirOrEmpty(path.join(top, aa))) {
        for (const name of await readdirOrEmpty(path.join(top, aa, bb))) if (SHA256.test(name)) yield name;
      }
    }
  }

  async sweepStale(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    const names = await readdirOrEmpty(this.tmpDir);
    let removed = 0;
    for (const name of names) {
      const file = path.join(this.tmpDir, name);
      // mtime moves with every write, so an upload still streaming in is never "stale".
      const stat = await fs.stat(file).catch(() => undefined); // gone already: committed meanwhile
      if (!stat?.isFile() || stat.mtimeMs >= cutoff) continue;
      await unlinkIfExists(file);
      removed++;
    }
    if (removed > 0) await fsyncDir(this.tmpDir);
    return removed;
  }
}

async function pathExists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    (e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return false;
      throw e;
    },
  );
}

const SHA256 = /^[0-9a-f]{64}$/;

async function readdirOrEmpty(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return [] as string[];
    throw e;
  });
}
