// Blobs in a local folder:
//   <root>/tmp/<owner>.<uuid>              content being received (or left by a crash)
//   <root>/sha256/<aa>/<bb>/<sha256>       committed content, read-only
//   <root>/claims/<owner>.<sha256>.<uuid>  an upload committing that content (until its row is written)
//   <root>/gc/<sha256>.<uuid>              the garbage collector deleting that content
// <owner> names the process (upload-owner.ts), so a start-up sweep knows what nobody is writing
// any more; claims and gc marks keep the collector and uploads apart (blob-collection.ts).
// Write path: stream to the temporary while hashing it (SHA-256 and CRC-32: hashing-file-writer.ts), fsync it, rename it
// into place, fsync the directory. rename() is atomic on one filesystem, which is why tmp/ lives
// under the same root: a reader sees either no blob or the whole blob, never a partial one.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import {
  CLAIM_STALE_MS,
  MARK_HOLD_MAX_MS,
  MARK_STALE_MS,
  MARK_WAIT_MAX_MS,
  waitWhile,
  type CollectOptions,
  type CollectOutcome,
} from "@/lib/storage/blob-collection";
import type { BlobStore, ByteRange, OpenOptions, StagedBlob, StageOptions } from "@/lib/storage/blob-store";
import type { BufferPool } from "@/lib/storage/buffer-pool";
import { readIntoPool } from "@/lib/storage/file-segment";
import { assertByteRange, rangeNotSatisfiable } from "@/lib/storage/byte-range";
import { assertSha256 } from "@/lib/storage/content-address";
import { fsyncDir, mkdirDurable, unlinkIfExists } from "@/lib/storage/durable-fs";
import { HashingFileWriter, type HashedFile } from "@/lib/storage/hashing-file-writer";
import { emptyBody } from "@/lib/storage/metered-body";
import { LEASE_PREFIX, lastSignOfLife, leaseTimes, UploadLease } from "@/lib/storage/upload-lease";
import { isOwnerGone, ownedName, ownerTagOf, uploadOwnerTag } from "@/lib/storage/upload-owner";

export type LocalBlobStoreOptions = {
  root: string;
  /** Write through the page cache even where O_DIRECT works (see hashing-file-writer.ts). */
  buffered?: boolean;
};

/** Bytes per read when a blob is streamed out. */
const READ_CHUNK_BYTES = 1024 * 1024;

export class LocalBlobStore implements BlobStore {
  readonly root: string;
  private readonly tmpDir: string;
  private readonly claimsDir: string;
  private readonly gcDir: string;
  private readonly buffered: boolean;
  private readonly leasesDir: string;
  private readonly lease = new UploadLease(async () => {
    await mkdirDurable(this.leasesDir);
    const file = path.join(this.leasesDir, uploadOwnerTag());
    const now = new Date();
    await fs.utimes(file, now, now).catch(async () => fs.writeFile(file, "", { mode: 0o600 }));
  });

  constructor(opts: LocalBlobStoreOptions) {
    this.root = path.resolve(opts.root);
    this.leasesDir = path.join(this.root, LEASE_PREFIX);
    this.tmpDir = path.join(this.root, "tmp");
    this.claimsDir = path.join(this.root, "claims");
    this.gcDir = path.join(this.root, "gc");
    this.buffered = opts.buffered ?? false;
  }

  /** Where a blob lives; two levels of fan-out keep directories small with millions of blobs. */
  blobPath(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.root, "sha256", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async stage(body: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, opts: StageOptions): Promise<StagedBlob> {
    await mkdirDurable(this.tmpDir);
    const tmp = path.join(this.tmpDir, ownedName(randomUUID()));
    let written: HashedFile;
    // The lease tells other hosts' sweeps (a shared folder) that this stream, however slow, is alive.
    const release = await this.lease.hold();
    try {
      // "wx" in the writer: never follow or reuse an existing file; 0o600: evidence is nobody else's business.
      const writer = await HashingFileWriter.open(tmp, { ...opts, buffered: this.buffered });
      await pipeline(body, writer);
      written = writer.hashed();
      if (written.sizeBytes === 0) throw emptyBody();
    } catch (e) {
      await unlinkIfExists(tmp);
      throw e;
    } finally {
      release();
    }
    return this.staged(tmp, written);
  }

  private staged(tmp: string, { sha256, sizeBytes, crc32 }: HashedFile): StagedBlob {
    const claim = path.join(this.claimsDir, ownedName(`${sha256}.${randomUUID()}`));
    return {
      sha256,
      sizeBytes,
      crc32,
      commit: async () => {
        // Claim first, then look for a gc at work on this content (blob-collection.ts).
        await mkdirDurable(this.claimsDir);
        await fs.writeFile(claim, "", { flag: "a", mode: 0o600 });
        await waitWhile(() => this.isBeingCollected(sha256), MARK_WAIT_MAX_MS);
        await this.commit(tmp, sha256);
      },
      discard: async () => {
        await unlinkIfExists(tmp);
        await unlinkIfExists(claim);
      },
    };
  }

  private async isBeingCollected(sha256: string): Promise<boolean> {
    return (await readdirOrEmpty(this.gcDir)).some((name) => name.startsWith(`${sha256}.`));
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

  async openFile(sha256: string): Promise<fs.FileHandle> {
    return fs.open(this.blobPath(sha256), "r").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") throw new AppError("NOT_FOUND", "Evidence content not found");
      throw e;
    });
  }

