// Evidence content lives behind this one interface so that the local folder and an S3-compatible
// object store are interchangeable and pass the same test suite (blob-store.integration.test.ts).
// Blobs are content-addressed by SHA-256: the same bytes are stored once, whoever uploads them,
// and a blob's address is also the proof of its integrity.
import type { FileHandle } from "node:fs/promises";
import { env, type Env } from "@/lib/env";
import type { CollectOptions, CollectOutcome } from "@/lib/storage/blob-collection";
import type { BufferPool } from "@/lib/storage/buffer-pool";
import { DeferredBlobStore } from "@/lib/storage/deferred-blob-store";
import { LocalBlobStore } from "@/lib/storage/local-blob-store";

/** Content that has been received and hashed but is not yet stored at its address. */
export type StagedBlob = {
  sha256: string;
  sizeBytes: number;
  /** CRC-32 (the ZIP/zlib polynomial) of the same bytes, computed in the same pass as the SHA-256;
   *  unsigned (0 to 2^32 - 1). A blob's content is fixed by its SHA-256, so this is the CRC of the
   *  blob at that address whichever upload stored it. */
  crc32: number;
  /** Durably moves the content to its address; idempotent, and keeps ONE blob per content. It also
   *  claims the blob, so the garbage collector leaves it alone until discard() (blob-collection.ts):
   *  call discard() once the row that refers to the blob is written (or has failed). */
  commit(): Promise<void>;
  /** Removes the temporary and the claim; safe to call after commit() or twice (a finally block). */
  discard(): Promise<void>;
};

export type StageOptions = {
  /** More bytes than this: PAYLOAD_TOO_LARGE, as soon as they arrive. */
  maxBytes: number;
  /** Sees every chunk as it is staged, in order (the evidence stager keeps the first bytes). */
  onChunk?: (chunk: Buffer) => void;
};

/** Inclusive byte offsets, as in an HTTP Range header: { start: 0, end: 9 } is the first 10 bytes. */
export type ByteRange = { start: number; end: number };

export type OpenOptions = {
  /** Read into this pool's buffers, which the consumer hands back with pool.release() once done
   *  with each chunk (lib/storage/buffer-pool.ts; the case file export). A store may ignore it. */
  pool?: BufferPool;
};

export interface BlobStore {
  /** Streams the body to a temporary file/object while computing SHA-256 and CRC-32; memory stays flat whatever the size.
   *  Throws AppError("PAYLOAD_TOO_LARGE") as soon as more than maxBytes arrive, and AppError("INVALID_INPUT")
   *  for 0 bytes; in both cases (and on any stream error) nothing is left behind. */
  stage(body: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, opts: StageOptions): Promise<StagedBlob>;
  /** Reads a blob, whole or a range (an end past the last byte is clamped; a start past it is
   *  INVALID_INPUT). Throws AppError NOT_FOUND when missing, INVALID_INPUT for a malformed hash. */
  open(sha256: string, range?: ByteRange, opts?: OpenOptions): Promise<NodeJS.ReadableStream>;
  /** The blob's file, open for reading, where the store keeps blobs as local files: the case file
   *  export hands it to the socket without reading it (decision 0031). Absent for other stores.
   *  Throws AppError NOT_FOUND when missing. The caller closes it. */
  openFile?(sha256: string): Promise<FileHandle>;
  exists(sha256: string): Promise<boolean>;
  /** Every committed blob's SHA-256, in no particular order (temporaries are not listed). */
  list(): AsyncIterable<string>;
  /** Removes the temporaries (and commit claims) that no live upload owns: at once those of a
   *  process of this host that has ended (upload-owner.ts), and those of owners that cannot be
   *  checked from here (another host) once untouched for longer than olderThanMs. Returns how
   *  many temporaries (and unfinished multipart uploads) it removed. */
  sweepStale(olderThanMs: number): Promise<number>;
  /** Deletes a committed blob if it is older than the grace period, no upload claims it and
   *  isReferenced() answers false; safe against uploads committing the same content meanwhile. */
  collect(sha256: string, opts: CollectOptions): Promise<CollectOutcome>;
}

/** Builds the store that the configuration names. The S3 store is a DeferredBlobStore: its SDK is
 *  imported at the first use, so that a server on local storage never loads it. */
export function createBlobStore(e: Env): BlobStore {
  if (e.LANTERN_STORAGE === "s3") {
    return new DeferredBlobStore(async () => new (await import("@/lib/storage/s3-blob-store")).S3BlobStore({
      // parseEnv guarantees the bucket when LANTERN_STORAGE=s3.
      bucket: e.LANTERN_S3_BUCKET!,
      region: e.LANTERN_S3_REGION,
      endpoint: e.LANTERN_S3_ENDPOINT,
      forcePathStyle: e.LANTERN_S3_FORCE_PATH_STYLE,
      credentials:
        e.LANTERN_S3_ACCESS_KEY_ID && e.LANTERN_S3_SECRET_ACCESS_KEY
          ? { accessKeyId: e.LANTERN_S3_ACCESS_KEY_ID, secretAccessKey: e.LANTERN_S3_SECRET_ACCESS_KEY }
          : undefined,
    }));
  }
  return new LocalBlobStore({ root: e.evidenceDir });
}

let cached: BlobStore | undefined;

/** The process-wide store (one S3 client, one connection pool), built from env() on first use. */
export function blobStore(): BlobStore {
  cached ??= createBlobStore(env());
  return cached;
}