  async open(sha256: string, range?: ByteRange, opts: OpenOptions = {}): Promise<NodeJS.ReadableStream> {
    if (range) assertByteRange(range);
    // Open first, so a missing blob is an error here rather than a stream error later.
    const handle = await this.openFile(sha256);
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
    // The stream owns the handle from here and closes it when it ends or is destroyed. 1 MiB reads:
    // with the default 64 KiB, each read's round trip to the thread pool held a whole-file read
    // (case file export, download) to ~300 MB/s here; 1 MiB reads run at ~3.8 GB/s from the page cache.
    if (opts.pool) return Readable.from(readPooled(handle, opts.pool, range), { objectMode: true, highWaterMark: 1 });
    return handle.createReadStream({ start: range?.start, end: range?.end, highWaterMark: READ_CHUNK_BYTES });
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
    const leaseFiles: { name: string; modifiedAt: number }[] = [];
    for (const name of await readdirOrEmpty(this.leasesDir)) {
      const stat = await fs.stat(path.join(this.leasesDir, name)).catch(() => undefined);
      if (stat) leaseFiles.push({ name, modifiedAt: stat.mtimeMs });
    }
    const removed = await this.sweepOwned(this.tmpDir, cutoff, leaseTimes(leaseFiles));
    await this.sweepOwned(this.claimsDir, Math.max(cutoff, Date.now() - CLAIM_STALE_MS), new Map());
    await this.sweepOwned(this.leasesDir, cutoff, new Map()); // owners ended, or silent since the cutoff
    for (const name of await readdirOrEmpty(this.gcDir)) {
      const file = path.join(this.gcDir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && stat.mtimeMs < Date.now() - MARK_STALE_MS) await unlinkIfExists(file); // its gc died
    }
    return removed;
  }

  /** Removes the entries of a folder whose owner has ended, and those of owners that cannot be
   *  checked from here (another host, an older name) untouched since the cutoff. */
  private async sweepOwned(dir: string, cutoff: number, leases: Map<string, number>): Promise<number> {
    let removed = 0;
    for (const name of await readdirOrEmpty(dir)) {
      const file = path.join(dir, name);
      const gone = isOwnerGone(ownerTagOf(name));
      if (gone === false) continue; // a live process of this host is still writing it
      if (gone === undefined) {
        // mtime moves with every write, so an upload still streaming in is never "stale".
        const stat = await fs.stat(file).catch(() => undefined); // gone already: committed meanwhile
        // mtime moves with every write; the owner's lease, while it renews it, keeps a stalled one.
        if (!stat?.isFile() || lastSignOfLife(name, stat.mtimeMs, leases) >= cutoff) continue;
      }
      await unlinkIfExists(file);
      removed++;
    }
    if (removed > 0) await fsyncDir(dir);
    return removed;
  }

  async collect(sha256: string, { modifiedBefore, isReferenced }: CollectOptions): Promise<CollectOutcome> {
    const file = this.blobPath(sha256);
    const stat = await fs.stat(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return undefined;
      throw e;
    });
    if (!stat) return "missing";
    if (stat.mtimeMs >= modifiedBefore.getTime()) return "young";
    await mkdirDurable(this.gcDir);
    const mark = path.join(/*turbopackIgnore: true*/ this.gcDir, `${sha256}.${randomUUID()}`);
    await fs.writeFile(mark, "", { flag: "wx", mode: 0o600 });
    const markedAt = Date.now();
    try {
      if (await this.isClaimed(sha256)) return "claimed";
      if (await isReferenced()) return "referenced";
      if (Date.now() - markedAt > MARK_HOLD_MAX_MS) return "busy"; // an upload may have stopped waiting
      await unlinkIfExists(file);
      await fsyncDir(path.dirname(file));
      return "deleted";
    } finally {
      await unlinkIfExists(mark);
    }
  }

  /** A claim counts unless its owner has ended or it is older than CLAIM_STALE_MS. */
  private async isClaimed(sha256: string): Promise<boolean> {
    for (const name of await readdirOrEmpty(this.claimsDir)) {
      if (!name.includes(`.${sha256}.`) || isOwnerGone(ownerTagOf(name)) === true) continue;
      const stat = await fs.stat(path.join(this.claimsDir, name)).catch(() => undefined);
      if (stat && stat.mtimeMs >= Date.now() - CLAIM_STALE_MS) return true;
    }
    return false;
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

/** The file's bytes (a range of them: inclusive, clamped to the end) in chunks of the pool's
 *  buffers, each one read straight into a buffer the pool lends; each chunk is one object (never
 *  merged with the next), so the consumer can hand it back with pool.release(). Closes the file
 *  when done or abandoned. */
async function* readPooled(handle: fs.FileHandle, pool: BufferPool, range?: ByteRange): AsyncGenerator<Buffer> {
  try {
    yield* readIntoPool(handle, pool, range?.start ?? 0, range ? range.end + 1 : Infinity);
  } finally {
    await handle.close();
  }
}
